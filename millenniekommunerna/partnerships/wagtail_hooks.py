from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FundingProgramme, PartnerPlace, PartnerPlaceProposal, Partnership
from .permissions import (
    PartnershipDeleteView,
    PartnershipEditView,
    PartnershipPermissionPolicy,
    partnership_form_class,
)
from .proposals import ProposalEditView, ProposalPermissionPolicy, proposal_form_class


class PartnerPlaceViewSet(SnippetViewSet):
    model = PartnerPlace
    icon = "globe"
    list_display = ["name", "country", "kind"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "aliases"]
    # The admin's search box filters these fields in the database: Wagtail's search backend
    # restricted to fields fails on SQLite (its full-text table has no column per field).
    search_backend_name = None


def _years(partnership) -> str:
    if partnership.start_year is None and partnership.end_year is None:
        return ""
    start = partnership.start_year or "?"
    return f"{start}–{partnership.end_year or ''}"


class PartnershipViewSet(SnippetViewSet):
    """Municipality editors keep their own municipalities' partnerships, national editors all
    (partnerships.permissions)."""

    model = Partnership
    icon = "link"
    list_display = [
        "municipality",
        "partner_place",
        Column("years", label=_("Years"), accessor=_years),
        "status",
        "funding_programme",
    ]
    list_filter = ["status", "funding_programme", "partner_place__country"]
    search_fields = ["municipality__name", "partner_place__name", "partner_place__aliases"]
    search_backend_name = None
    edit_view_class = PartnershipEditView
    delete_view_class = PartnershipDeleteView

    def get_queryset(self, request):
        return (
            PartnershipPermissionPolicy(self.model)
            .instances_user_has_any_permission_for(request.user, ["view", "change", "delete"])
            .select_related("municipality", "partner_place__country", "funding_programme")
        )

    def get_form_class(self, for_update=False):
        return partnership_form_class(super().get_form_class(for_update=for_update))


class FundingProgrammeViewSet(SnippetViewSet):
    """The national editors' list (only they have its permissions: editorial/roles.py)."""

    model = FundingProgramme
    icon = "tag"
    list_display = ["name", "slug", "url"]
    search_fields = ["name"]
    search_backend_name = None


class PartnerPlaceProposalViewSet(SnippetViewSet):
    """Municipality editors propose places for their municipalities; national editors confirm
    or decline them (partnerships.proposals)."""

    model = PartnerPlaceProposal
    icon = "plus"
    list_display = ["name", "country", "municipality", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name"]
    search_backend_name = None
    edit_view_class = ProposalEditView

    def get_queryset(self, request):
        return ProposalPermissionPolicy(self.model).instances_user_has_any_permission_for(
            request.user, ["view", "change"]
        )

    def get_form_class(self, for_update=False):
        return proposal_form_class(super().get_form_class(for_update=for_update))


class PartnershipsGroup(SnippetViewSetGroup):
    items = (
        PartnerPlaceViewSet,
        PartnershipViewSet,
        FundingProgrammeViewSet,
        PartnerPlaceProposalViewSet,
    )
    menu_icon = "globe"
    menu_label = _("Partnerships")
    menu_order = 230


register_permission_policy(Partnership, PartnershipPermissionPolicy(Partnership))
register_permission_policy(PartnerPlaceProposal, ProposalPermissionPolicy(PartnerPlaceProposal))
register_snippet(PartnershipsGroup)
