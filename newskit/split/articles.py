"""A dump's records: articles (head stack, byline, reflowed body) and, apart from them, captions, ads, notices
and fragments. Every block goes to one record.

The page is cut, classified, tagged and grouped in one compiled pass (``newskit._core.SplitTagger.split``,
rust/newskit-core/src/split/records.rs); it hands back each record as code-point slices of the document and
lines, and this module builds the model objects from them.
"""

from __future__ import annotations

from newskit.io import document_id
from newskit.model import Article, Byline, Credit, Dateline, Document, Headline, Join, Kind, MappedText, Paragraph, Piece
from newskit.split.features import lexicon_word, word_source
from newskit.split.tagger import TaggerModel, default_model

_KINDS = {k.value: k for k in Kind}


def split_document(doc: Document) -> list[Article]:
    """Split a dump into records, in order of their first line."""
    return split_with_year(doc)[0]


def split_with_year(doc: Document, model: TaggerModel | None = None,
                    labels: list[int] | None = None) -> tuple[list[Article], int | None]:
    """The dump's records and the year it names as current (``infer_year``), found once for both. ``labels``
    (one per block of ``make_blocks``) groups by those instead of the tagger's: any labels keep a page lossless."""
    records, year = (model or default_model())._core.split(doc.text, word_source(lexicon_word), labels)
    text = doc.text
    uri = f"newskit:{document_id(doc)}:"
    path = doc.path

    def mapped(pieces: list[tuple[int, int, int]]) -> MappedText:
        if len(pieces) == 1:
            _, s, e = pieces[0]
            return MappedText(text[s:e], (Piece(0, s, e),))
        return MappedText("".join([text[s:e] for _, s, e in pieces]), tuple([Piece(o, s, e) for o, s, e in pieces]))

    out = []
    for id_line, kind, line_start, line_end, heads, byline, dateline, body, continued, joins, blocks in records:
        paragraphs = tuple([Paragraph(mapped(p), section, level) for section, level, p in body])
        if byline is not None:
            by_text, credits, source = byline
            byline = Byline(by_text, tuple([Credit(name, role) for name, role in credits]),
                            paragraphs[0].source if source is None
                            else MappedText(source[0], tuple([Piece(o, s, e) for o, s, e in source[1]])))
        headlines = []
        for role, level, p in heads:
            m = mapped(p)
            headlines.append(Headline(role, m.text, m, level))
        out.append(Article(
            # The id names the record's first own line (its headline); the source range covers every line it
            # owns, which for an untangled interleave starts earlier (002: 你们逆行 owns 65–67 and 81–99).
            uri=f"{uri}{id_line}", kind=_KINDS[kind], path=path, line_start=line_start, line_end=line_end,
            headlines=tuple(headlines), byline=byline, dateline=Dateline(*dateline) if dateline else None,
            body=paragraphs, continued=continued, joins=tuple([Join(b, a, r) for b, a, r in joins]),
            blocks=tuple(blocks),
        ))
    return out, year
