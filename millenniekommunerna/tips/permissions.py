from wagtail.permission_policies import ModelPermissionPolicy


class TipPermissionPolicy(ModelPermissionPolicy):
    """Tips follow the page tree: a user sees the tips of the municipalities whose pages they
    may edit (a municipality editor their own, a national editor all). Changing and deleting
    a tip also need the model permission, which only national editors have.

    Municipality editors get no model permission on tips at all, so the tips' entries in the
    audit log stay hidden from them too."""

    def _edits_some_municipality(self, user) -> bool:
        cached = getattr(user, "_tips_edits_some_municipality", None)
        if cached is None:
            from millenniekommunerna.municipalities.permissions import municipality_ids_editable_by

            cached = municipality_ids_editable_by(user).exists()
            user._tips_edits_some_municipality = cached
        return cached

    def user_has_permission(self, user, action):
        if not (user and user.is_active):
            return False
        if super().user_has_permission(user, action):
            return True
        return action == "view" and self._edits_some_municipality(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.model.objects.visible_to(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model.objects.visible_to(user)
        return self.model.objects.none()
