"""The split tagger: a linear-chain CRF over a page's blocks, decoded with hard constraints.

Labels: ``head`` (first block of an article's headline stack: an article starts here), ``head+`` (more of
the stack), ``byline``, ``body`` (a paragraph), ``join`` (the rest of a paragraph a break cut), ``section``
(an in-article section title), ``caption``, ``closing`` (a trailing 电头 or credit that ends an article).

The weights come from ``bench/train_split_tagger.py`` (python-crfsuite) and ship as a small JSON file
(``split/data/tagger.json``: feature strings and weights, no text). Decoding is a Viterbi pass in Python
over an automaton that enforces what is certain:

- a headline stack is at most ``MAX_STACK`` blocks, and ``head+`` only continues a stack (or is a column
  label under a byline);
- an article has body text: no ``head`` right after a stack or a byline;
- a ``join`` continues a paragraph, so it follows body text (or a caption printed inside the break), and
  only a paragraph that stops mid-sentence can be continued;
- markdown headings are headlines or section titles, and a heading deeper than the page's top level that
  stands alone in running text is a section title; a title with a byline line under it is a headline;
  an explicit 电头 / 本报讯 opens a paragraph or is the byline line; the slogans under a public-service box
  head are its stack.

Blocks that are certainly running text (long, ending a sentence after a block that ends one) are settled
as ``body`` before decoding and weigh no features: most blocks of a page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newskit.split.classify import Shape, ends_paragraph
from newskit.split.features import block_features, lexicon_word, settled_blocks

LABELS = ("head", "head+", "byline", "body", "join", "section", "caption", "closing")
HEAD, HEAD_MORE, BYLINE, BODY, JOIN, SECTION, CAPTION, CLOSING = range(len(LABELS))
MAX_STACK = 7  # blocks in one headline stack: a public-service box is a head, five slogans and its sponsor (001:103)
MODEL_VERSION = 1

_ALL = frozenset(range(len(LABELS)))
_HEADING_ONLY = frozenset({HEAD, HEAD_MORE, SECTION})  # a markdown heading
_WIRE_ONLY = frozenset({BODY, BYLINE})  # a block opening with 本报讯 / a 电头


class ModelError(ValueError):
    """The model file is missing, damaged or of another version."""


@dataclass(frozen=True)
class TaggerModel:
    labels: tuple[str, ...]
    #: feature -> ((label index, weight), ...): the state weights crfsuite kept (L1 leaves most at zero)
    weights: dict[str, tuple[tuple[int, float], ...]]
    #: transitions[a][b]: weight of label b following label a
    transitions: tuple[tuple[float, ...], ...]
    meta: dict
    #: Han bigrams too common to tell topics apart (the topic-shift feature leaves them out)
    common_bigrams: frozenset[str] = frozenset()
    #: A per-label offset added to every emission, tuned on a training month after training: a missed
    #: headline costs two whole articles and a false one costs one, so the tagger leans towards ``head``.
    bias: tuple[float, ...] = (0.0,) * len(LABELS)

    def __post_init__(self) -> None:
        # Dense rows per feature: a block's emission is then one zip-and-sum in C over its features' rows.
        dense = {}
        for f, pairs in self.weights.items():
            row = [0.0] * len(LABELS)
            for k, w in pairs:
                row[k] = w
            dense[f] = tuple(row)
        object.__setattr__(self, "_rows", dense)

    @classmethod
    def from_json(cls, data: dict) -> TaggerModel:
        if data.get("version") != MODEL_VERSION or tuple(data.get("labels", ())) != LABELS:
            raise ModelError(f"split tagger model is version {data.get('version')!r} with labels "
                             f"{data.get('labels')!r}; this newskit reads version {MODEL_VERSION}")
        weights = {f: tuple((int(k), float(w)) for k, w in pairs) for f, pairs in data["weights"].items()}
        transitions = tuple(tuple(float(w) for w in row) for row in data["transitions"])
        if len(transitions) != len(LABELS) or any(len(row) != len(LABELS) for row in transitions):
            raise ModelError("split tagger model: the transition table does not match the labels")
        bias = tuple(float(b) for b in data.get("bias", (0.0,) * len(LABELS)))
        if len(bias) != len(LABELS):
            raise ModelError("split tagger model: the label bias does not match the labels")
        return cls(LABELS, weights, transitions, data.get("meta", {}), frozenset(data.get("common_bigrams", ())),
                   bias)

    @classmethod
    def load(cls, path: str | Path) -> TaggerModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read split tagger model {path}: {exc}") from None
        return cls.from_json(data)

    def emissions(self, feats: list[str]) -> list[float]:
        rows = self._rows
        found = [rows[f] for f in feats if f in rows]
        found.append(self.bias)
        return [sum(col) for col in zip(*found)]


@lru_cache(maxsize=1)
def default_model() -> TaggerModel:
    """The model shipped in the package (loaded once per process; no network)."""
    ref = resources.files("newskit.split") / "data" / "tagger.json"
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"the packaged split tagger model is unreadable: {exc}") from None
    return TaggerModel.from_json(data)


# --------------------------------------------------------------------------------------------------
# the decoding automaton: states are labels, with head+ expanded by its position in the stack


def _states() -> tuple[tuple[int, ...], dict[int, list[int]], frozenset[int]]:
    """(label of each state, predecessors of each state, states a page may start in)."""
    label = [HEAD] + [HEAD_MORE] * (MAX_STACK - 1) + [BYLINE, BODY, JOIN, SECTION, CAPTION, CLOSING]
    n = len(label)
    stack = {s: 1 + s for s in range(MAX_STACK)}  # state -> position in the stack (1 = head)
    preds: dict[int, list[int]] = {s: [] for s in range(n)}
    for s in range(n):
        lab = label[s]
        for p in range(n):
            plab = label[p]
            if lab == HEAD:
                ok = plab not in (HEAD, HEAD_MORE, BYLINE)
            elif lab == HEAD_MORE:
                pos = stack[s]
                ok = (plab in (HEAD, HEAD_MORE) and stack.get(p) == pos - 1) or (plab == BYLINE and pos == 2)
            elif lab == JOIN:
                ok = plab in (BODY, JOIN, CAPTION)
            elif lab == CLOSING:
                ok = plab not in (HEAD, HEAD_MORE)
            else:
                ok = True
            if ok:
                preds[s].append(p)
    start = frozenset(s for s in range(n) if label[s] not in (HEAD_MORE, JOIN))
    return tuple(label), preds, start


_STATE_LABEL, _PREDS, _START = _states()


_STATES_OF: dict[frozenset[int], tuple[tuple[int, int], ...]] = {}


def _states_of(allowed: frozenset[int]) -> tuple[tuple[int, int], ...]:
    got = _STATES_OF.get(allowed)
    if got is None:
        got = _STATES_OF[allowed] = tuple((s, lab) for s, lab in enumerate(_STATE_LABEL) if lab in allowed)
    return got


_PRED_SETS = [frozenset(p) for p in (_PREDS[s] for s in range(len(_STATE_LABEL)))]


def decode(model: TaggerModel, feats: list[list[str]], allowed: list[frozenset[int]]) -> list[int]:
    """The best label sequence (label indices) under the constraints; ``allowed[k]`` are block k's labels.

    Exact Viterbi over the automaton's states; a block with one allowed label (a settled body paragraph)
    costs one pass over the previous block's live states.
    """
    n = len(feats)
    if not n:
        return []
    trans = model.transitions
    state_label = _STATE_LABEL
    pred_sets = _PRED_SETS
    back: list[dict[int, int]] = []
    prev: dict[int, float] = {}
    for k in range(n):
        em = model.emissions(feats[k])
        cur: dict[int, float] = {}
        ptr: dict[int, int] = {}
        live = list(prev.items())
        for s, lab in _states_of(allowed[k]):
            if k == 0:
                if s in _START:
                    cur[s] = em[lab]
                    ptr[s] = -1
                continue
            preds = pred_sets[s]
            best, arg = None, -1
            for p, score in live:
                if p in preds:
                    score += trans[state_label[p]][lab]
                    if best is None or score > best:
                        best, arg = score, p
            if best is not None:
                cur[s] = best + em[lab]
                ptr[s] = arg
        if not cur:  # the constraints left nothing (a damaged page): take the block's best label alone
            lab = max(allowed[k], key=lambda x: em[x])
            s = state_label.index(lab)
            top = max(prev, key=prev.get) if prev else -1
            cur = {s: (prev[top] if prev else 0.0) + em[lab]}
            ptr = {s: top}
        back.append(ptr)
        prev = cur
    # The page ends: an article has body text, so it does not end on a headline stack when it can help it.
    ends = {st: v for st, v in prev.items() if state_label[st] not in (HEAD, HEAD_MORE)} or prev
    s = max(ends, key=ends.get)
    path = [s]
    for k in range(n - 1, 0, -1):
        s = back[k][s]
        path.append(s)
    path.reverse()
    return [state_label[s] for s in path]


def allowed_labels(md_level: int, wire: bool, may_join: bool) -> frozenset[int]:
    """What a block may be: a markdown heading only a headline or section title, a block opening with an
    explicit 电头 only a paragraph or byline line; ``join`` only after a paragraph cut mid-sentence."""
    if md_level:
        return _HEADING_ONLY
    labels = _WIRE_ONLY if wire else _ALL
    if not may_join and JOIN in labels:
        labels = labels - {JOIN}
    return labels


def strongest_features(model: TaggerModel, feats: list[str], label: int, top: int = 4) -> list[tuple[str, float]]:
    """The features that did most to pick ``label`` over the block's runner-up label: (feature, margin)."""
    em = model.emissions(feats)
    runner = max((k for k in range(len(LABELS)) if k != label), key=lambda k: em[k])
    margins = []
    for f in feats:
        pairs = dict(model.weights.get(f, ()))
        margin = pairs.get(label, 0.0) - pairs.get(runner, 0.0)
        if margin:
            margins.append((f, margin))
    margins.sort(key=lambda fm: -fm[1])
    return margins[:top]


