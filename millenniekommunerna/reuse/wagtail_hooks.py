from wagtail import hooks

from .validation import clean_adapted_from


@hooks.register("clean_story_form")
def check_adapted_from(form, cleaned_data):
    clean_adapted_from(form, cleaned_data)
