from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import PartnerPlace, PartnerPlaceProposal, Partnership
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


class PartnershipViewSet(SnippetViewSet):
    model = Partnership
    icon = "link"
    list_display = ["municipality", "partner_place", "start_year"]
    list_filter = ["partner_place__country"]


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
    items = (PartnerPlaceViewSet, PartnershipViewSet, PartnerPlaceProposalViewSet)
    menu_icon = "globe"
    menu_label = _("Partnerships")
    menu_order = 230


register_permission_policy(PartnerPlaceProposal, ProposalPermissionPolicy(PartnerPlaceProposal))
register_snippet(PartnershipsGroup)