_SETTLED = frozenset({BODY})
_STACK_ONLY = frozenset({HEAD_MORE})
_HEADLINE_ONLY = frozenset({HEAD, HEAD_MORE})
_SECTION_ONLY = frozenset({SECTION})


def _md_neighbour(infos: list, k: int) -> bool:
    """Is block k next to another markdown heading (a kicker or subhead of a marked stack)?"""
    return (k > 0 and infos[k - 1].md_level > 0) or (k + 1 < len(infos) and infos[k + 1].md_level > 0)
#: The head of a public-service box: the short lines printed under it are its slogans (seed 001:103–113),
#: one stack however many, never articles or section titles of their own.
_BOX_HEAD = re.compile(r"核心价值观|公益广告|温馨提示")


def block_constraints(blocks: list, infos: list, settled: list[bool]) -> list[frozenset[int]]:
    """Each block's allowed labels (see ``allowed_labels``), from its shape and the text before it; a
    settled block (``features.settled_blocks``) is body text."""
    out = []
    prev_text = None  # the last block before this one that is not caption-shaped
    box = 0  # slogan lines still to come under a public-service box head
    levels = [info.md_level for info in infos if info.md_level]
    top = min(levels) if levels else 0
    for k, (block, info, fixed) in enumerate(zip(blocks, infos, settled, strict=True)):
        may_join = prev_text is not None and not ends_paragraph(prev_text)
        heading = info.shape is Shape.HEADING and not info.md_level
        if box and heading:
            out.append(_STACK_ONLY)
            box -= 1
        elif (heading or info.md_level) and k + 1 < len(blocks) and infos[k + 1].shape is Shape.BYLINE:
            out.append(_HEADLINE_ONLY)  # a byline line under a title: the title is a headline, not a section
            box = 0
        elif info.md_level > top and not _md_neighbour(infos, k):
            out.append(_SECTION_ONLY)  # a deeper markdown heading standing alone in running text
            box = 0
        else:
            box = MAX_STACK - 1 if heading and _BOX_HEAD.search(block.text) else 0
            # a closing line or a credit line is never the rest of a cut paragraph
            may_join = may_join and info.shape not in (Shape.CLOSING, Shape.BYLINE)
            out.append(_SETTLED if fixed else
                       allowed_labels(info.md_level, info.byline_start or info.broken_byline, may_join))
        if info.shape is not Shape.CAPTION:
            prev_text = None if info.md_level else block.text
    return out


def _tag(blocks: list, infos: list, model: TaggerModel) -> tuple[list[int], list[list[str]]]:
    settled = settled_blocks(blocks, infos)
    feats = block_features(blocks, infos, lexicon_word, model.common_bigrams, settled)
    return decode(model, feats, block_constraints(blocks, infos, settled)), feats


def label_blocks(blocks: list, infos: list, model: TaggerModel | None = None) -> list[int]:
    """The tagger's label (an index into ``LABELS``) for every block of a dump."""
    return _tag(blocks, infos, model or default_model())[0]


def explain_blocks(blocks: list, infos: list, model: TaggerModel | None = None,
                   top: int = 4) -> list[tuple[int, list[tuple[str, float]]]]:
    """Each block's label and the features that decided it (``newskit split --explain``)."""
    model = model or default_model()
    labels, feats = _tag(blocks, infos, model)
    return [(lab, strongest_features(model, f, lab, top)) for lab, f in zip(labels, feats, strict=True)]
