from django import forms
from django.utils import translation

from millenniekommunerna.core.widgets import ChecklistWidget


class PickForm(forms.Form):
    fruits = forms.MultipleChoiceField(
        choices=[("1", "Äpple"), ("2", "Banan"), ("3", "Citron")],
        widget=ChecklistWidget(search_label="Sök frukt"),
    )


def test_the_checklist_names_what_is_chosen_without_javascript():
    html = str(PickForm(initial={"fruits": ["1", "3"]})["fruits"])
    assert "Äpple, Citron" in html
    assert html.count('type="checkbox"') == 3
    assert html.count(" checked") == 2
    assert 'value="2" id="id_fruits_1">' in html, "Banan is offered, not chosen"
    # The search box needs the script, so it starts hidden; its label is the one given.
    assert "data-mk-checklist-search hidden" in html
    assert '<label for="id_fruits-search">Sök frukt</label>' in html


def test_nothing_chosen_says_so():
    with translation.override("sv"):
        assert "Valda:</span>\n    <span data-mk-checklist-chosen>Inget valt<" in str(
            PickForm()["fruits"]
        )


def test_the_checklist_posts_as_checkboxes():
    form = PickForm(data={"fruits": ["2", "3"]})
    assert form.is_valid()
    assert form.cleaned_data["fruits"] == ["2", "3"]
