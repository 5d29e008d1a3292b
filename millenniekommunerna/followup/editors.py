"""Who follows up a municipality's stories, read from Wagtail's page permissions rather than
from the editorial roles by name (this app knows no other feature): a municipality's editors
are the people who may change pages on that municipality's page itself (the municipality
editor groups' permissions sit there), the national editors those who may publish anywhere
(their permissions sit on the tree's root)."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import GroupPagePermission

from millenniekommunerna.municipalities.models import MunicipalityPage


def _recipients(users):
    return sorted({user.email for user in users if user.email}, key=str.lower)


def _active_users():
    return get_user_model().objects.filter(is_active=True).exclude(email="")


def national_editors() -> list[str]:
    """The national editors' addresses."""
    groups = GroupPagePermission.objects.filter(
        page__depth=1, permission__codename="publish_page"
    ).values("group_id")
    return _recipients(_active_users().filter(groups__in=groups).distinct())


def municipality_editors(municipality_ids) -> dict[int, list[str]]:
    """Each municipality's editors' addresses, by municipality id (municipalities without any
    are left out)."""
    pages = dict(
        MunicipalityPage.objects.filter(municipality_id__in=list(municipality_ids)).values_list(
            "pk", "municipality_id"
        )
    )
    rows = GroupPagePermission.objects.filter(
        page_id__in=list(pages), permission__codename="change_page"
    ).values_list("page_id", "group_id")
    groups_by_page = defaultdict(set)
    for page_id, group_id in rows:
        groups_by_page[page_id].add(group_id)
    all_groups = set().union(*groups_by_page.values()) if groups_by_page else set()
    members = defaultdict(set)
    for user in _active_users().filter(groups__in=all_groups).prefetch_related("groups"):
        for group in user.groups.all():
            if group.pk in all_groups:
                members[group.pk].add(user.email)
    found = {}
    for page_id, group_ids in groups_by_page.items():
        addresses = sorted(set().union(*(members[g] for g in group_ids)), key=str.lower)
        if addresses:
            found[pages[page_id]] = addresses
    return found


def is_national_editor(user) -> bool:
    """May publish anywhere in the tree (or is a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return GroupPagePermission.objects.filter(
        Q(group__user=user), page__depth=1, permission__codename="publish_page"
    ).exists()
