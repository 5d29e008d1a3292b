from django import forms
from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import QUERY_MAX_LENGTH, Frequency
from .scope import find_place, normalised, read_query

HONEYPOT_FIELD = "webbplats"


class ChoicesForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the emails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language in its own name ("Svenska", "English"), as the language switcher has it.
        self.fields["language"].choices = [
            (code, translation.get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
        ]
        self.fields["frequency"].choices = [
            (Frequency.DAILY, _("Daily: one email on the days after new stories")),
            (Frequency.WEEKLY, _("Weekly: one email on Mondays about the week before")),
        ]


class FollowForm(ChoicesForm):
    """An address asks to follow one listing state or partner place. The thing followed comes
    back in hidden fields and is read again as the listing reads it; the address gets a mail
    to confirm before anything else is sent to it."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send a link to it that you must click first. It is never shown to anyone."),
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
    place = forms.CharField(required=False, widget=forms.HiddenInput, max_length=60)
    webbplats = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    field_order = ["email", "frequency", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})

    def clean_email(self):
        # Django's normalisation lower-cases the domain; the part before @ stays as written.
        return BaseUserManager.normalize_email(self.cleaned_data["email"].strip())

    def clean(self):
        cleaned_data = super().clean()
        if (self.data.get(HONEYPOT_FIELD) or "").strip():
            raise ValidationError(
                _(
                    "Nothing was saved because the field “Leave this field empty” was filled "
                    "in. Empty it and send again."
                ),
                code="honeypot",
            )
        place_slug = cleaned_data.get("place") or ""
        if place_slug:
            place = find_place(place_slug)
            if place is None:
                raise ValidationError(_("There is no such partner place to follow."), code="place")
            cleaned_data["target"] = {"place": place, "query": ""}
        else:
            selection = read_query(cleaned_data.get("query") or "")
            if selection.notices:
                raise ValidationError(
                    _("What you wanted to follow could not be read: %(notices)s"),
                    code="query",
                    params={"notices": " ".join(selection.notices)},
                )
            query = normalised(selection)
            if len(query) > QUERY_MAX_LENGTH:
                raise ValidationError(
                    _("The search is too long to follow. Choose fewer filters or words."),
                    code="query_length",
                )
            cleaned_data["target"] = {"place": None, "query": query}
        return cleaned_data
