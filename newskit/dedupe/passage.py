"""Passages: the units dedupe compares, from split articles or from plain text.

A passage knows where its text was printed. Three ways, in order of preference:

- ``source`` + ``document``: a split paragraph (``Paragraph.source`` is a MappedText into the Document);
  with ``offset``, a part of one (a sentence at ``source.text[offset:offset + len(text)]``);
- ``breakpoints``: ``(text_index, line, column)`` triples where the text jumps to a new place in the file —
  what the archive stores, so a stored passage still reports ``path:line:column`` without its dump;
- ``line`` / ``column``: plain text that starts there (newlines inside it start new lines).

A passage is one reflowed text; ``soft_breaks`` are the text indices where split rejoined two printed
paragraphs (a column break, a byline, a caption in between). Dedupe indexes both the passage and, when it
has soft breaks, each printed paragraph inside it (units.py), so a wrong join cannot hide a pair.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newskit.model import Article, Document, MappedText


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph (or sentence) to match, with enough context to report where it was printed.

    ``dump`` names the dump the passage came from (defaults to ``path``); boilerplate is counted in
    distinct dumps. ``offset`` says where ``text`` starts inside ``source.text`` (0 for a whole
    paragraph; a sentence's start when it is one sentence of it). ``ref`` is any handle of the caller's (a Paragraph, a sentence index): dedupe never
    looks at it and hands it back in every Location.
    """

    text: str
    path: str = "-"
    article: str | None = None
    source: MappedText | None = None
    document: Document | None = None
    line: int = 1
    column: int = 1
    breakpoints: tuple[tuple[int, int, int], ...] = ()
    offset: int = 0
    dump: str | None = None
    ref: object = None
    breaks: tuple[int, ...] | None = None  # soft breaks given by the caller; None: from ``source``

    def soft_breaks(self) -> tuple[int, ...]:
        """Text indices where a printed paragraph ends and the next one starts inside this passage.

        From ``source``: wherever two consecutive pieces are not adjacent in the document (the reflow
        rejoined two blocks there). A break at the very start or end of the text is no break.
        """
        if self.breaks is not None:
            return self.breaks
        if self.source is None or len(self.source.pieces) < 2:
            return ()
        out = []
        pieces = self.source.pieces
        for prev, piece in zip(pieces, pieces[1:]):
            if piece.start != prev.end:
                i = piece.offset - self.offset
                if 0 < i < len(self.text):
                    out.append(i)
        return tuple(out)

    @property
    def dump_key(self) -> str:
        return self.dump if self.dump is not None else self.path

    def position(self, i: int) -> tuple[int, int]:
        """1-based (line, column) of text index ``i``."""
        if self.source is not None and self.document is not None:
            return self.document.position(self.source.to_source(self.offset + i))
        if self.breakpoints:
            k = bisect.bisect_right(self.breakpoints, (i, 1 << 62, 0)) - 1
            index, line, column = self.breakpoints[max(k, 0)]
            return line, column + (i - index)
        before = self.text[:i]
        newlines = before.count("\n")
        if newlines:
            return self.line + newlines, i - before.rfind("\n")
        return self.line, self.column + i

    def span_position(self, i: int, j: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of text[i:j]; the end is exclusive, like a Finding's."""
        if self.source is not None and self.document is not None:
            start, end = self.source.source_span(self.offset + i, self.offset + j)
            return (*self.document.position(start), *self.document.position(end))
        line, column = self.position(i)
        if j <= i:
            return line, column, line, column
        end_line, end_column = self.position(j - 1)
        return line, column, end_line, end_column + 1

    def compute_breakpoints(self) -> tuple[tuple[int, int, int], ...]:
        """Breakpoints equivalent to this passage's position map (what the archive stores)."""
        starts: list[int] = [0]
        if self.source is not None and self.document is not None:
            doc_text = self.document.text
            for piece in self.source.pieces:
                starts.append(max(0, piece.offset - self.offset))
                k = doc_text.find("\n", piece.start, piece.end)
                while k != -1:
                    starts.append(max(0, piece.offset + (k + 1 - piece.start) - self.offset))
                    k = doc_text.find("\n", k + 1, piece.end)
        else:
            k = self.text.find("\n")
            while k != -1:
                starts.append(k + 1)
                k = self.text.find("\n", k + 1)
        points: list[tuple[int, int, int]] = []
        for i in sorted(set(starts)):
            if i < len(self.text) or i == 0:
                here = self.position(i)
                if not points or (points[-1][1], points[-1][2] + i - points[-1][0]) != here:
                    points.append((i, *here))
        return tuple(points)


#: A headline or section title this long (matching characters) is compared like a paragraph: either a long
#: head worth matching or, far more often, a paragraph the split took for one (a fragment left before the
#: next article's headline, glued into its head stack or taken for a section title).
HEADLINE_AS_PASSAGE = 24


def article_passages(doc: Document, articles: Iterable[Article], *, dump: str | None = None) -> Iterator[Passage]:
    """Every body paragraph of every record, and every headline or section title of HEADLINE_AS_PASSAGE
    matching characters or more, as passages."""
    from newskit.dedupe.normalize import matching_text

    def long_enough(text: str) -> bool:
        return len(text) >= HEADLINE_AS_PASSAGE and len(matching_text(text)) >= HEADLINE_AS_PASSAGE

    for article in articles:
        for head in article.headlines:
            if long_enough(head.value):
                yield Passage(text=head.value, path=doc.path, article=article.uri, source=head.source,
                              document=doc, dump=dump, ref=head)
        for paragraph in article.body:
            if paragraph.section and not long_enough(paragraph.text):
                continue
            yield Passage(
                text=paragraph.text, path=doc.path, article=article.uri, source=paragraph.source,
                document=doc, dump=dump, ref=paragraph,
            )


def text_passages(text: str, path: str = "-", *, dump: str | None = None) -> Iterator[Passage]:
    """Plain text split at blank lines, one passage per paragraph (for tests and for text without a splitter)."""
    line = 1
    for block in text.split("\n\n"):
        stripped = block.strip("\n")
        if stripped.strip():
            lead = len(block) - len(block.lstrip("\n"))
            yield Passage(text=stripped, path=path, line=line + lead, dump=dump)
        line += block.count("\n") + 2
