"""Horizontal bar charts as SVG, one per statistics table: the label above each bar (so long
names need no room beside it and the chart reads on a phone), the number after the bar."""

from dataclasses import dataclass

from django.utils.formats import number_format

from .tables import Table

WIDTH = 420
FONT_SIZE = 15
LABEL_HEIGHT = 19
BAR_HEIGHT = 14
ROW_GAP = 10
VALUE_ROOM = 56  # right of the longest bar, for its number
MAX_LABEL_LENGTH = 46


@dataclass
class Bar:
    label: str
    value_text: str
    label_y: float
    bar_y: float
    width: float
    colour: str
    value_x: float
    value_y: float


@dataclass
class Chart:
    slug: str
    width: int
    height: int
    bars: list[Bar]
    font_size: int = FONT_SIZE
    bar_height: int = BAR_HEIGHT


def _short(label: str) -> str:
    if len(label) <= MAX_LABEL_LENGTH:
        return label
    return label[: MAX_LABEL_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def bar_chart(table: Table) -> Chart:
    column = table.chart_column
    values = [row.values.get(column.key) or 0 for row in table.rows]
    scale_max = 100 if column.percent else max(values, default=0)
    room = WIDTH - VALUE_ROOM
    bars, y = [], 4
    for row, value in zip(table.rows, values, strict=True):
        width = room * value / scale_max if scale_max else 0
        # Something is drawn for every non-zero value, however small next to the largest.
        width = max(width, 2) if value else 0
        text = number_format(value, 1 if column.percent else 0)
        if column.percent:
            text += " %"
        bars.append(
            Bar(
                label=_short(row.label),
                value_text=text,
                label_y=y + FONT_SIZE,
                bar_y=y + LABEL_HEIGHT + 2,
                width=round(width, 1),
                colour=row.colour,
                value_x=round(width + 6, 1),
                value_y=y + LABEL_HEIGHT + 2 + BAR_HEIGHT - 2,
            )
        )
        y += LABEL_HEIGHT + 2 + BAR_HEIGHT + ROW_GAP
    return Chart(slug=table.slug, width=WIDTH, height=max(y, 24), bars=bars)
