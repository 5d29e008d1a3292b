from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cells(row, table):
    """`{% for value in row|cells:table %}`: the row's numbers in the table's column order."""
    return [
        (value, column) for value, column in zip(table.cells(row), table.columns[1:], strict=True)
    ]


@register.filter
def stat_number(cell, table):
    """A number as Swedish (or English) text: `1 234`, `33,3`."""
    value, column = cell
    if value is None:
        return ""
    if column.percent:
        return number_format(value, 1)
    return intcomma(value)
