"""Where the lint benches read the corpus from, and which months they read.

``corpus.corpus_dir()`` finds ``../shared/corpus`` beside the repository; a git worktree elsewhere (as under
/work/wt/) has none there, so the lint benches also take ``--corpus DIR`` or ``$NEWSKIT_CORPUS`` and fall
back to /work/shared/corpus. ``--months`` picks People's Daily months: 2020-02 is kept out of every tuning
run (the lists were tuned on 2019-02, 2019-10 and 2020-01) and reported separately.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import corpus  # bench/corpus.py (the caller put bench/ on sys.path)

FALLBACK = Path("/work/shared/corpus")
TUNING_MONTHS = ("2019-02", "2019-10", "2020-01")
HELD_OUT_MONTH = "2020-02"


def corpus_directory(explicit: str | None = None) -> Path | None:
    for candidate in (explicit, os.environ.get("NEWSKIT_CORPUS"), corpus.corpus_dir(), FALLBACK):
        if candidate and any(Path(candidate).glob(corpus.RENMIN_GLOB)):
            return Path(candidate)
    return None


def month_directory(directory: Path, months: list[str] | None) -> Path:
    """A directory holding only the chosen months' files (symlinks in a temp dir); all of them for None."""
    if not months:
        return directory
    view = Path(tempfile.mkdtemp(prefix="newskit-months-"))
    atexit.register(shutil.rmtree, view, ignore_errors=True)
    for month in months:
        source = directory / f"renmin-{month}.jsonl.gz"
        if not source.is_file():
            raise SystemExit(f"no corpus file for month {month} in {directory}")
        (view / source.name).symlink_to(source)
    return view
