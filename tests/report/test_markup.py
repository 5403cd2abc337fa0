"""markup.render: overlapping spans become well-nested elements, each on exactly its text."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, strategies as st

from newskit.reporters.html.markup import Point, Span, Tag, render
from markupsafe import Markup


class Spans(HTMLParser):
    """Text covered by each element id (its parts, ``data-of``, included); checks that tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.text: dict[str, str] = {}
        self.plain: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        owner = a.get("id") or a.get("data-of")
        if owner is not None:
            self.text.setdefault(owner, "")
        self.stack.append((tag, owner))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.plain.append(data)
        for _, owner in self.stack:
            if owner is not None:
                self.text[owner] += data


texts = st.text(alphabet="甲乙丙丁,<&>\"' ab", min_size=0, max_size=30)


@given(texts, st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=8),
       st.lists(st.integers(0, 30), max_size=3))
def test_every_span_is_one_element_on_its_text(text, bounds, joins):
    spans = []
    for k, (a, b) in enumerate(bounds):
        i, j = sorted((min(a, len(text)), min(b, len(text))))
        spans.append(Span(i, j, Tag.of("mark", (("id", f"s{k}"),), (("data-of", f"s{k}"),))))
    points = [Point(min(p, len(text)), Markup('<span class="j"></span>')) for p in joins]
    parser = Spans()
    parser.feed(str(render(text, spans, points)))
    parser.close()
    assert parser.stack == []
    assert "".join(parser.plain) == text  # markers add no text; every character is printed once
    for k, s in enumerate(spans):
        assert parser.text[f"s{k}"] == text[s.start:s.end]


def test_a_crossing_span_continues_in_a_part():
    html = str(render("abcdef", [Span(0, 4, Tag.of("mark", (("id", "x"),), (("data-of", "x"),))),
                                 Span(2, 6, Tag.of("mark", (("id", "y"),), (("data-of", "y"),)))]))
    assert html == '<mark id="x">ab<mark id="y">cd</mark></mark><mark data-of="y">ef</mark>'


def test_text_is_escaped():
    assert str(render("<b>&", [])) == "&lt;b&gt;&amp;"
