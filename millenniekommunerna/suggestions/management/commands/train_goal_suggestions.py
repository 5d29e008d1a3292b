from django.core.management.base import BaseCommand

from millenniekommunerna.suggestions import storage


class Command(BaseCommand):
    help = (
        "Train the goal suggestions of the story editor on the goals' descriptions and the "
        "published stories that have goals, and store the model (GOAL_SUGGESTIONS_MODEL_PATH). "
        "Run it at deploy and whenever many stories have been tagged; the site picks up the "
        "new model without a restart."
    )

    def handle(self, *args, **options):
        model = storage.train_and_save()
        self.stdout.write(
            f"Trained on {model.documents} documents ({model.stories} stories, "
            f"{model.documents - model.stories} goal descriptions), {len(model.terms)} terms, "
            f"in {model.seconds:.1f} s: {storage.model_path()}"
        )
