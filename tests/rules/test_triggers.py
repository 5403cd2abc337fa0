"""The one-scan trigger index (``newskit.rules.scan.trigger``, Rust ``regex`` in ``newskit._core.TriggerSet``)
must answer like Python's ``re`` for every registered trigger: a text the index skips is one ``re`` finds
nothing in."""

from pathlib import Path

from hypothesis import given, settings, strategies as st

from newskit import _core
from newskit.rules import all_rules, scan

all_rules()  # imports every rule module, which registers its triggers
PATTERNS = list(scan._TRIGGERS)
SET = _core.TriggerSet([(p.pattern, scan._TRIGGER_KEYS[p]) for p in PATTERNS])
SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _agree(text: str) -> None:
    page = SET.scan_page(["", text, text])
    for k, pattern in enumerate(PATTERNS):
        found = pattern.search(text) is not None
        assert page.holds(k, 1) == found, (pattern.pattern, text)
        assert page.holding(k, 1) == ([1, 2] if found else []), (pattern.pattern, text)
        assert not page.holds(k, 0)


def test_a_page_asked_out_of_range_is_a_value_error():
    import pytest

    page = SET.scan_page(["甲"])
    assert len(page) == 1
    with pytest.raises(ValueError):
        page.holds(len(PATTERNS), 0)
    with pytest.raises(ValueError):
        page.holds(0, 1)


def test_rules_register_triggers():
    assert len(PATTERNS) >= 8


def test_seed_lines_agree():
    for seed in SEEDS:
        for line in seed.read_text(encoding="utf-8").splitlines():
            _agree(line)


_ALPHABET = list("中文，。、《》「」『』()（）,:;!?# \t\u00a0\u3000*<>/&;ab#093十二日号未完待续下转第版０Ａｚ\n")
# dates in either numeral system, zeros beside Chinese numerals, dash runs, doubled marks, weekdays
_ALPHABET += list("年月〇零○OoＯ一九二〇—－―-！！？？；；：、、。。星期周礼拜")
_ALPHABET += list("……..·・⋯")  # ellipses, standard and not


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(_ALPHABET), max_size=30))
def test_random_texts_agree(text):
    _agree(text)


def test_bad_trigger_is_a_value_error():
    import pytest

    with pytest.raises(ValueError):
        _core.TriggerSet([("(?<=a)b", "b")])


def test_s104_keys_are_its_class():
    from newskit.rules.spacing import invisible_character as s104

    matched = {chr(c) for c in range(0x10000) if s104._INVISIBLE_RE.fullmatch(chr(c))}
    assert set(s104._INVISIBLE_CHARS) == matched and len(s104._INVISIBLE_CHARS) == len(matched)
    for ch in s104._INVISIBLE_CHARS:
        _agree(f"中{ch}文")
