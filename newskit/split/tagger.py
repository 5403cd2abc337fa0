"""The split tagger: a linear-chain CRF over a page's blocks, decoded with hard constraints.

Labels: ``head`` (first block of an article's headline stack: an article starts here), ``head+`` (more of
the stack), ``byline``, ``body`` (a paragraph), ``join`` (the rest of a paragraph a break cut), ``section``
(an in-article section title), ``caption``, ``closing`` (a trailing 电头 or credit that ends an article).

The weights come from ``bench/train_split_tagger.py`` (python-crfsuite) and ship as a small JSON file
(``split/data/tagger.json``: feature strings and weights, no text). Decoding is a Viterbi pass (compiled,
with the features: ``rust/newskit-core/src/split``) over an automaton that enforces what is certain:

- a headline stack is at most ``MAX_STACK`` blocks, and ``head+`` only continues a stack (or is a column
  label under a byline);
- an article has body text: no ``head`` right after a stack or a byline;
- a ``join`` continues a paragraph, so it follows body text (or a caption printed inside the break), and
  only a paragraph that stops mid-sentence can be continued;
- markdown headings are headlines or section titles, and a heading deeper than the page's top level that
  stands alone in running text is a section title; a title with a byline line under it is a headline;
  an explicit 电头 / 本报讯 opens a paragraph or is the byline line; the slogans under a public-service box
  head are its stack;
- text that announces what follows (ending in ``：`` or ``——``) does not end an article: a new headline never
  follows it as body text (``LEADS_ON``).

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

from newskit import _core
from newskit.split.features import core_tagger, lexicon_word, pack, word_source

LABELS = ("head", "head+", "byline", "body", "join", "section", "caption", "closing")
HEAD, HEAD_MORE, BYLINE, BODY, JOIN, SECTION, CAPTION, CLOSING = range(len(LABELS))
MAX_STACK = 7  # blocks in one headline stack: a public-service box is a head, five slogans and its sponsor (001:103)
MODEL_VERSION = 1
#: Not a label: in a block's allowed set, the flag that its text announces the next block (it ends in ``：`` or
#: ``——``), so no article ends on it: as body text it is never followed by a new headline (a kicker such as
#: ``彭宝林：`` over its headline is the headline's, not the last line of the article before).
LEADS_ON = len(LABELS)



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
    #: The stacked second pass (weights, transitions): it reweighs every block with features of the articles
    #: the first pass made (``rust/newskit-core/src/split/context.rs``) and decides the labels.
    second: tuple[dict[str, tuple[tuple[int, float], ...]], tuple[tuple[float, ...], ...]] | None = None

    def __post_init__(self) -> None:
        # The compiled tagger holds the weights as dense rows per feature, looked up as features are made.
        object.__setattr__(self, "_core", core_tagger(self.weights, self.transitions, self.bias,
                                                     self.common_bigrams, self.second))

    @property
    def deciding_weights(self) -> dict[str, tuple[tuple[int, float], ...]]:
        """The weights of the pass that decides the labels (the second when the model is stacked)."""
        return self.second[0] if self.second else self.weights

    @classmethod
    def from_json(cls, data: dict) -> TaggerModel:
        if data.get("version") != MODEL_VERSION or tuple(data.get("labels", ())) != LABELS:
            raise ModelError(f"split tagger model is version {data.get('version')!r} with labels "
                             f"{data.get('labels')!r}; this newskit reads version {MODEL_VERSION}")
        weights, transitions = _pass(data)
        second = _pass(data["second"]) if data.get("second") else None
        bias = tuple(float(b) for b in data.get("bias", (0.0,) * len(LABELS)))
        if len(bias) != len(LABELS):
            raise ModelError("split tagger model: the label bias does not match the labels")
        return cls(LABELS, weights, transitions, data.get("meta", {}), frozenset(data.get("common_bigrams", ())),
                   bias, second)

    @classmethod
    def load(cls, path: str | Path) -> TaggerModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read split tagger model {path}: {exc}") from None
        return cls.from_json(data)

    def emissions(self, feats: list[str]) -> list[float]:
        """A block's score per label: its features' weights summed, plus the label bias."""
        return self._core.emissions(feats)


def _pass(data: dict) -> tuple[dict, tuple]:
    """One pass's weights and transitions from the model JSON."""
    try:
        weights = {f: tuple((int(k), float(w)) for k, w in pairs) for f, pairs in data["weights"].items()}
        transitions = tuple(tuple(float(w) for w in row) for row in data["transitions"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"split tagger model: malformed weights ({exc})") from None
    if len(transitions) != len(LABELS) or any(len(row) != len(LABELS) for row in transitions):
        raise ModelError("split tagger model: the transition table does not match the labels")
    return weights, transitions


@lru_cache(maxsize=1)
def default_model() -> TaggerModel:
    """The model shipped in the package (loaded once per process; no network)."""
    ref = resources.files("newskit.split") / "data" / "tagger.json"
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"the packaged split tagger model is unreadable: {exc}") from None
    return TaggerModel.from_json(data)


