"""Load a module as it was at an older commit, for differential checks of a ported kernel against the
implementation it replaced (the package keeps one implementation; the old one lives in git history only).

    ref = module_at("063d066", "newskit/split/features.py", "ref_split_features")
"""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class NoReference(RuntimeError):
    """git or the commit is not available (a shallow clone, an unpacked sdist)."""


def source_at(rev: str, path: str) -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "show", f"{rev}:{path}"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise NoReference(f"cannot read {path} at {rev}: {exc}") from None
    return out.stdout.decode("utf-8")


def module_at(rev: str, path: str, name: str, imports: dict[str, str] | None = None,
              replace: dict[str, str] | None = None) -> types.ModuleType:
    """``path`` at ``rev`` as module ``name``; ``imports`` rewrites ``from X import`` lines (X -> other
    module name) so an old module uses another old module instead of today's; ``replace`` rewrites any
    other text (an import of a name today's module no longer has)."""
    if name in sys.modules:
        return sys.modules[name]
    source = source_at(rev, path)
    for old, new in (imports or {}).items():
        source = source.replace(f"from {old} import", f"from {new} import")
    for old, new in (replace or {}).items():
        source = source.replace(old, new)
    module = types.ModuleType(name)
    module.__file__ = f"{rev}:{path}"
    sys.modules[name] = module
    try:
        exec(compile(source, module.__file__, "exec"), module.__dict__)
    except BaseException:
        del sys.modules[name]
        raise
    return module


#: The last commit of the pure-Python split features (issue 9 added the parallel-form cue there after the port began).
SPLIT_PYTHON = "3ed6114"  # issue-9: the last Python features (with the parallel-form cue)


def python_split_tagger() -> tuple[types.ModuleType, types.ModuleType]:
    """(features, tagger) of the pure-Python split tagger."""
    python_split_records()  # its shape rules (classify, bylines, heads) were Python until SPLIT_RECORDS_PYTHON
    imports = {"newskit.split.classify": "ref_split_classify", "newskit.split.heads": "ref_split_heads",
               "newskit.split.features": "ref_split_features"}
    replace = {"from newskit.split import bylines\n": "import ref_split_bylines as bylines\n"}
    features = module_at(SPLIT_PYTHON, "newskit/split/features.py", "ref_split_features", imports, replace)
    tagger = module_at(SPLIT_PYTHON, "newskit/split/tagger.py", "ref_split_tagger", imports, replace)
    return features, tagger


#: The commit before dedupe's fingerprints and candidate counting were compiled (NumPy-vectorised then).
DEDUPE_NUMPY = "063d066"


def numpy_dedupe_stages() -> tuple[types.ModuleType, types.ModuleType, types.ModuleType]:
    """(fingerprint, candidates, keys) as they were, NumPy-vectorised: the bench's same-run baseline."""
    keys = module_at(DEDUPE_NUMPY, "newskit/dedupe/keys.py", "ref_dedupe_keys")
    fingerprint = module_at(DEDUPE_NUMPY, "newskit/dedupe/fingerprint.py", "ref_dedupe_fingerprint",
                            {"newskit.dedupe.keys": "ref_dedupe_keys"})
    candidates = module_at(DEDUPE_NUMPY, "newskit/dedupe/candidates.py", "ref_dedupe_candidates",
                           replace={"from newskit.dedupe.fingerprint import Postings":
                                    "from ref_dedupe_fingerprint import Postings"})
    return fingerprint, candidates, keys


#: The last commit of the Python block classifier and record builder (classify, group, finish).
SPLIT_RECORDS_PYTHON = "37985d5"


def python_split_records() -> types.ModuleType:
    """``newskit.split.articles`` as it was, with its own classify, bylines, heads, datelines and blocks (the
    tagger is today's: it was compiled before)."""
    rev = SPLIT_RECORDS_PYTHON
    mods = {m: f"ref_split_{m}" for m in ("blocks", "bylines", "classify", "datelines", "heads")}
    imports = {f"newskit.split.{m}": name for m, name in mods.items()}
    replace = {"from newskit.split import bylines, heads": "import ref_split_bylines as bylines, ref_split_heads as heads",
               "from newskit.split import bylines\n": "import ref_split_bylines as bylines\n"}
    # Shapes are compared by identity (``info.shape is Shape.BODY``): the old classifier uses today's enum, so
    # its BlockInfo and today's code (the tagger, the old features) read each other's shapes.
    shape = {"class Shape(StrEnum):": "from newskit.split.classify import Shape  # noqa: E402\n\n\nclass _OldShape(StrEnum):"}
    for m in ("blocks", "bylines", "classify", "datelines", "heads"):
        module_at(rev, f"newskit/split/{m}.py", mods[m], imports, {**replace, **shape} if m == "classify" else replace)
    return module_at(rev, "newskit/split/articles.py", "ref_split_articles", imports, replace)


