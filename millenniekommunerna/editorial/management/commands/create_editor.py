from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from millenniekommunerna.editorial import roles


class Command(BaseCommand):
    help = (
        "Create or update an editor account and email a link to set the password (in "
        "development the email is printed). --municipality CODE (repeatable) makes the account "
        "an editor of those municipalities; --national makes it a national editor. Roles are "
        "added, never removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            metavar="CODE",
            help="SCB code of a municipality, e.g. 0128 (repeatable).",
        )
        parser.add_argument("--national", action="store_true", help="National editor.")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--no-email", action="store_true", help="Do not send the set-password link."
        )

    def handle(self, *args, email, municipality, national, first_name, last_name, **options):
        from millenniekommunerna.municipalities.models import Municipality

        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        if not municipality and not national:
            raise CommandError("Give --municipality CODE (one or more) or --national.")
        codes = [code.strip() for code in municipality]
        found = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise CommandError(
                f"Unknown municipality code(s): {', '.join(unknown)}. Use the four-digit SCB "
                "code, e.g. 0128 for Salem."
            )

        with transaction.atomic():
            roles.ensure_editorial_setup()
            user, created = self._user(email, first_name, last_name)
            groups = []
            if national:
                groups.append(roles.ensure_national_group())
            for code in codes:
                groups.append(roles.ensure_municipality_group(found[code]).group)
            user.groups.add(*groups)

        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {email}"))
        for name in sorted(user.groups.values_list("name", flat=True)):
            self.stdout.write(f"  group: {name}")
        if not options["no_email"]:
            self._send_link(user, created)
            self.stdout.write(f"A link to set the password has been sent to {email}.")

    def _user(self, email, first_name, last_name):
        from wagtail.users.models import UserProfile

        user_model = get_user_model()
        user = user_model.objects.filter(username__iexact=email).first()
        created = user is None
        if created:
            user = user_model(username=email, email=email, is_active=True)
            user.set_unusable_password()
        user.email = email
        user.first_name = first_name or user.first_name
        user.last_name = last_name or user.last_name
        user.save()
        profile = UserProfile.get_for_user(user)
        if not profile.preferred_language:
            profile.preferred_language = settings.LANGUAGE_CODE
            profile.save(update_fields=["preferred_language"])
        return user, created

    def _send_link(self, user, created):
        path = reverse(
            "wagtailadmin_password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "user": user,
            "created": created,
            "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
            "login_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_login"),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("editorial/emails/invitation_subject.txt", context).strip()
            body = render_to_string("editorial/emails/invitation.txt", context)
        send_mail(subject, body, None, [user.email])
