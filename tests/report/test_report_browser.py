"""The report opened in a real headless Chromium: findings on their spans, duplicates linked both ways,
filters, search, keyboard navigation, and not one request leaving the page."""

from __future__ import annotations

import json

import pytest

from newskit.io import read_document
from newskit.text.cjk import non_space
from tests.conftest import REPO, seed_path
from tests.report.conftest import newskit

#: every finding element, its parts' text appended (a finding cut by another span's end continues in parts)
COLLECT_MARKS = """() => Array.from(document.querySelectorAll('mark.nk-f[data-code]')).map(m => {
  const parts = Array.from(document.querySelectorAll('[data-of="' + m.id + '"]'));
  return {id: m.id, code: m.dataset.code, severity: m.dataset.severity, line: +m.dataset.line,
          column: +m.dataset.column, end_line: +m.dataset.endLine, end_column: +m.dataset.endColumn,
          where: m.dataset.where, message: m.dataset.message, path: m.closest('section.nk-dump').dataset.path,
          text: m.textContent + parts.map(p => p.textContent).join(''),
          joined: !!m.querySelector('.nk-join') || parts.length > 0};
})"""


def offset(doc, line: int, column: int) -> int:
    return doc.line_starts[line - 1] + column - 1


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@pytest.fixture(scope="module")
def lint_json() -> list[dict]:
    # in the report's default language (zh), so messages compare as printed
    done = newskit("lint", "seeds", "--format", "json", "--exit-zero", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_lint_finding_is_an_element_on_its_span(open_page, seed_report, lint_json):
    opened = open_page(seed_report)
    marks = opened.page.evaluate(COLLECT_MARKS)
    assert len(lint_json) > 500 and len(marks) == len(lint_json)
    by_key: dict[tuple, list[dict]] = {}
    for m in marks:
        by_key.setdefault((m["path"], m["code"], m["line"], m["column"], m["end_line"], m["end_column"]), []).append(m)
    docs = {}
    for f in lint_json:
        key = (f["path"], f["code"], f["line"], f["column"], f["end_line"], f["end_column"])
        assert by_key.get(key), f"no element for {key}"
        m = by_key[key].pop(0)
        assert m["severity"] == f["severity"] and m["message"] == f["message"]
        assert m["where"] == f"{f['path']}:{f['line']}:{f['column']}"
        doc = docs.setdefault(f["path"], read_document(REPO / f["path"]))
        printed = non_space(doc.text[offset(doc, f["line"], f["column"]):offset(doc, f["end_line"], f["end_column"])])
        shown = non_space(m["text"])
        if m["joined"]:  # a span across a rejoined break: the text as reflowed, without what lay between
            assert shown[:1] == printed[:1] and shown[-1:] == printed[-1:] and is_subsequence(shown, printed), key
        else:
            assert shown == printed, key


def test_the_jianhang_repetition_links_to_its_first_printing_and_back(open_page, seed_report):
    opened = open_page(seed_report)
    page = opened.page
    section = 'section[data-path="seeds/000_5aba1ba51e5b42c7.txt"]'
    again = page.locator(f'{section} .nk-dup[data-dup-role="again"][data-where$=":29:1"]')
    assert again.count() == 1
    assert "建行衡阳分行近两年来累计为涉农企业投放贷款" in again.inner_text()
    target = again.get_attribute("data-dup")
    assert target.startswith("#")
    first = page.locator(target)
    assert first.get_attribute("data-where").endswith(":27:1")
    assert first.get_attribute("data-dup-role") == "first"
    assert first.get_attribute("data-dup") == f"#{again.get_attribute('id')}"
    assert non_space(first.inner_text()) == non_space(again.inner_text())
    # the R201 finding sits on the repeated text
    assert again.locator('mark[data-code="R201"]').count() + \
        page.locator(f'{section} mark[data-code="R201"][data-line="29"]').count() >= 1
    # a click shows where the first printing is; a second click goes there, and back
    again.click()
    assert page.locator("#nk-pop").is_visible()
    assert ":27:1" in page.locator("#nk-pop").inner_text()
    again.click()
    assert page.evaluate("location.hash") == target
    first.click()
    first.click()
    assert page.evaluate("location.hash") == f"#{again.get_attribute('id')}"
    assert opened.errors == []


def test_filters_hide_and_show_findings(open_page, seed_report):
    opened = open_page(seed_report)
    page = opened.page
    page.locator("#nk-filters summary").click()
    errors = page.locator('mark.nk-f[data-severity="error"]')
    warnings = page.locator('mark.nk-f[data-severity="warning"]')
    n_errors, n_warnings = errors.count(), warnings.count()
    assert n_errors and n_warnings
    style = "e => getComputedStyle(e).backgroundColor + '|' + getComputedStyle(e).textDecorationLine"
    marked = errors.first.evaluate(style)
    assert "underline" in marked
    listed = page.locator('li.nk-fitem.nk-error').first
    assert listed.is_visible()

    page.locator('input[name="severity"][value="error"]').uncheck()
    assert page.locator('mark.nk-f.nk-off[data-severity="error"]').count() == n_errors
    assert page.locator('mark.nk-f.nk-off[data-severity="warning"]').count() == 0
    assert errors.first.evaluate(style) == "rgba(0, 0, 0, 0)|none"  # the text stays, unmarked
    assert errors.first.is_visible() or errors.first.inner_text() == ""
    assert listed.is_hidden()
    page.locator('input[name="severity"][value="error"]').check()
    assert page.locator("mark.nk-f.nk-off").count() == 0
    assert errors.first.evaluate(style) == marked and listed.is_visible()

    # a rule and a family filter: only that rule's findings go
    page.locator('input[name="code"][value="P109"]').uncheck()
    off = page.locator("mark.nk-f.nk-off")
    assert off.count() == page.locator('mark.nk-f[data-code="P109"]').count() > 0
    page.locator('input[name="code"][value="P109"]').check()
    page.locator('input[name="family"][value="P"]').uncheck()
    assert page.locator("mark.nk-f.nk-off").count() == page.locator('mark.nk-f[data-family="P"]').count()
    assert page.locator('mark.nk-f.nk-off:not([data-family="P"])').count() == 0
    page.locator('input[name="family"][value="P"]').check()
    # duplicates can be switched off too
    page.locator("#nk-show-dups").uncheck()
    assert page.evaluate("document.body.classList.contains('nk-no-dups')")
    assert opened.errors == []


def test_search_keeps_the_matching_records(open_page, seed_report):
    page = open_page(seed_report).page
    page.fill("#nk-q", "金湘通")
    page.wait_for_function("() => document.querySelectorAll('article.nk-rec:not([hidden])').length < 10")
    shown = page.locator("article.nk-rec:not([hidden])")
    assert shown.count() >= 1
    for k in range(shown.count()):
        assert "金湘通" in shown.nth(k).inner_text()
    assert page.locator('tr[data-rec]:not([hidden])').count() == shown.count()
    page.fill("#nk-q", "")
    page.wait_for_function("() => document.querySelectorAll('article.nk-rec[hidden]').length == 0")


def test_keyboard_moves_from_finding_to_finding(open_page, seed_report):
    page = open_page(seed_report).page
    page.keyboard.press("j")
    first = page.evaluate("document.querySelector('mark.nk-current').id")
    page.keyboard.press("j")
    second = page.evaluate("document.querySelector('mark.nk-current').id")
    order = page.evaluate("Array.from(document.querySelectorAll('mark.nk-f[data-code]')).map(m => m.id)")
    assert order.index(second) == order.index(first) + 1
    assert page.locator("#nk-pop").is_visible()
    assert page.evaluate("document.querySelector('mark.nk-current').dataset.code") in page.inner_text("#nk-pop")
    page.keyboard.press("k")
    assert page.evaluate("document.querySelector('mark.nk-current').id") == first
    page.keyboard.press("Escape")
    assert page.locator("#nk-pop").is_hidden()


def test_no_request_leaves_the_page(open_page, seed_report, tmp_path):
    for path in (seed_report,):
        opened = open_page(path)
        own = path.resolve().as_uri()
        assert [u for u in opened.requests if u.split("#")[0] != own] == []
        assert opened.blocked == [] and opened.failed == [] and opened.errors == []
    # the page still works with the network gone: scripts ran, the popup opens
    opened.page.keyboard.press("j")
    assert opened.page.locator("#nk-pop").is_visible()


def test_the_network_check_catches_a_request(open_page, tmp_path):
    """The harness is not blind: a page that asks for a remote image is caught."""
    page = tmp_path / "leaky.html"
    page.write_text('<!doctype html><img src="http://example.com/x.png"><p>x</p>', encoding="utf-8")
    opened = open_page(page)
    assert opened.blocked == ["http://example.com/x.png"] and opened.failed


JIANHANG = ("据了解，建行衡阳分行近两年来累计为涉农企业投放贷款超过5.6亿元，建设“金湘通”金融服务点4000多个，"
            "覆盖全市2500多个乡镇，服务12万多农户。")


def test_a_folder_report_links_duplicates_across_dumps(open_page, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    original = seed_path("000")
    (pages / original.name).write_bytes(original.read_bytes())
    (pages / "zz_reprint.txt").write_text(
        "建行服务乡村振兴\n\n本报讯（记者 张明）3月20日，记者从建行衡阳分行获悉一组数据。\n\n"
        f"{JIANHANG}\n\n下一步，该行将继续加大涉农信贷投放力度，扩大金融服务覆盖面。\n", encoding="utf-8")
    site = tmp_path / "site"
    done = newskit("report", str(pages), "-o", str(site))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in site.iterdir()) == ["000_5aba1ba51e5b42c7.html", "index.html", "zz_reprint.html"]

    opened = open_page(site / "index.html")
    index = opened.page
    assert index.locator('a[href="zz_reprint.html"]').count() == 1
    assert opened.errors == [] and opened.blocked == []
    opened = open_page(site / "zz_reprint.html")
    page = opened.page
    reprint = page.locator('.nk-dup[data-dup-role="again"][data-dup^="000_5aba1ba51e5b42c7.html#"]')
    assert reprint.count() >= 1
    href = reprint.first.get_attribute("data-dup")
    own_id = reprint.first.get_attribute("id")
    reprint.first.click()
    reprint.first.click()  # the second click follows the link to the other page
    page.wait_for_url(f"**/{href}")
    first = page.locator(f"#{href.split('#')[1]}")
    assert first.get_attribute("data-dup") == f"zz_reprint.html#{own_id}"
    assert "建行衡阳分行" in first.inner_text()
    assert opened.blocked == [] and opened.failed == [] and opened.errors == []


def test_print_drops_the_controls_and_keeps_the_codes(open_page, seed_report):
    page = open_page(seed_report).page
    page.emulate_media(media="print")
    assert page.locator(".nk-top").is_hidden()
    mark = page.locator('mark.nk-f[data-code="R201"]').first
    assert mark.evaluate("m => getComputedStyle(m, '::after').content") == '"R201"'
    assert page.locator("li.nk-fitem").first.is_visible()


def test_every_rejoined_break_of_split_is_marked(open_page, seed_report):
    done = newskit("split", "seeds", "--format", "jsonl")
    joins = [(r["source"]["path"], j["line"], j["to_line"], j["reason"])
             for r in map(json.loads, done.stdout.splitlines()) for j in r["joins"]]
    assert len(joins) > 20
    page = open_page(seed_report).page
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('.nk-join')).map(j =>
        [j.closest('section.nk-dump').dataset.path, +j.dataset.line, +j.dataset.toLine, j.dataset.reason,
         j.textContent, getComputedStyle(j, '::before').content])""")
    marked = {tuple(s[:4]) for s in shown}
    assert [j for j in joins if j not in marked] == []
    assert all(s[4] == "" and s[5] != "none" for s in shown)  # no text of its own; a small sign drawn by CSS
    page.locator("#nk-filters summary").click()
    page.locator("#nk-show-joins").uncheck()
    assert page.locator(".nk-join").first.evaluate("j => getComputedStyle(j, '::before').content") == "none"


def test_an_index_link_lands_below_the_sticky_bar(open_page, seed_report):
    page = open_page(seed_report).page
    row = page.locator('section[data-path="seeds/002_bf14c99edd045f98.txt"] tr[data-rec] a').nth(3)
    target = row.get_attribute("href")
    for start in ("top", "bottom"):  # from the bottom, the records scrolled past were never laid out
        if start == "top":
            row.click()
        else:
            page.keyboard.press("k")  # the last finding of the page
            page.evaluate("() => history.replaceState(null, '', location.pathname)")
            target = "#nk-003_70b3b63cf430e7af-r29"  # a caption half-way down the page
            page.evaluate(f"() => {{ location.hash = '{target}'; }}")  # a link followed from far below
        page.wait_for_timeout(100)
        bar = page.locator(".nk-top").bounding_box()
        heading = page.locator(target).bounding_box()
        assert bar["y"] + bar["height"] - 1 <= heading["y"] < 300, start


def test_a_long_findings_list_starts_folded_and_prints_unfolded(open_page, seed_report):
    page = open_page(seed_report).page
    boxes = page.locator("details.nk-fbox")
    folded = page.locator("details.nk-fbox:not([open])")
    assert folded.count() >= 1 and boxes.count() > folded.count()
    assert folded.first.locator("li").count() > 10
    assert folded.first.locator("li").first.is_hidden()
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.nk-fbox:not([open])").count() == 0


def test_one_page_links_duplicates_across_dumps_inside_it(open_page, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    original = seed_path("000")
    (pages / original.name).write_bytes(original.read_bytes())
    (pages / "zz_reprint.txt").write_text(f"建行数据\n\n本报讯（记者 张明）3月20日，记者获悉一组数据。\n\n{JIANHANG}\n",
                                          encoding="utf-8")
    out = tmp_path / "one.html"
    assert newskit("report", str(pages), "-o", str(out)).returncode == 0
    page = open_page(out).page
    reprint = page.locator(f'section[data-path="{pages / "zz_reprint.txt"}"] .nk-dup[data-dup-role="again"]')
    assert reprint.count() >= 1
    target = page.locator(reprint.first.get_attribute("data-dup"))
    assert target.evaluate("t => t.closest('section').dataset.path") == str(pages / original.name)
    assert target.get_attribute("data-dup") == f"#{reprint.first.get_attribute('id')}"
