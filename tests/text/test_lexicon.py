"""The lexicon answers from an on-disk index exactly what jieba answers from its loaded dictionary."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jieba
import jieba.posseg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.text import lexicon
from newskit.text.lexicon import Lexicon, Source, index_name, jieba_source, open_lexicon
from tests.conftest import SEEDS, seed_path

jieba.setLogLevel(logging.WARNING)

_REPEAT_RE = re.compile("([\u4e00-\u9fff]{1,4})\\1")


def seed_windows() -> list[str]:
    """A few hundred windows cut from the seeds: every 97th offset with lengths cycling 1–40 (they cross
    punctuation, digits, Latin, spaces and line ends), plus the window R101 segments around each doubled run."""
    windows = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for n, start in enumerate(range(0, len(text), 97)):
            windows.append(text[start:start + 1 + n % 40])
        for m in _REPEAT_RE.finditer(text):
            windows.append(text[max(0, m.start() - 4):m.end() + 4])
    return windows


WINDOWS = seed_windows()


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Lexicon:
    """The lexicon of jieba's bundled dictionary, built in a private cache directory."""
    return open_lexicon(dirs=[tmp_path_factory.mktemp("cache")])


@pytest.fixture(scope="module")
def tokenizers(tmp_path_factory):
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(tmp_path_factory.mktemp("jieba"))
    return tok, jieba.posseg.POSTokenizer(tok)


def test_the_windows_cover_the_cases_that_matter() -> None:
    assert len(WINDOWS) >= 300
    for feature in ("[0-9]", "[A-Za-z]", "\\s", "[，。、]"):
        assert any(re.search(feature, w) for w in WINDOWS), feature


def test_segment_equals_jieba_without_hmm(real, tokenizers) -> None:
    tok, _ = tokenizers
    for window in WINDOWS:
        assert real.segment(window) == list(tok.cut(window, HMM=False)), window


def test_tagged_equals_posseg_without_hmm(real, tokenizers) -> None:
    _, pos_tok = tokenizers
    for window in WINDOWS:
        assert real.tagged(window) == [(p.word, p.flag) for p in pos_tok.cut(window, HMM=False)], window


def test_lookups_equal_jiebas_dictionary(real, tokenizers) -> None:
    tok, pos_tok = tokenizers
    tok.check_initialized()
    assert real.total == tok.total
    for word in ("中国", "户外活动", "了解", "的", "C++", "AT&T", "第九届全国人民代表大会常务委员会"):
        assert real.freq(word) == tok.FREQ[word] > 0
        assert real.pos(word) == pos_tok.word_tag_tab[word]
    # A prefix of a word is in jieba's FREQ with 0 but is no entry; a string that starts no word is in neither.
    assert tok.FREQ["第九届全国人民代表大会常"] == 0 and real.freq("第九届全国人民代表大会常") is None
    assert real.freq("户外户外") is None and real.pos("户外户外") is None and "户外户外" not in tok.FREQ


def test_jieba_source_is_the_installed_dictionary() -> None:
    source = jieba_source()
    assert source.version == jieba.__version__
    assert source.dict_path == Path(jieba.__file__).parent / "dict.txt"


# A tiny dictionary in jieba's format, with the oddities jieba has rules for: a word listed twice (the last line
# sets its frequency and tag, both lines count towards the total), a word of frequency 0 (a prefix, not a
# word), Latin entries, and an exact tie between two routes (研究|生命 and 研究生|命 score the same sum; jieba takes
# the longer first word).
TINY = """\
研究 20 vn
生命 10 n
研究生 10 n
命 20 n
中国 100 ns
中 10 n
国 10 n
人民 50 n
人 20 n
民 20 n
中国人 30 n
中国人民 60 nt
银行 40 n
人民 70 nz
国人 0 n
AT&T 5 nz
北京 35 ns
北京大学 35 nt
大学 20 n
"""


