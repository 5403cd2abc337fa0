"""The engine: seed case, exact / near / contained across files, no false pairs, clusters, boilerplate."""

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newskit.dedupe import DedupeSettings, Passage, Relation, find_duplicates, run, text_passages
from newskit.io import read_document
from newskit.model import Document, MappedText

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_5aba1ba51e5b42c7.txt"

# Paragraphs written for these tests (news-like, unrelated to each other).
P1 = ("为进一步推进乡村金融服务全覆盖，建立政府政策引导与商业银行综合金融服务相结合的机制，"
      "市农业农村局与建设银行签订战略合作协议，双方将在粮食产能和农村人居环境等领域展开务实合作。")
P2 = ("入冬以来，城区供热管网改造工程进入收尾阶段，施工单位加派人手昼夜作业，"
      "确保十二月上旬前全部完成管道连通和试压，让三万余户居民按时用上暖气。")
P3 = ("县图书馆少儿阅览室经过两个月装修重新开放，新增绘本两千余册和十台电子阅读终端，"
      "周末还将邀请志愿者为孩子们开展故事会和手工课活动。")
P4 = ("今年以来，全市新增城镇就业岗位一万二千个，帮助四千多名高校毕业生和退役军人实现就业，"
      "零就业家庭实现动态清零。")


def passages_of(path, *paragraphs, dump=None):
    return list(text_passages("\n\n".join(paragraphs), path, dump=dump))


def pairs(result_or_list):
    dups = result_or_list.duplicates if hasattr(result_or_list, "duplicates") else result_or_list
    return {(d.kind, d.a.path, d.a.line, d.b.path, d.b.line) for d in dups}


def test_seed_paragraph_inside_a_longer_one_and_its_fragment():
    from newskit.split import split_document

    doc = read_document(SEED)
    from newskit.dedupe import article_passages

    passages = list(article_passages(doc, split_document(doc)))
    result = run(passages, DedupeSettings())
    lines = doc.text.split("\n")
    by_inner_line = {d.a.line: d for d in result.duplicates}

    alone = by_inner_line[29]  # printed again alone
    assert alone.relation is Relation.CONTAINED
    assert (alone.b.line, alone.b.column) == (27, 1)
    assert alone.b.text == lines[28].rstrip("。")  # the aligned span inside 27 is the whole of 29
    assert alone.score == 1.0

    fragment = by_inner_line[31]  # the truncated fragment
    assert fragment.relation is Relation.CONTAINED
    assert fragment.b.line == 27
    assert fragment.b.text == lines[30] == "市农业农村局相关负责人介绍，协议签订"
    assert lines[26][fragment.b.column - 1:fragment.b.end_column - 1] == fragment.b.text
    assert fragment.a.article == fragment.b.article == alone.b.article
    assert fragment.cluster == alone.cluster


def test_exact_near_and_contained_across_files():
    near_p2 = P2.replace("三万余户", "三万多户").replace("十二月上旬", "十二月中旬")
    first = passages_of("page1.txt", P1, P2, P3)
    second = passages_of("page2.txt", P4, near_p2, P1.replace("，", ","), "据悉，" + P3 + "报名时间为每周一至周五上午九点到下午五点，名额有限，额满即止。")
    found = pairs(run(first + second, DedupeSettings()))
    assert ("exact", "page1.txt", 1, "page2.txt", 5) in found
    assert ("near", "page1.txt", 3, "page2.txt", 3) in found
    assert ("contained", "page1.txt", 5, "page2.txt", 7) in found
    assert len(found) == 3


def test_near_score_and_contained_span():
    edited = P1.replace("粮食产能", "粮食生产")
    dups = find_duplicates(passages_of("a.txt", P1, P4 + P3) + passages_of("b.txt", edited, P3[:35]))
    assert {d.kind for d in dups} == {"near", "contained"}
    near = next(d for d in dups if d.relation is Relation.NEAR)
    assert 0.9 <= near.score < 1 and (near.a.path, near.b.path) == ("a.txt", "b.txt")
    inside = next(d for d in dups if d.relation is Relation.CONTAINED)
    assert (inside.a.path, inside.a.line) == ("b.txt", 3)  # the fragment of P3 …
    assert (inside.b.path, inside.b.line) == ("a.txt", 3)  # … sits after P4 in paragraph 3
    assert inside.b.text == P3[:35]
    assert inside.b.column == len(P4) + 1


