"""Cut a document into blocks: runs of non-blank lines, trimmed of surrounding white space."""

from __future__ import annotations

import re

from newskit.model import Block, Document

# A blank line: only white space, including U+3000 and NBSP indents left by OCR.
_BLANK_LINE = re.compile(r"\n[ \t\u3000\u00a0\f\v\r]*(?=\n)")
_BLOCK_SEP = re.compile(r"\n(?:[ \t\u3000\u00a0\f\v\r]*\n)+")
_WS = " \t\n\u3000\u00a0\f\v\r"


def make_blocks(doc: Document) -> list[Block]:
    """Blocks in document order; a block's text is ``doc.text[start:end]`` with no outer white space."""
    text = doc.text
    blocks: list[Block] = []
    pos = 0
    for m in _BLOCK_SEP.finditer(text):
        _add(doc, blocks, pos, m.start())
        pos = m.end()
    _add(doc, blocks, pos, len(text))
    return blocks


def _trim(text: str, start: int) -> tuple[int, str]:
    """``text`` (which starts at document offset ``start``) without outer white space, and where that starts."""
    lead = text.lstrip(_WS)
    return start + len(text) - len(lead), lead.rstrip(_WS)


def _add(doc: Document, blocks: list[Block], start: int, end: int) -> None:
    start, body = _trim(doc.text[start:end], start)
    if not body:
        return
    end = start + len(body)
    blocks.append(Block(
        index=len(blocks), start=start, end=end,
        line_start=doc.line_of(start), line_end=doc.line_of(end - 1), text=body,
    ))


def line_slices(doc: Document, block: Block) -> list[tuple[int, int]]:
    """Document slices of the block's non-blank lines, each trimmed of white space."""
    out = []
    pos = block.start
    for line in block.text.split("\n"):
        start, body = _trim(line, pos)
        if body:
            out.append((start, start + len(body)))
        pos += len(line) + 1
    return out
