"""``newskit split --explain``: each block's label and the features that decided it."""

from __future__ import annotations

from dataclasses import dataclass

from newskit.model import Document
from newskit.split.blocks import make_blocks
from newskit.split.classify import classify
from newskit.split.tagger import LABELS, TaggerModel, explain_blocks


@dataclass(frozen=True)
class BlockExplanation:
    line: int  # the block's first line (1-based)
    end_line: int
    label: str
    text: str  # the block as printed
    features: tuple[tuple[str, float], ...]  # (feature, margin over the runner-up label), strongest first


def explain_document(doc: Document, model: TaggerModel | None = None, top: int = 4) -> list[BlockExplanation]:
    blocks = make_blocks(doc)
    infos = [classify(b.text) for b in blocks]
    return [BlockExplanation(b.line_start, b.line_end, LABELS[label], b.text, tuple(features))
            for b, (label, features) in zip(blocks, explain_blocks(blocks, infos, model, top), strict=True)]
