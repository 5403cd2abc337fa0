"""Stage 4: verify a candidate pair and align it: exact, near, one inside the other, or overlapping — and where.

Works on matching text (see normalize.py). rapidfuzz is imported here and only here, on first use.
partial_ratio is cubic in the worst case, so it never sees more than ``max_chars`` of the longer text: a
long text is cut to the region around the shorter one's n-grams first.
"""

from __future__ import annotations

from dataclasses import dataclass

from newskit.dedupe.records import Relation

MIN_BLOCK = 3  # matching blocks shorter than this are chance agreement (`的`, `年`), not alignment


@dataclass(frozen=True, slots=True)
class Match:
    """A verified relation between matching texts ``x`` and ``y``, spans in matching-text indices.

    For ``contained`` the inner text is ``x`` when ``x_inside`` is true, else ``y``. ``matched`` counts the
    characters the alignment pairs up (the whole text for exact).
    """

    relation: Relation
    score: float
    x_span: tuple[int, int]
    y_span: tuple[int, int]
    x_inside: bool = True
    matched: int = 0

    @property
    def rank(self) -> int:
        """How strongly the relation explains a pair: exact 0, near 1, contained 2, overlap 3."""
        return _RANK[self.relation]


_RANK = {Relation.EXACT: 0, Relation.NEAR: 1, Relation.CONTAINED: 2, Relation.OVERLAP: 3}
#: The most text the local alignment sees on each side (bit-parallel LCS: cost ~ len(x) * len(y) / 64).
MAX_LOCAL_CHARS = 20_000


def verify(x: str, y: str, *, threshold: float, ngram: int, max_chars: int = 2000,
           min_overlap: int | None = None) -> Match | None:
    """The relation between matching texts ``x`` and ``y``, or None when they are not duplicates.

    - exact: equal texts;
    - near: Indel similarity of the whole texts ≥ ``threshold`` (both directions high, lengths close);
    - contained: the shorter text aligns inside the longer one; the score is the Indel similarity of the
      whole shorter text to the aligned span of the longer one (≥ ``threshold``);
    - overlap: a local alignment — a run of matching blocks with few gaps — pairs up at least
      ``min_overlap`` characters (None: no overlap relation), the two aligned spans have Indel
      similarity ≥ ``threshold``, and it runs off opposite ends (``dovetails``): two reprints cut
      differently, the end of one printed again as the start of the other.
    """
    from rapidfuzz.distance import Indel

    if x == y:
        return Match(Relation.EXACT, 1.0, (0, len(x)), (0, len(y)), matched=len(x))
    if not x or not y:
        return None
    similarity = Indel.normalized_similarity(x, y, score_cutoff=threshold)
    if similarity >= threshold:
        x_span, y_span = aligned_spans(x, y)
        return Match(Relation.NEAR, similarity, x_span, y_span, matched=round(similarity * (len(x) + len(y)) / 2))
    if len(x) != len(y):
        inner, outer = (x, y) if len(x) < len(y) else (y, x)
        found = contained_span(inner, outer, threshold=threshold, ngram=ngram, max_chars=max_chars)
        if found is not None:
            _, inner_span, outer_span = found
            score = Indel.normalized_similarity(inner, outer[outer_span[0]:outer_span[1]])
            if score >= threshold:
                matched = round(score * (len(inner) + outer_span[1] - outer_span[0]) / 2)
                if inner is x:
                    return Match(Relation.CONTAINED, score, inner_span, outer_span, True, matched)
                return Match(Relation.CONTAINED, score, outer_span, inner_span, False, matched)
    if min_overlap is None:
        return None
    return overlap(x, y, threshold=threshold, min_overlap=min_overlap)


def overlap(x: str, y: str, *, threshold: float, min_overlap: int) -> Match | None:
    """The best local alignment of ``x`` and ``y`` when it pairs up ``min_overlap`` characters or more.

    The global alignment (LCS) of the two texts pairs the shared run up, since it is the longest common
    material; its matching blocks of MIN_BLOCK or more characters are chained left to right, each gap
    costing its length (Kadane's maximum-sum segment), and the best chain is the local alignment.
    """
    from rapidfuzz.distance import Indel

    xs, ys = x[:MAX_LOCAL_CHARS], y[:MAX_LOCAL_CHARS]
    blocks = _blocks(xs, ys)
    best = None
    best_score = 0
    cur_start = 0
    cur_score = 0
    for k, (a, b, size) in enumerate(blocks):
        if k and cur_score > 0:
            pa, pb, ps = blocks[k - 1]
            gap = max(a - (pa + ps), b - (pb + ps))
            extended = cur_score - gap + size
        else:
            extended = 0
        if extended > size:
            cur_score = extended
        else:
            cur_start, cur_score = k, size
        if cur_score > best_score:
            best_score, best = cur_score, (cur_start, k)
    if best is None:
        return None
    first, last = blocks[best[0]], blocks[best[1]]
    matched = sum(size for _, _, size in blocks[best[0]:best[1] + 1])
    if matched < min_overlap:
        return None
    x_span, y_span = _extend(xs, ys, (first[0], last[0] + last[2]), (first[1], last[1] + last[2]))
    if not dovetails(x_span, len(x), y_span, len(y)):
        return None
    score = Indel.normalized_similarity(xs[x_span[0]:x_span[1]], ys[y_span[0]:y_span[1]])
    if score < threshold:
        return None
    return Match(Relation.OVERLAP, score, x_span, y_span, matched=matched)


