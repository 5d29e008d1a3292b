from django.core.management.base import BaseCommand, CommandError

from devtools.generator import generate_stories


def thousands(number: float) -> str:
    """`100000` → `100 000`, as numbers are written in Swedish."""
    return f"{number:,.0f}".replace(",", " ")


class Command(BaseCommand):
    help = (
        "Add N made-up but realistic published stories under the municipality pages, for "
        "benchmarks and for trying the site with a lot of data. Written in bulk: 100 000 "
        "stories take minutes. The same --seed on the same database gives the same stories. "
        "Never run it on a database with real content."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many stories to add.")
        parser.add_argument(
            "--seed", type=int, help="Seed of the random generator (default: a random one)."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            help="Stories per transaction (default: 1000).",
        )
        parser.add_argument(
            "--index",
            action="store_true",
            help="Also add the stories to the search index (slower than update_index afterwards).",
        )

    def handle(self, *args, count, seed=None, batch_size=1000, index=False, **options):
        if count < 0:
            raise CommandError("The number of stories cannot be negative.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        verbosity = options.get("verbosity", 1)
        try:
            result = generate_stories(
                count,
                seed=seed,
                batch_size=batch_size,
                index=index,
                progress=self.progress if verbosity >= 1 else None,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1 and count:
            self.stderr.write("", style_func=str)
        self.stdout.write(
            f"Added {thousands(result.created)} stories in {result.seconds:.1f} s "
            f"({thousands(result.rate)}/s), seed {result.seed}."
        )
        if not index and count:
            self.stdout.write(
                "The search index does not know them yet: run `manage.py update_index` "
                "(or pass --index next time)."
            )

    def progress(self, done: int, total: int, seconds: float) -> None:
        rate = done / seconds if seconds else 0
        self.stderr.write(
            f"\r {thousands(done)}/{thousands(total)} ({100 * done // total} %) "
            f"{thousands(rate)}/s   ",  # the spaces wipe the end of a longer previous line
            style_func=str,
            ending="",
        )
        self.stderr.flush()