def test_unrelated_paragraphs_sharing_boilerplate_words_are_not_pairs():
    opening = "本报讯（记者 李明 通讯员 王芳）为深入贯彻落实习近平新时代中国特色社会主义思想，"
    closing = "下一步，我市将持续巩固拓展脱贫攻坚成果，全面推进乡村振兴。"
    paragraphs = [opening + body + closing for body in (P1, P2, P3, P4)]
    assert find_duplicates(passages_of("a.txt", *paragraphs[:2]) + passages_of("b.txt", *paragraphs[2:])) == []


def test_short_sentences_for_lint():
    sentences = ["会议要求各级部门压实责任。", "全市共检查企业三百余家。", "会议要求各级部门压实责任。",
                 "全市共检查企业三百多家。", "春耕备耕工作有序推进。"]
    passages = [Passage(text=s, path="a.txt", line=k + 1, ref=k) for k, s in enumerate(sentences)]
    dups = find_duplicates(passages, min_chars=8)
    found = {(d.kind, d.a.ref, d.b.ref) for d in dups}
    assert found == {("exact", 0, 2), ("near", 1, 3)}
    assert all(d.a.passage == d.a.ref for d in dups)
    assert find_duplicates(passages) == []  # below the default min_chars
    # need_exact: the same answer while two sentences are alike, nothing once none is
    assert find_duplicates(passages, min_chars=8, need_exact=True) == dups
    assert find_duplicates(passages[1:], min_chars=8, need_exact=True) == []
    assert find_duplicates(passages[1:], min_chars=8) != []


def test_clusters_come_from_verified_pairs_only():
    # Two different long paragraphs that both contain P3 (at the end of one, in the middle of the other:
    # no dovetail, so no overlap): P3 links them into one cluster, but they are not a pair of each other.
    long1, long2 = P1 + P3, P4 + P3 + P2
    result = run(passages_of("a.txt", long1, P3, long2), DedupeSettings())
    assert pairs(result) == {("contained", "a.txt", 3, "a.txt", 1), ("contained", "a.txt", 3, "a.txt", 5)}
    assert len(result.clusters) == 1
    assert sorted(m.line for m in result.clusters[0].members) == [1, 3, 5]


def test_exact_copies_pair_with_the_first_printing():
    result = run(passages_of("a.txt", P2, P2, P2), DedupeSettings())
    assert pairs(result) == {("exact", "a.txt", 1, "a.txt", 3), ("exact", "a.txt", 1, "a.txt", 5)}


def test_boilerplate_is_reported_once_not_as_pairs():
    notice = "本报热线电话：一二三四五六七八，欢迎广大读者提供新闻线索，一经采用即付稿酬。"
    bodies = (P1, P2, P3, P1[:40], P2[:40])
    dumps = [passages_of(f"d{k}.txt", body, notice) for k, body in enumerate(bodies)]
    dumps.append(passages_of("d5.txt", P4 + notice))
    result = run([p for d in dumps for p in d], DedupeSettings())
    assert {d.kind for d in result.duplicates} == {"contained"}  # P1[:40] in P1, P2[:40] in P2: not boilerplate
    assert len(result.boilerplate) == 1
    assert result.boilerplate[0].dumps == 6
    assert {o.path for o in result.boilerplate[0].occurrences} == {f"d{k}.txt" for k in range(6)}
    # In fewer than max(5, 20% of the dumps) it is an ordinary duplicate: a reprint, not standing text.
    few = run([p for d in dumps[:4] for p in d], DedupeSettings())
    assert ("exact", "d0.txt", 3, "d1.txt", 3) in pairs(few) and few.boilerplate == ()
    # Among 46 dumps, 6 is under 20%: the same notice is then a cluster of duplicates, not boilerplate.
    others = [p for k in range(40) for p in passages_of(f"e{k}.txt", f"第{k}期")]
    large = run([p for d in dumps for p in d] + others, DedupeSettings())
    assert large.boilerplate == () and {d.kind for d in large.duplicates} == {"exact", "contained"}



def test_span_maps_through_a_rejoined_break():
    text = "标题\n\n" + P1[:30] + "\n" + P1[30:] + "\n\n" + P1[20:50] + "\n"
    doc = Document.from_text(text, path="x.txt")
    first_start = text.index(P1[:30])
    second_start = text.index(P1[30:])
    mapped = MappedText.from_slices(text, [(first_start, first_start + 30), (second_start, second_start + len(P1) - 30)])
    repeat_start = text.rindex(P1[20:50])
    repeat = MappedText.from_slices(text, [(repeat_start, repeat_start + 30)])
    passages = [Passage(mapped.text, "x.txt", source=mapped, document=doc),
                Passage(repeat.text, "x.txt", source=repeat, document=doc)]
    (dup,) = find_duplicates(passages)
    assert dup.relation is Relation.CONTAINED
    assert (dup.a.line, dup.a.column) == (6, 1)
    assert (dup.b.line, dup.b.column, dup.b.end_line, dup.b.end_column) == (3, 21, 4, 21)
    assert dup.b.text == P1[20:50]