#: Characters an overlap may stop short of a text's end (an edit at the cut).
END_SLACK = 3


def dovetails(x_span: tuple[int, int], x_len: int, y_span: tuple[int, int], y_len: int) -> bool:
    """Does the aligned run reach the end of one text and the start of the other?

    That is what a passage cut differently in two printings looks like. Two different articles that open
    with the same formula (本报讯…为深入贯彻落实…) share a start, and two that close with the same
    sentence share an end; neither is the same passage printed twice, so neither is an overlap. A run in
    the middle of both is a shared quotation.
    """
    x_start, x_end = x_span[0] <= END_SLACK, x_len - x_span[1] <= END_SLACK
    y_start, y_end = y_span[0] <= END_SLACK, y_len - y_span[1] <= END_SLACK
    return (x_end and y_start) or (x_start and y_end)


def aligned_spans(x: str, y: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The spans of ``x`` and ``y`` between their first and last solid matching blocks: a near copy's
    edges that match nothing (a headline the reflow glued on, a credit line) are not part of the span."""
    blocks = _blocks(x, y)
    if not blocks:
        return (0, len(x)), (0, len(y))
    first, last = blocks[0], blocks[-1]
    return _extend(x, y, (first[0], last[0] + last[2]), (first[1], last[1] + last[2]))


def contained_span(inner: str, outer: str, *, threshold: float, ngram: int,
                   max_chars: int = 2000) -> tuple[float, tuple[int, int], tuple[int, int]] | None:
    """(score, span in inner, span in outer) when ``inner`` is printed inside ``outer``, else None."""
    from rapidfuzz import fuzz

    lo, hi = 0, len(outer)
    if len(outer) > max_chars:
        lo, hi = _anchor_region(inner, outer, ngram)
        if hi <= lo:
            return None
    region = outer[lo:hi]
    if len(inner) <= max_chars:
        if len(region) < len(inner):  # partial_ratio would swap its arguments; widen the region instead
            grow = len(inner) - len(region)
            lo = max(0, lo - grow)
            hi = min(len(outer), lo + len(inner))
            region = outer[lo:hi]
        alignment = fuzz.partial_ratio_alignment(inner, region, score_cutoff=threshold * 100)
        if alignment is None or alignment.score < threshold * 100:
            return None
        score = alignment.score / 100
        src = (alignment.src_start, alignment.src_end)
        dest = (lo + alignment.dest_start, lo + alignment.dest_end)
        refined = _refine(inner, outer, src, dest)
        return score, refined[0], refined[1]
    # A very long inner text: score it by how much of it the matching blocks cover.
    blocks = _blocks(inner, region)
    covered = sum(size for _, _, size in blocks)
    score = covered / len(inner)
    if score < threshold or not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    src, dest = _extend(inner, outer, (first[0], last[0] + last[2]), (lo + first[1], lo + last[1] + last[2]))
    return score, src, dest


def _blocks(a: str, b: str) -> list[tuple[int, int, int]]:
    from rapidfuzz.distance import Indel

    return [(blk.a, blk.b, blk.size) for blk in Indel.opcodes(a, b).as_matching_blocks() if blk.size >= MIN_BLOCK]


def _refine(inner: str, outer: str, src: tuple[int, int],
            dest: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Widen partial_ratio's window (always exactly as long as the needle) to the real aligned span.

    With insertions in the outer copy the window cuts its end off (rapidfuzz #323); a global alignment
    of the needle against the window plus some margin, keeping only solid blocks, finds the true ends.
    """
    pad = max(8, len(inner) // 5)
    lo, hi = max(0, dest[0] - pad), min(len(outer), dest[1] + pad)
    blocks = _blocks(inner, outer[lo:hi])
    if not blocks:
        return src, dest
    first, last = blocks[0], blocks[-1]
    wide = _extend(inner, outer, (first[0], last[0] + last[2]), (lo + first[1], lo + last[1] + last[2]))
    # Several alignments can be equally long (repeated characters); keep the widened span only if it
    # matches the needle strictly better than partial_ratio's own window.
    from rapidfuzz.distance import Indel

    if Indel.normalized_similarity(inner, outer[wide[1][0]:wide[1][1]]) > Indel.normalized_similarity(
            inner, outer[dest[0]:dest[1]]):
        return wide
    return _extend(inner, outer, src, dest)


def _extend(inner: str, outer: str, src: tuple[int, int],
            dest: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Grow both spans over equal characters at their edges (blocks shorter than MIN_BLOCK were dropped)."""
    (i, j), (k, m) = src, dest
    while i > 0 and k > 0 and inner[i - 1] == outer[k - 1]:
        i, k = i - 1, k - 1
    while j < len(inner) and m < len(outer) and inner[j] == outer[m]:
        j, m = j + 1, m + 1
    return (i, j), (k, m)


def _anchor_region(inner: str, outer: str, ngram: int) -> tuple[int, int]:
    """The part of ``outer`` between the first and last of ``inner``'s n-grams, with a margin."""
    n = max(2, min(ngram, len(inner)))
    grams = {inner[i:i + n] for i in range(len(inner) - n + 1)}
    hits = [i for i in range(len(outer) - n + 1) if outer[i:i + n] in grams]
    if not hits:
        return 0, 0
    pad = len(inner) // 4 + n
    return max(0, hits[0] - pad), min(len(outer), hits[-1] + n + pad)
