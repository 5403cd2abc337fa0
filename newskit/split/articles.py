"""A dump's records: articles (head stack, byline, reflowed body) and, apart from them, captions, ads, notices
and fragments. Every block goes to one record.

The page is cut, classified, tagged and grouped in one compiled pass (``newskit._core.SplitTagger.split``,
rust/newskit-core/src/split/records.rs); it hands back each record's headlines and paragraphs as model objects
(built there, rust/newskit-py/src/split.rs) and the rest as code-point slices of the document and lines, from
which this module builds the record.
"""

from __future__ import annotations

from newskit import model as _model
from newskit.io import document_id
from newskit.model import Article, Byline, Credit, Dateline, Document, Join, Kind, MappedText, Piece
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
    # Headlines and paragraphs come back built (a piece, a mapped text and a paragraph per block, made in the
    # compiled core without a Python call each); the few bylines, datelines and joins are built here.
    records, year = (model or default_model())._core.split(doc.text, word_source(lexicon_word), _model, labels)
    uri = f"newskit:{document_id(doc)}:"
    path = doc.path
    out = []
    for id_line, kind, line_start, line_end, heads, byline, dateline, body, continued, joins, blocks in records:
        paragraphs = tuple(body)
        if byline is not None:
            by_text, credits, source = byline
            byline = Byline(by_text, tuple([Credit(name, role) for name, role in credits]),
                            paragraphs[0].source if source is None
                            else MappedText(source[0], tuple([Piece(o, s, e) for o, s, e in source[1]])))
        out.append(Article(
            # The id names the record's first own line (its headline); the source range covers every line it
            # owns, which for an untangled interleave starts earlier (002: 你们逆行 owns 65–67 and 81–99).
            uri=f"{uri}{id_line}", kind=_KINDS[kind], path=path, line_start=line_start, line_end=line_end,
            headlines=tuple(heads), byline=byline, dateline=Dateline(*dateline) if dateline else None,
            body=paragraphs, continued=continued, joins=tuple([Join(b, a, r) for b, a, r in joins]),
            blocks=tuple(blocks),
        ))
    return out, year
