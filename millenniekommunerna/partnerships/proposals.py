"""Who may see, propose and decide proposed partner places: a municipality editor proposes
places for the municipalities whose pages they edit and sees those proposals; a national
editor (who may change partner places) sees every proposal and confirms or declines it."""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import EditView

from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.municipalities.permissions import municipality_ids_editable_by

DECIDES = "partnerships.change_partnerplace"


def decides(user) -> bool:
    return user.is_active and user.has_perm(DECIDES)


class ProposalPermissionPolicy(ModelPermissionPolicy):
    def _own(self, user, queryset):
        if decides(user):
            return queryset
        return queryset.filter(municipality_id__in=municipality_ids_editable_by(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "delete" and not decides(user):
            return False
        return decides(user) or self._own(user, self.model.objects.filter(pk=instance.pk)).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return self.model.objects.none()
        return self._own(user, self.model.objects.all())

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


def proposal_form_class(base):
    """The snippet form, narrowed to what the user may do: their own municipalities, and the
    status only for those who decide."""

    class ProposalForm(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            user = getattr(self, "for_user", None)
            if user is None or decides(user):
                return
            if "municipality" in self.fields:
                self.fields["municipality"].queryset = Municipality.objects.filter(
                    pk__in=municipality_ids_editable_by(user)
                )
            self.fields.pop("status", None)

    return ProposalForm


class ProposalEditView(EditView):
    """Wagtail's snippet edit view checks the model permission only; a municipality editor
    must not open another municipality's proposal by its id."""

    def get_object(self, queryset=None):
        proposal = super().get_object(queryset)
        policy = ProposalPermissionPolicy(self.model)
        if not policy.user_has_permission_for_instance(self.request.user, "change", proposal):
            raise PermissionDenied
        return proposal
