from pathlib import Path


REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


# CI runs hypothesis with a fixed seed so a pass or fail is reproducible; locally it explores new examples.
try:
    import os

    from hypothesis import settings as _hyp_settings

    _hyp_settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        _hyp_settings.load_profile("ci")
except ImportError:  # hypothesis is a test extra; plain pytest runs without it skip nothing here
    pass


def from_reference(load):
    """``load(reference)`` with bench/reference.py importable (old code loaded from git history); the test
    is skipped where git or the commit is not available."""
    import sys

    import pytest

    bench = str(Path(__file__).resolve().parents[1] / "bench")
    sys.path.insert(0, bench)
    try:
        import reference

        try:
            return load(reference)
        except reference.NoReference as exc:
            pytest.skip(str(exc))
    finally:
        sys.path.remove(bench)
