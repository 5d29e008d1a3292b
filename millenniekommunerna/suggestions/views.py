"""The admin view the story editor's script asks: goals for the text as the editor has it now,
unsaved. It reads the text and answers; it never changes a story."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from millenniekommunerna.goals.models import Goal

from . import storage
from .model import MAX_TEXT_CHARS


@require_POST
def suggest_goals(request):
    text = request.POST.get("text", "")[:MAX_TEXT_CHARS]
    model = storage.load()
    if model is None:
        return JsonResponse(
            {
                "status": "no_model",
                "message": _(
                    "No suggestions yet: the model has not been trained. An administrator "
                    "runs manage.py train_goal_suggestions."
                ),
                "suggestions": [],
            }
        )
    found = model.suggest(text) if text.strip() else []
    goals = Goal.objects.in_bulk([s.goal for s in found], field_name="slug")
    suggestions = [
        {
            "goal": s.goal,
            "id": goals[s.goal].pk,
            "label": str(goals[s.goal]),
            "words": list(s.words),
            "score": round(s.score, 3),
        }
        for s in found
        if s.goal in goals  # a goal removed since the model was trained is not offered
    ]
    if suggestions:
        message = ""
    elif text.strip():
        message = _("No goal stands out in the text yet.")
    else:
        message = _("Write a title, teaser or text, and goals that fit it are suggested here.")
    return JsonResponse(
        {"status": "ok", "message": message, "suggestions": suggestions},
        json_dumps_params={"ensure_ascii": False},
    )
