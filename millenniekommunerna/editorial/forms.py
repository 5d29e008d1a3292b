from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from millenniekommunerna.core import ratelimit


def login_limits():
    period = int(getattr(settings, "LOGIN_FAILURE_PERIOD", 15 * 60))
    return (
        ratelimit.Limit(int(getattr(settings, "LOGIN_FAILURE_LIMIT", 5)), period),
        ratelimit.Limit(int(getattr(settings, "LOGIN_FAILURE_LIMIT_PER_IP", 50)), period),
    )


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form with a limit on failed attempts per user name and address, and a
    higher one per address alone (password spraying over many user names). Counted in the
    cache, so the limit holds across web processes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's form leaves the label to the field name, untranslated.
        self.fields["password"].label = _("Password")

    def _identifiers(self):
        username = (self.cleaned_data.get("username") or "").strip().lower()
        address = ratelimit.client_ip(self.request) if self.request else "unknown"
        return f"{username}|{address}", address

    def clean(self):
        per_user, per_address = login_limits()
        user_key, address = self._identifiers()
        for scope, key, limit in (
            ("login", user_key, per_user),
            ("login-ip", address, per_address),
        ):
            state = ratelimit.peek(scope, key, limit)
            if not state.allowed:
                raise forms.ValidationError(
                    _(
                        "Too many failed login attempts. Wait %(minutes)s minutes and try "
                        "again, or ask for a new password."
                    ),
                    code="throttled",
                    params={"minutes": state.retry_after_minutes},
                )
        try:
            cleaned_data = super().clean()
        except forms.ValidationError as error:
            if any(e.code == "invalid_login" for e in error.error_list):
                ratelimit.hit("login", user_key, per_user)
                ratelimit.hit("login-ip", address, per_address)
            raise
        ratelimit.reset("login", user_key, per_user)
        return cleaned_data
