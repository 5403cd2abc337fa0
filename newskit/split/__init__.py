"""``newskit split``: page dumps -> article records (pure functions, no CLI or terminal code)."""

from newskit.model import Document
from newskit.split.articles import split_document, split_many, split_with_year
from newskit.split.explain import BlockExplanation, explain_document
from newskit.split.records import article_to_record, record_text, render_text, safe_filename


def infer_year(doc: Document) -> int | None:
    """The page's year when the dump names it as the current year (``2020年是…``), else None."""
    from newskit.split.features import _featuriser

    return _featuriser(frozenset()).infer_year(doc.text)


__all__ = ["split_document", "split_many", "split_with_year", "infer_year", "explain_document", "BlockExplanation",
           "article_to_record", "record_text", "render_text", "safe_filename"]
