"""Reading dumps: encodings, BOMs, line ends, and one-line errors for bad input."""

from __future__ import annotations

import pytest

from newskit.io import InputError, decode, encode, iter_input_paths, read_document, write_atomic

TEXT = "本报讯（记者 张三）3月18日，会议召开。\n\n第二段。\n"


@pytest.mark.parametrize("data,encoding,bom,newline", [
    (TEXT.encode("utf-8"), "utf-8", False, "\n"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8", True, "\n"),
    (TEXT.encode("gb18030"), "gb18030", False, "\n"),
    (TEXT.encode("gbk"), "gb18030", False, "\n"),
    (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8", False, "\r\n"),
    (TEXT.encode("utf-16"), "utf-16-le", True, "\n"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be", True, "\n"),
])
def test_decode_round_trip(data: bytes, encoding: str, bom: bool, newline: str) -> None:
    doc = decode(data, "x.txt")
    assert doc.text == TEXT
    assert (doc.encoding, doc.bom, doc.newline) == (encoding, bom, newline)
    assert encode(doc, doc.text) == (data if encoding != "gb18030" or data == TEXT.encode("gb18030")
                                     else TEXT.encode("gb18030"))


def test_line_map() -> None:
    doc = decode(TEXT.encode(), "x.txt")
    assert doc.position(0) == (1, 1)
    assert doc.position(TEXT.index("第二段")) == (3, 1)


@pytest.mark.parametrize("text,starts", [
    ("", (0,)), ("\n", (0, 1)), ("a\n", (0, 2)), ("\nb", (0, 1)), ("a\n\nb\n", (0, 2, 3, 5)),
    ("中\n文\r𠀀\nx", (0, 2, 6)),  # code points, astral included; only \n ends a line
])
def test_line_starts_are_code_point_offsets(text: str, starts: tuple[int, ...]) -> None:
    from newskit.model import Document

    assert Document.from_text(text).line_starts == starts


@pytest.mark.parametrize("data,message", [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (bytes(range(1, 32)) * 20, "binary"),
    (b"abc \x80\xff\x80\xff not text" * 3, "cannot decode"),
])
def test_bad_bytes(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, "bad.txt")


def test_missing_and_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)
    with pytest.raises(InputError, match="no dump files"):
        list(iter_input_paths([str(tmp_path)]))


def test_directory_walk_skips_hidden_and_other_files(tmp_path) -> None:
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("丙", encoding="utf-8")
    assert [p.rsplit("/", 1)[-1] for p in iter_input_paths([str(tmp_path)])] == ["a.txt", "b.txt"]


def test_write_atomic_replaces_whole_file(tmp_path) -> None:
    target = tmp_path / "page.txt"
    target.write_bytes(b"old")
    write_atomic(target, "新".encode())
    assert target.read_bytes() == "新".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["page.txt"]  # no temp file left behind
