"""Find paragraphs printed twice, pasted from an earlier issue, or reprinted with small edits.

Public API: ``find_duplicates`` (pairs, for lint's repetition rule), ``dedupe`` (pairs, clusters and
boilerplate, for the CLI), ``Passage`` and the records it returns; ``Archive`` for the on-disk store.
"""

from newskit.dedupe.engine import DedupeSettings, find_duplicates, run
from newskit.dedupe.passage import Passage, article_passages, text_passages
from newskit.dedupe.records import Boilerplate, Cluster, DedupeResult, Duplicate, Location, Relation

__all__ = [
    "Boilerplate", "Cluster", "DedupeResult", "DedupeSettings", "Duplicate", "Location", "Passage",
    "Relation", "article_passages", "find_duplicates", "run", "text_passages",
]