#: The last commit of the lint path's Python kernels: finding construction (position, excerpt, fingerprint),
#: W101's phrase scan (pyahocorasick) and R101's repeat scan (a backreference regex).
LINT_PYTHON = "37985d5"


def python_phrases() -> types.ModuleType:
    """``newskit.rules.wrong_words.phrases`` as it was: the pyahocorasick automaton over UTF-8 bytes."""
    return module_at(LINT_PYTHON, "newskit/rules/wrong_words/phrases.py", "ref_phrases")


def python_rule_base() -> types.ModuleType:
    """``newskit.rules.base`` as it was: ``LintContext.finding`` built each finding in Python."""
    return module_at(LINT_PYTHON, "newskit/rules/base.py", "ref_rules_base")


def python_repeat_scan(text: str) -> list[tuple[int, int]]:
    """R101's scan as it was, ``(start, unit length)``: a look-ahead with a backreference (``_REPEAT_RE``),
    tried at every position by Python's ``re``."""
    pattern = module_at(LINT_PYTHON, "newskit/rules/repetition/repeated_word.py", "ref_repeated_word")._REPEAT_RE
    return [(m.start(), len(m.group(1))) for m in pattern.finditer(text)]


#: The last commit with S101's Python regex (``_SPACE_RE``), before its scan moved to Rust.
S101_PYTHON = "e7f8230"


def python_han_digit_spaces(text: str) -> list[tuple[int, int]]:
    """S101's spaces as they were found, ``(start, end)``: ``_SPACE_RE.finditer`` (look-behind and look-ahead
    around a run of spaces) in Python's ``re``."""
    module = module_at(S101_PYTHON, "newskit/rules/spacing/space_between_han_and_digit.py", "ref_s101")
    return [m.span() for m in module._SPACE_RE.finditer(text)]


#: The last commit with S102's Python regex (``_HAN_SPACE_HAN_RE``), before its scan moved to Rust.
S102_PYTHON = "3807bd2"


def python_s102_spaces(text: str) -> list[tuple[int, int]]:
    """S102's spaces between two Han characters as they were found, ``(start, end)``: ``_HAN_SPACE_HAN_RE``
    (a look-behind from the first space, a look-ahead after the run) by ``finditer`` in Python's ``re``."""
    module = module_at(S102_PYTHON, "newskit/rules/spacing/stray_space.py", "ref_s102")
    return [m.span() for m in module._HAN_SPACE_HAN_RE.finditer(text)]


def python_s103_spaces(text: str) -> list[tuple]:
    """S103's ``_SPACE_RE`` as it was (each branch opening with a look-behind): every match's group spans and
    groups."""
    module = module_at(S101_PYTHON, "newskit/rules/spacing/space_between_han_and_latin.py", "ref_s103")
    return [(m.regs, m.groups()) for m in module._SPACE_RE.finditer(text)]


def python_shared_clauses():
    """R201's ``shared_clauses(run)`` as it was: ``_CLAUSE_RE.findall`` over each paragraph in Python."""
    return module_at(LINT_PYTHON, "newskit/rules/repetition/repeated_passage.py", "ref_repeated_passage").shared_clauses


def python_balanced_pairs():
    """P106's ``_balanced(text)`` as it was: adjacent matched pairs deleted by regex until none is left."""
    return module_at(LINT_PYTHON, "newskit/rules/punctuation/unbalanced_pairs.py", "ref_unbalanced_pairs")._balanced


def python_small_candidates():
    """``newskit.dedupe.engine.small_candidates`` as it was: postings, stock and pair counts in Python dicts."""
    return module_at(LINT_PYTHON, "newskit/dedupe/engine.py", "ref_dedupe_engine").small_candidates


#: The last commit of the pure-Python word segmenter and lookups (``newskit/text/lexicon.py``: the DAG over
#: bisected prefix ranges, the route, jieba's block patterns), before ``newskit._core.Segmenter``.
SEGMENT_PYTHON = "48bfa11"


def python_lexicon() -> types.ModuleType:
    """``newskit.text.lexicon`` as it was: ``Lexicon.segment`` / ``tagged`` / ``freq`` / ``pos`` in Python over
    the same on-disk index (the format did not change)."""
    return module_at(SEGMENT_PYTHON, "newskit/text/lexicon.py", "ref_lexicon")