def tiny_source(tmp_path: Path, text: str = TINY, version: str = "9.9") -> Source:
    path = tmp_path / "dict.txt"
    path.write_text(text, encoding="utf-8")
    return Source(path, version)


@pytest.mark.parametrize("window", ["中国人民银行", "中国人", "国人民", "北京大学生", "AT&T中国 x2中国人", "", "，。",
                                    "人民人民", "中国\r\n人民", "北京大学北京",
                                    "研究生命"])
def test_a_custom_dictionary_segments_as_jieba_does(tmp_path, window) -> None:
    source = tiny_source(tmp_path)
    lex = open_lexicon(source, dirs=[tmp_path / "cache"])
    tok = jieba.Tokenizer(str(source.dict_path))
    tok.tmp_dir = str(tmp_path)
    pos_tok = jieba.posseg.POSTokenizer(tok)
    assert lex.segment(window) == list(tok.cut(window, HMM=False))
    assert lex.tagged(window) == [(p.word, p.flag) for p in pos_tok.cut(window, HMM=False)]
    assert lex.freq("人民") == 70 and lex.pos("人民") == "nz" and lex.freq("国人") == 0


def test_a_tie_between_routes_goes_to_the_longer_word(tmp_path) -> None:
    lex = open_lexicon(tiny_source(tmp_path), dirs=[tmp_path / "cache"])
    assert lex.segment("研究生命") == ["研究生", "命"]


def test_the_index_is_reused_until_the_key_changes(tmp_path) -> None:
    cache = tmp_path / "cache"
    source = tiny_source(tmp_path)
    first = open_lexicon(source, dirs=[cache])
    assert first.path == cache / index_name(source.key())
    built = first.path.stat().st_ino, first.path.stat().st_mtime_ns
    again = open_lexicon(source, dirs=[cache])
    assert (again.path.stat().st_ino, again.path.stat().st_mtime_ns) == built  # opened, not rebuilt

    source.dict_path.write_text(TINY + "银行家 9 n\n", encoding="utf-8")  # jieba updated: size and mtime move
    grown = open_lexicon(source, dirs=[cache])
    assert grown.path != first.path and grown.freq("银行家") == 9
    upgraded = open_lexicon(Source(source.dict_path, "10.0"), dirs=[cache])
    assert "10.0" in upgraded.path.name and upgraded.freq("银行家") == 9
    assert sorted(cache.iterdir()) == sorted([first.path, grown.path, upgraded.path])
    newest = open_lexicon(Source(source.dict_path, "11.0"), dirs=[cache])
    # at most KEEP_INDEXES stay, newest first: the first one is gone
    assert sorted(cache.iterdir()) == sorted([grown.path, upgraded.path, newest.path])


def test_two_environments_share_a_cache_without_rebuilding_each_others_index(tmp_path) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "one").mkdir()
    (tmp_path / "other").mkdir()
    one, other = tiny_source(tmp_path / "one"), tiny_source(tmp_path / "other")
    other.dict_path.write_text(TINY + "银行家 9 n\n", encoding="utf-8")
    a, b = open_lexicon(one, dirs=[cache]), open_lexicon(other, dirs=[cache])
    built = {p: p.stat().st_ino for p in (a.path, b.path)}
    for _ in range(3):
        for source in (one, other):
            path = open_lexicon(source, dirs=[cache]).path
            assert path.stat().st_ino == built[path]  # opened, not rebuilt


def test_a_damaged_index_is_rebuilt(tmp_path) -> None:
    cache = tmp_path / "cache"
    source = tiny_source(tmp_path)
    path = open_lexicon(source, dirs=[cache]).path
    whole = path.read_bytes()
    for damaged in (whole[:-3], b"", b"garbage\n" + whole):
        path.write_bytes(damaged)
        assert open_lexicon(source, dirs=[cache]).freq("北京大学") == 35
        assert path.read_bytes() == whole


