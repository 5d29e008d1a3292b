import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create an administrator account with a random password, printed once, unless an "
        "administrator already exists. Never changes an existing account."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")

    def handle(self, *args, username, email, **options):
        user_model = get_user_model()
        existing = user_model.objects.filter(is_superuser=True).order_by("pk").first()
        if existing:
            self.stdout.write(
                f"An administrator exists ({existing.get_username()}). To set a new password: "
                f"python manage.py changepassword {existing.get_username()}"
            )
            return
        password = secrets.token_urlsafe(18)
        user_model.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdministrator created. Log in at /admin/ with\n"
                f"  username: {username}\n  password: {password}\n"
                "The password is shown only this once.\n"
            )
        )
