"""How good the editors' goal suggestions are, measured on stories the model never saw.

    .venv/bin/python bench/suggestions.py [--train 3000] [--test 1000]

Runs on a throw-away database of its own (Django's test database: in memory for SQLite, a
`test_…` database beside DATABASE_URL's for PostgreSQL), so no real content is read or
written: migrate, the reference data, the seed stories (`import_listing` with the editors'
goals in seed_goals.csv), then `generate_stories` twice with different seeds: a training set
and a held-out set.

Printed, micro-averaged over the stories' goals, for the top 3 suggestions:

1. the seed stories, held out; trained on the goals' descriptions and the generated training set;
2. the generated held-out set, trained likewise;
3. the seed stories, trained on the goals' descriptions alone;
4. each seed story in turn, trained on the descriptions, the generated training set and the other
   seed stories (leave one out): what an editor gets once colleagues have tagged stories.

The generator (devtools/) borrows some seed stories' titles and sentences for its topics, so
(1) is also given for the seed stories that share no title or sentence with the generated
training set.

The generated stories take their goals from the generator's own topic → goal table and their
text from a handful of sentences per topic, so (2) says little beyond "the model learns the
generator"; the seed figures are the honest ones. See bench/README.md.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SEED = BASE_DIR / "millenniekommunerna" / "data" / "seed" / "millenniekommunerna-listing.txt"
SEED_GOALS = SEED.with_name("seed_goals.csv")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=int, default=3000, help="Generated training stories.")
    parser.add_argument("--test", type=int, default=1000, help="Generated held-out stories.")
    parser.add_argument(
        "--seed", type=int, default=2026, help="Generator seed (the held-out set +1)."
    )
    parser.add_argument(
        "--no-leave-one-out", action="store_true", help="Skip (4), which trains once per story."
    )
    return parser.parse_args(argv)


def _borrowed(text: str, generated_text: str) -> bool:
    """Whether the title, or a sentence of some length, of a seed story is in the generated
    stories' text."""
    sentences = [line for line in text.split("\n") if line]
    sentences = sentences[:1] + [
        part for line in sentences[1:] for part in line.split(". ") if len(part) > 30
    ]
    return any(sentence.rstrip(".") in generated_text for sentence in sentences)


def request_times(model, texts: list[str]) -> str:
    """The admin view's time per request (model read from its file once, then kept; the
    goals looked up; the JSON written), without the admin's login check and middleware."""
    import tempfile

    from django.test import RequestFactory, override_settings

    from millenniekommunerna.suggestions import storage, views

    factory = RequestFactory()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "model.joblib"
        with override_settings(GOAL_SUGGESTIONS_MODEL_PATH=path):
            storage.save(model)
            views.suggest_goals(factory.post("/", {"text": texts[0]}))  # read the file once
            timings = []
            for text in texts:
                request = factory.post("/", {"text": text})
                begin = time.perf_counter()
                views.suggest_goals(request)
                timings.append((time.perf_counter() - begin) * 1000)
    timings.sort()
    return (
        f"One suggestion request: median {statistics.median(timings):.1f} ms, 95th percentile "
        f"{timings[int(len(timings) * 0.95)]:.1f} ms, max {timings[-1]:.1f} ms "
        f"over {len(timings)} texts."
    )


def main(argv=None) -> None:
    args = parse_args(argv)
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millenniekommunerna.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from devtools.generator import generate_stories
    from millenniekommunerna.suggestions import corpus
    from millenniekommunerna.suggestions.evaluation import add, score
    from millenniekommunerna.suggestions.model import GoalModel

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    started = time.monotonic()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
        call_command("load_reference_data", **quiet)
        call_command("import_listing", str(SEED), "--goals", str(SEED_GOALS), **quiet)
        seed_ids = {d.story_id for d in corpus.story_documents()}
        train_ids = set(generate_stories(args.train, seed=args.seed, keep_ids=True).story_ids)
        test_ids = set(generate_stories(args.test, seed=args.seed + 1, keep_ids=True).story_ids)
        print(
            f"Database ready in {time.monotonic() - started:.0f} s: {len(seed_ids)} seed stories "
            f"with goals, {len(train_ids)} generated for training, {len(test_ids)} held out."
        )
        stories = corpus.story_documents()
        seed = [d for d in stories if d.story_id in seed_ids]
        generated_test = [d for d in stories if d.story_id in test_ids]
        descriptions = corpus.goal_documents()
        generated_train = [d for d in stories if d.story_id in train_ids]

        places = corpus.place_terms()
        model = GoalModel.train(descriptions + generated_train, ignore=places)
        print(
            f"\nTrained on {model.documents} documents ({len(descriptions)} goal descriptions, "
            f"{model.stories} generated stories) in {model.seconds:.1f} s, "
            f"{len(model.terms)} terms."
        )
        print(request_times(model, [d.text for d in seed + generated_test[:200]]))
        print(f"\n1. Seed stories, held out:            {score(model, seed)}")
        # The generator's topics borrow titles and sentences from the seed stories.
        generated_text = "\n".join(d.text for d in generated_train)
        unborrowed = [d for d in seed if not _borrowed(d.text, generated_text)]
        print(
            f"   of which {len(unborrowed)} share no title or sentence with the generated "
            f"stories: {score(model, unborrowed)}"
        )
        print(f"2. Generated stories, held out:       {score(model, generated_test)}")
        only_descriptions = GoalModel.train(descriptions, ignore=places)
        print(f"3. Seed, descriptions alone:          {score(only_descriptions, seed)}")
        if not args.no_leave_one_out:
            scores = []
            for held_out in seed:
                others = [d for d in seed if d is not held_out]
                fold = GoalModel.train(descriptions + generated_train + others, ignore=places)
                scores.append(score(fold, [held_out]))
            print(f"4. Seed, leave one out:               {add(*scores)}")
        print(f"\n(total {time.monotonic() - started:.0f} s)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