def test_an_unwritable_cache_dir_falls_back_to_the_temp_dir(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEWSKIT_CACHE", str(blocker / "newskit"))  # mkdir fails, even for root
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    dirs = list(lexicon.cache_dirs())
    assert dirs[0] == blocker / "newskit" and dirs[1].parent == tmp_path / "tmp"
    lex = open_lexicon(tiny_source(tmp_path))
    assert lex.path is not None and lex.path.parent == dirs[1]
    assert lex.segment("中国人民银行") == ["中国人民", "银行"]


def test_with_no_writable_dir_the_index_stays_in_memory(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    lex = open_lexicon(tiny_source(tmp_path), dirs=[blocker / "one", blocker / "two"])
    assert lex.path is None
    assert lex.segment("北京大学生") == list(jieba.Tokenizer(str(tmp_path / "dict.txt")).cut("北京大学生", HMM=False))


def test_cache_dir_follows_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSKIT_CACHE", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert next(lexicon.cache_dirs()) == tmp_path / "explicit"
    monkeypatch.delenv("NEWSKIT_CACHE")
    assert next(lexicon.cache_dirs()) == tmp_path / "xdg" / "newskit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert next(lexicon.cache_dirs()) == tmp_path / "home" / ".cache" / "newskit"


_PROBE = """
import sys
from newskit.cli import app
from newskit.text import segment
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("LEXICON", segment.is_loaded(), "jieba" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(("seed", "opened"), [("001", True), ("000", True)])
def test_lint_opens_the_lexicon_only_for_a_candidate(tmp_path, seed, opened) -> None:
    """jieba itself is never imported. The lexicon index is opened: split's tagger asks it whether a word spans
    a block that stops mid-sentence and the next one (both seeds have such breaks), and seed 000 also holds
    candidates for R101, X104 and X105."""
    # TMPDIR too: an index another run left in the temporary-directory fallback would be opened from there
    env = {**os.environ, "NEWSKIT_CACHE": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    res = subprocess.run([sys.executable, "-c", _PROBE, "lint", str(seed_path(seed))], capture_output=True,
                         check=False, timeout=120, cwd=tmp_path, env=env)
    assert f"LEXICON {opened} False" in res.stderr.decode(), res.stderr.decode()
    assert (tmp_path / "cache").exists() == opened


# -- the compiled segmenter against the Python one it replaced (bench/reference.py loads it from git) --------

ALPHABET = "中国人民银行北京大学生研究命的了在是有一二三户外活动第九届全国代表大会常务委员abcXYZ0123+#&._%-" \
           " \t\r\n\u3000，。、“”（）％－\ud800"


@pytest.fixture(scope="module")
def python_lexicon(real):
    from tests.conftest import from_reference

    old = from_reference(lambda reference: reference.python_lexicon())
    lexicon_then = old.Lexicon.open_file(real.path, jieba_source().key()) if real.path else None
    assert lexicon_then is not None, "the index format did not change: the old reader opens it"
    return lexicon_then


def test_the_compiled_segmenter_equals_the_python_one_on_the_seeds(real, python_lexicon) -> None:
    for window in WINDOWS:
        assert real.segment(window) == python_lexicon.segment(window), window
        assert real.tagged(window) == python_lexicon.tagged(window), window


@settings(max_examples=400, deadline=None)
@given(window=st.text(alphabet=ALPHABET, max_size=30))
def test_the_compiled_segmenter_equals_the_python_one(real, python_lexicon, window) -> None:
    assert real.segment(window) == python_lexicon.segment(window)
    assert real.tagged(window) == python_lexicon.tagged(window)
    for k in range(len(window)):
        for word in (window[k:k + 2], window[k:k + 4]):
            if "\ud800" not in word:  # the old lookups encoded the word as UTF-8 and raised
                assert real.freq(word) == python_lexicon.freq(word), word
                assert real.pos(word) == python_lexicon.pos(word), word