def _bits(labels: frozenset[int]) -> int:
    return sum(1 << k for k in labels)


_LABEL_SETS = [frozenset(k for k in range(LEADS_ON + 1) if bits >> k & 1) for bits in range(1 << (LEADS_ON + 1))]


def decode(model: TaggerModel, feats: list[list[str]], allowed: list[frozenset[int]]) -> list[int]:
    """The best label sequence (label indices) under the constraints; ``allowed[k]`` are block k's labels.

    Exact Viterbi over the automaton's states (labels, with ``head+`` expanded by its position in the
    stack), compiled: ``rust/newskit-core/src/split/decode.rs``.
    """
    return model._core.decode(feats, [_bits(a) for a in allowed])


def allowed_labels(md_level: int, wire: bool, may_join: bool) -> frozenset[int]:
    """What a block may be: a markdown heading only a headline or section title, a block opening with an
    explicit 电头 only a paragraph or byline line; ``join`` only after a paragraph cut mid-sentence."""
    return _LABEL_SETS[_core.SplitTagger.allowed_labels(md_level, wire, may_join)]


def strongest_features(model: TaggerModel, feats: list[str], label: int, top: int = 4) -> list[tuple[str, float]]:
    """The features that did most to pick ``label`` over the block's runner-up label: (feature, margin)."""
    em = model.emissions(feats)
    runner = max((k for k in range(len(LABELS)) if k != label), key=lambda k: em[k])
    margins = []
    for f in feats:
        pairs = dict(model.deciding_weights.get(f, ()))
        margin = pairs.get(label, 0.0) - pairs.get(runner, 0.0)
        if margin:
            margins.append((f, margin))
    margins.sort(key=lambda fm: -fm[1])
    return margins[:top]


#: The head of a public-service box: the short lines printed under it are its slogans (seed 001:103–113),
#: one stack however many, never articles or section titles of their own.
_BOX_HEAD = re.compile(r"核心价值观|公益广告|温馨提示")


def block_constraints(blocks: list, infos: list, settled: list[bool]) -> list[frozenset[int]]:
    """Each block's allowed labels (see ``allowed_labels``), from its shape and the text before it; a
    settled block (``features.settled_blocks``) is body text. A title with a byline line under it is a
    headline; a deeper markdown heading standing alone in running text is a section title; the slogans under
    a public-service box head (``_BOX_HEAD``) are its stack; a closing or credit line is never a join, and a
    closing line never a headline or stack line; running text (over 40 characters with two sentence marks) is
    never a title. A block whose text announces the next has ``LEADS_ON`` in its set."""
    return [_LABEL_SETS[bits] for bits in default_model()._core.constraints(pack(blocks, infos), settled)]


def _tag(blocks: list, infos: list, model: TaggerModel, keep_features: bool = False) -> tuple[list[int], list | None]:
    """Settle, featurise, constrain and decode the page in one compiled pass."""
    return model._core.tag(pack(blocks, infos), word_source(lexicon_word), keep_features)


def label_blocks(blocks: list, infos: list, model: TaggerModel | None = None) -> list[int]:
    """The tagger's label (an index into ``LABELS``) for every block of a dump."""
    return _tag(blocks, infos, model or default_model())[0]


def explain_blocks(blocks: list, infos: list, model: TaggerModel | None = None,
                   top: int = 4) -> list[tuple[int, list[tuple[str, float]]]]:
    """Each block's label and the features that decided it (``newskit split --explain``)."""
    model = model or default_model()
    labels, feats = _tag(blocks, infos, model, keep_features=True)
    return [(lab, strongest_features(model, f, lab, top)) for lab, f in zip(labels, feats, strict=True)]
