"""`manage.py generate_people --count N --seed S --out FILE.csv`: synthetic person list for tests and
benchmarks (never loaded by `make run`)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from register.people.synthetic import generate_people


class Command(BaseCommand):
    """Write a synthetic person list in the columns of `import_people`."""

    help = (
        "Write N synthetic person records (realistic names of the deported peoples, their Cyrillic and "
        "romanized forms, links to the real camps and operations) as CSV for import_people --dataset "
        "synthetic. The same seed gives the same file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="number of persons")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--out", type=Path, required=True, help="CSV file to write")

    def handle(self, *args, count: int, seed: int, out: Path, **options):
        if count < 1:
            raise CommandError("--count must be at least 1")
        show = options["verbosity"] > 0 and sys.stderr.isatty()
        bar = None
        if show:
            from tqdm import tqdm

            bar = tqdm(total=count, unit=" rows", unit_scale=True, desc="generating")
        try:
            generate_people(count, seed, out, progress=(lambda n: bar.update(10_000)) if bar else None)
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc}") from exc
        finally:
            if bar:
                bar.close()
        self.stdout.write(f"Wrote {count} synthetic persons to {out} (seed {seed}).")
