"""Who may keep which partnership: a municipality editor adds, changes and deletes the
partnerships their municipality takes part in (as the lead or among the other municipalities);
a national editor (who may change partner places) keeps them all. The funding programmes are
the national editors' list alone: only they have its model permissions (editorial/roles.py).

Wagtail's snippet views check the model permission only, so the edit and delete views ask this
policy about the instance too, the listing shows only the user's partnerships, and the form
offers only their municipalities as the lead."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import DeleteView, EditView

from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.municipalities.permissions import municipality_ids_editable_by

from .proposals import decides


class PartnershipPermissionPolicy(ModelPermissionPolicy):
    def _own(self, user, queryset):
        if decides(user):
            return queryset
        return queryset.involving_municipality(municipality_ids_editable_by(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if decides(user):
            return True
        return self._own(user, self.model.objects.filter(pk=instance.pk)).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return self.model.objects.none()
        return self._own(user, self.model.objects.all())

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


class OwnMunicipalityChecks:
    """Mixed into the snippet form for a municipality editor: only their municipalities may
    lead, and one of them must take part (lead, or among the others) when the form is saved.
    A national editor's form is left as it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        self.own_municipality_ids = None
        if user is None or decides(user):
            return
        self.own_municipality_ids = set(
            Municipality.objects.filter(pk__in=municipality_ids_editable_by(user)).values_list(
                "pk", flat=True
            )
        )
        if "municipality" in self.fields:
            # A partnership another municipality leads keeps its lead when a partner edits it.
            allowed = set(self.own_municipality_ids)
            if self.instance.pk and self.instance.municipality_id:
                allowed.add(self.instance.municipality_id)
            self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=allowed)

    def clean(self):
        cleaned = super().clean()
        own = self.own_municipality_ids
        if own is None:
            return cleaned
        lead = cleaned.get("municipality")
        others = cleaned.get("other_municipalities") or []
        taking_part = {m.pk for m in others} | ({lead.pk} if lead else set())
        if lead is not None and not taking_part & own:
            raise forms.ValidationError(
                _(
                    "Your municipality must take part in the partnership: choose it as the "
                    "lead or among the other Swedish municipalities."
                )
            )
        return cleaned


def partnership_form_class(base):
    """The snippet form Wagtail builds from the panels (`base`), with OwnMunicipalityChecks.
    Wagtail makes the form class once, when it first builds the admin's URLs; the checks are
    methods of a class of their own so that what they do is looked up when a form is used."""

    class PartnershipForm(OwnMunicipalityChecks, base):
        pass

    return PartnershipForm


class _OwnPartnershipMixin:
    """The snippet views load any partnership by its id; refuse the ones the user may not
    keep."""

    instance_action = "change"

    def get_object(self, queryset=None):
        partnership = super().get_object(queryset)
        policy = PartnershipPermissionPolicy(self.model)
        if not policy.user_has_permission_for_instance(
            self.request.user, self.instance_action, partnership
        ):
            raise PermissionDenied
        return partnership


class PartnershipEditView(_OwnPartnershipMixin, EditView):
    instance_action = "change"


class PartnershipDeleteView(_OwnPartnershipMixin, DeleteView):
    instance_action = "delete"
