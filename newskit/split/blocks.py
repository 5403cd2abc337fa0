"""Cut a document into blocks: runs of non-blank lines, trimmed of surrounding white space.

A blank line holds only white space (ASCII space, tab, CR, FF, VT, U+3000 and NBSP indents left by OCR). The
cutting is one pass in the compiled core (``newskit._core.blocks``, rust/newskit-core/src/lint/reading.rs).
"""

from __future__ import annotations

from newskit import _core
from newskit.model import Block, Document


def make_blocks(doc: Document) -> list[Block]:
    """Blocks in document order; a block's text is ``doc.text[start:end]`` with no outer white space."""
    text = doc.text
    return [Block(index=k, start=start, end=end, line_start=first, line_end=last, text=text[start:end])
            for k, (start, end, first, last) in enumerate(_core.blocks(text))]
