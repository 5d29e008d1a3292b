from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's own user model from the first migration, so accounts can grow later
    (e.g. a municipality affiliation) without a painful swap."""
