"""Who may act for which municipality. The page tree is the source of truth: the editorial
roles grant page permissions on a municipality's page, and whatever belongs to a municipality
(its tips, say) follows them."""

from wagtail.models import Page
from wagtail.permissions import policy_registry

from .models import Municipality, MunicipalityPage


def municipality_ids_editable_by(user):
    """A subquery of the ids of the municipalities whose page `user` may edit: their own for
    a municipality editor, every one for a national editor. It follows the page tree, so
    whatever grants page permissions grants the rest (tips) too."""
    if not (user and user.is_active):
        return Municipality.objects.none().values("pk")
    if user.is_superuser:
        return Municipality.objects.values("pk")
    pages = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    return MunicipalityPage.objects.filter(pk__in=pages.values("pk")).values("municipality_id")
