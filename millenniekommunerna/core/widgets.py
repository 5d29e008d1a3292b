"""Form widgets the admin's own set lacks."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ChecklistWidget(forms.CheckboxSelectMultiple):
    """A list of checkboxes with a search box that narrows it and a line naming what is chosen.

    For many-to-many fields such as a story's goals, partner places and countries. Wagtail's
    own multiple chooser (`MultipleChooserPanel`) works only on an inline panel over a through
    model; these fields are `ParentalManyToManyField`s that the listing, search, API and
    statistics read directly, and a plain `<select multiple>` hides what is chosen among 250
    countries. Without JavaScript the list works as plain checkboxes (the chosen line is
    rendered by the server); the script only filters and keeps the chosen line up to date."""

    template_name = "core/widgets/checklist.html"

    def __init__(self, attrs=None, choices=(), *, search_label=None):
        super().__init__(attrs, choices)
        self.search_label = search_label
        # Values offered first; the rest are shown when searched for (or without JavaScript).
        self.primary_values = None
        self.secondary_hint = ""

    class Media:
        css = {"all": ("core/checklist.css",)}
        js = ("core/checklist.js",)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = {str(v) for v in (value or [])}
        labels = [
            str(option["label"])
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
            if str(option["value"]) in chosen
        ]
        context["widget"]["chosen_labels"] = labels
        if self.primary_values:
            primary = {str(v) for v in self.primary_values} | chosen
            for _group, options, _index in context["widget"]["optgroups"]:
                for option in options:
                    option["secondary"] = str(option["value"]) not in primary
            context["widget"]["secondary_hint"] = self.secondary_hint
        context["widget"]["search_label"] = self.search_label or _("Filter the list")
        return context
