from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Tools for development and benchmarks only: `manage.py generate_stories`. Installed by
    `settings/dev.py` and `settings/test.py`, never by the production settings."""

    name = "devtools"
    label = "devtools"
    verbose_name = "Development tools"