@pytest.mark.parametrize("bad", [{"min_chars": 0}, {"threshold": 0}, {"threshold": 1.5}, {"window": 0},
                                 {"ngram": 1}, {"max_df": 1}, {"boilerplate_min_dumps": -1}])
def test_bad_settings_are_rejected(bad):
    with pytest.raises(ValueError):
        DedupeSettings(**bad)


def test_a_sentence_of_a_paragraph_reports_its_own_position():
    text = "标题\n\n" + P2 + "\n\n" + P4 + P2[:36] + "\n"
    doc = Document.from_text(text, path="x.txt")
    second = text.index(P4)
    whole = MappedText.from_slices(text, [(second, second + len(P4) + 36)])
    first = MappedText.from_slices(text, [(text.index(P2), text.index(P2) + len(P2))])
    sentence = Passage(P2[:36], "x.txt", source=whole, document=doc, offset=len(P4))
    (dup,) = find_duplicates([Passage(P2, "x.txt", source=first, document=doc), sentence])
    assert (dup.a.line, dup.a.column) == (5, len(P4) + 1)
    assert (dup.b.line, dup.b.column) == (3, 1)
    assert sentence.compute_breakpoints() == ((0, 5, len(P4) + 1),)


_HAN = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 400))


@settings(max_examples=60, deadline=None)
@given(inner=st.text(alphabet=_HAN, min_size=15, max_size=120),
       before=st.text(alphabet=_HAN, min_size=40, max_size=200),
       after=st.text(alphabet=_HAN, max_size=200))
def test_a_paragraph_inside_another_is_found_with_its_exact_span(inner, before, after):
    outer = before + "，" + inner + "。" + after
    joined = before + inner + after  # what matching sees: punctuation dropped
    assume(joined.find(inner) == len(before) and joined.find(inner, len(before) + 1) == -1)  # printed once
    dups = find_duplicates([Passage(outer, "a.txt"), Passage(inner, "b.txt", line=9)])
    inside = [d for d in dups if d.a.path == "b.txt" and d.b.path == "a.txt"]
    assert len(inside) == 1 and inside[0].relation is Relation.CONTAINED
    assert inside[0].b.text == inner
    assert inside[0].b.column == len(before) + 2


def test_span_covers_an_edited_copy_inside_a_longer_paragraph():
    edited = P2.replace("施工单位", "市政施工单位").replace("让三万余户", "让全市三万余户")
    outer = P4 + edited + P3
    (dup,) = find_duplicates([Passage(outer, "a.txt"), Passage(P2, "b.txt")])
    assert dup.relation is Relation.CONTAINED and dup.a.path == "b.txt"
    assert dup.b.text == edited.rstrip("。")
    assert 0.9 <= dup.score < 1


def test_the_small_run_path_finds_what_the_vectorised_one_finds(monkeypatch):
    """Lint's R201 runs take the pure-Python path (no NumPy import); both paths give the same candidates."""
    import numpy as np

    from newskit.dedupe import engine
    from newskit.dedupe.fingerprint import codes_of, winnow
    from newskit.dedupe.keys import fingerprints
    from newskit.dedupe.units import make_units

    texts = [P1, P2, P3, P4, P1[:40] + P4, P2.replace("三万余户", "三万多户"), P3[20:] + P1[:50], "会议要求各级部门压实责任。"]
    norms = [t.translate(str.maketrans("", "", "，。、")) for t in texts]
    codes, starts = codes_of(norms)
    post = winnow(codes, np.stack([starts[:-1], starts[1:]], axis=1), 7, 4)
    for u, norm in enumerate(norms):
        assert set(post.hash[post.unit == u].tolist()) == fingerprints(norm, 7, 4)
    units = make_units([Passage(t, "a.txt") for t in texts], 15)
    settings = DedupeSettings(min_overlap=30)
    small = engine.small_candidates(units, settings)
    monkeypatch.setattr(engine, "SMALL_UNITS", 0)
    assert sorted(engine.self_candidates(units, settings)) == sorted(small) and small
