"""The national editor's review queue on the dashboard: Wagtail's "Awaiting your review"
panel, with each story's municipality and how long it has waited, oldest first (the story
that has waited longest is the one to review next)."""

from django.utils import timezone
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel


class ReviewQueuePanel(WorkflowObjectsToModeratePanel):
    template_name = "editorial/admin/review_queue_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        states = sorted(context["states"], key=lambda state: state["task_state"].started_at)
        for state in states:
            specific = getattr(state["obj"], "specific", state["obj"])
            state["municipality"] = getattr(specific, "municipality", None)
            started = timezone.localdate(state["task_state"].started_at)
            state["days_waiting"] = (today - started).days
        context["states"] = states
        return context
