"""The five seed dumps, split: every news article's heads, credits, dateline, body ends; every rejoined break.

Expected values were written from a careful reading of the seeds (`cat -n seeds/…`), not from the output.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import pytest

from newskit.io import read_document
from newskit.split import article_to_record, record_text, split_document
from newskit.text.cjk import non_space
from tests.conftest import seed_path


class A(NamedTuple):
    seed: str
    line_start: int
    line_end: int
    heads: dict
    credits: list
    dateline: tuple | None  # (text, ISO date or None)
    first: str  # first words of the first running paragraph (after the byline)
    last: str  # last words of the body
    continued: bool


ARTICLES = [
    A("000", 3, 11, {"kicker": "市总工会向全市各级工会组织和广大职工发出倡议——", "main": "当好“奋战一百天”服务员、战斗员"},
      [("胡建军", "记者")], ("日前", None), "记者从市总工会获", "局贡献工会力量。", False),
    A("000", 13, 19, {"main": "机关党建要与中心工作融合促进", "subhead": "市直机关2020年党的工作会议召开。刘正兴出席并讲话"},
      [("唐海强", "记者"), ("刘铭", "实习生")], ("3月18日", "2020-03-18"), "3月18日，市直", "治建设为统领，以", True),
    A("000", 21, 31, {"main": "全力推进 农业现代化和城乡一体化建设",
                      "subhead": "市农业农村局与建行衡阳分行签订“服务‘三农’战略合作协议”"},
      [("许珂", "记者"), ("李奇", "实习生")], ("3月17日下午", "2020-03-17"), "为进一步推进乡村", "人介绍，协议签订", True),
    A("000", 37, 53, {"main": "青春是用来奉献的"},
      [("滕思", "市纪委监委驻市生态环境局纪检监察组纪检监察室主任")], ("2月29日 星期六", "2020-02-29"),
      "清晨，来不及与熟", "内老人健康平安。", False),
    A("000", 55, 71, {"main": "守住第一道防线", "subhead": "——记珠晖区酃湖乡党委书记伍建春", "column": "一线抗疫群英谱"},
      [("周琪", "本报记者")], ("近日", None), "“现在疫情形势有", "到岗率近70%。", False),
    A("000", 73, 85, {"main": "持续加强产业帮扶力度", "subhead": "段志刚赴耒阳调研脱贫攻坚工作"},
      [("聂山人", "记者")], ("3月18日上午", "2020-03-18"), "3月18日上午，", "打赢脱贫攻坚战。", False),
    A("000", 87, 97, {"main": "创新社会治理“平安建设”新模式", "subhead": "胡志文赴衡东督导疫情防控和安保维稳工作"},
      [("姚永军", "记者"), ("左百村", "实习生")], ("3月17日", "2020-03-17"), "3月17日，副市", "作抓落实抓推进。", False),
    A("000", 99, 109, {"main": "全面推进城市管理“三化”", "subhead": "市相关工作会议召开。彭玉明出席并讲话"},
      [("张文凯", "记者"), ("邓灵", "实习生")], ("3月18日", "2020-03-18"), "3月18日，全市", "，靠制度约束人。", False),
    A("000", 111, 123, {"main": "解决医疗领域群众“急难愁盼”的民生问题", "subhead": "全市卫生健康工作会议召开。杨洪峰出席并讲话"},
      [("贺正香", "记者")], ("3月18日", "2020-03-18"), "3月18日，全市", "导彭辉出席会议。", False),
    A("000", 125, 131, {"kicker": "向阳社会工作服务中心：", "main": "面对面为防疫一线工作人员“减压”"},
      [("贺正香", "记者")], ("3月18日", "2020-03-18"), "3月18日，为响", "费网络直播课程，", True),
    A("001", 3, 25, {"kicker": "为基层群众解决实际困难和问题 94 个——", "main": "衡山 289 个监督服务微信群挺管用"},
      [("欧杨林", "通讯员")], ("近日", None), "“之前反映的梅柏", "问题 94 个。", False),
    A("001", 27, 45, {"main": "雁峰区全民终身学习活动周启动", "subhead": "“全国百姓学习之星”分享学习之乐"},
      [("张建新", "记者"), ("易先军", "通讯员")], ("12月1日上午", None), "12月1日上午，", "送教进社区活动。", False),
    A("001", 47, 63, {"column": "百千万“艺术童伴”——留守儿童关爱工程", "kicker": "蒸湘区：", "main": "留守（困境）儿童有了关爱档案"},
      [("邹红辉", None), ("陆意", "通讯员"), ("刘紫星", "通讯员")], ("11月30日", None), "11月30日，年", "类儿童身心健康。", False),
    A("001", 65, 77, {"main": "建平台 启服务 助治理 重党建", "subhead": "社工站“珠晖经验”获推广"},
      [("唐兰荣", "通讯员")], ("11月27日", None), "11月27日，衡", "行业高质量发展。", False),
    A("001", 79, 89, {"main": "七旬老读者致信本报编辑部", "subhead": "为人民路社区读书会点赞"},
      [("李军力", "通讯员")], ("近日", None), "近日，一位七旬老", "居民也慕名加入。", False),
    A("001", 91, 101, {"main": "“古稀合唱团”唱响“社会主义好”", "subhead": "衡阳县有支老年合唱团，平均年龄近七十岁"},
      [("周明韬", None), ("唐君", "通讯员")], ("12月1日", None), "“社会主义好，社", "均选自革命红歌。", False),
    A("002", 3, 11, {"main": "省人社厅督查我市农民工返岗复工帮扶工作"},
      [("魏涛", "记者")], ("3月2日", None), "3月2日,省人社", "、社会安定有序。", False),
    A("002", 13, 21, {"main": "安康水务集团齐心协力保供水"},
      [("彭成卫", "通讯员")], None, "疫情发生以来,安", "区疫情防控工作。", False),
    A("002", 23, 29, {"main": "紫阳有力有序推进项目复工复产"},
      [("黄治涛", "通讯员")], None, "为全力抓好疫情防", "可全面复工复产。", False),
    A("002", 31, 39, {"main": "镇坪举办宾馆和餐饮服务业专题培训"},
      [("何丹", "通讯员")], ("3月2日", None), "为进一步引导宾馆", "速时代”的到来。", False),
    A("002", 41, 47, {"main": "白河优化资金使用战疫情促脱贫"},
      [("沈莉", "通讯员")], ("近日", None), "为积极应对新冠肺", "等贴息政策半年。", False),
    A("002", 49, 79, {"main": "让青春在战“疫”中飞扬"},
      [("周健", "记者"), ("李研", "通讯员")], ("2月14日", None), "2月14日,市审", "次次帮扶中彰显。", False),
    A("002", 81, 99, {"main": "你们逆行 有我护航"},
      [("马孝华", "通讯员")], ("2月11日", None), "为迅速做好保障工", "力做好保障工作。", False),
    A("002", 103, 125, {"main": "筑牢抗疫「红色防线」"}, [], ("连日来", None), "疫情防控的关键时", "擦亮了党员名片。", False),
    A("003", 3, 61, {"main": "危难之时显身手 履职尽责勇担当", "subhead": "——醴陵市民政局部门抗击新冠肺炎疫情工作综述"},
      [("李逸峰", "文"), ("全小云", "文"), ("丁时伟", "文"), ("醴陵市民政局", "供图")], None,
      "40余名民政系统", "老年人食品安全。", False),
    A("004", 3, 55, {"kicker": "天津市", "main": "北辰区充分发挥精神文明建设在疫情防控中的作用"},
      [("津文", None)], None, "自中央文明办下发", "做法、先进事迹。", False),
    A("004", 57, 67, {"main": "广东佛山南海区慰问援鄂医护人员家属"},
      [("周钊梁", None), ("梁敏婷", None)], ("近日", None), "“口罩来得太及时", "。”刘琪如是说。", False),
    A("004", 69, 79, {"main": "湖南长沙开福区：好人战疫 筑起“平安墙”"},
      [("胡文", None)], None, "在全民战役的关键", "水果和防尘口罩。", False),
    A("004", 81, 87, {"main": "隔离病毒不隔离思念安徽淮北公墓推出“代客祭扫”服务"},
      [("韩惠", None), ("陈贤", None)], ("近日", None), "为配合疫情防控工", "的交叉感染风险。", False),
    A("004", 89, 95, {"main": "安吉县综合行政执法局报福执法所“三个着力”深入推进垃圾分类工作"},
      [("朱欢", None)], None, "自去年浙江省安吉", "细做深做好做实。", False),
    A("004", 101, 107, {"kicker": "太原市万柏林区", "main": "部署2020年创建全国文明城市工作"},
      [("梁晋杰", None), ("杨丽华", None)], ("3月5日", "2020-03-05"), "3月5日,山西省", "创城的浓厚氛围。", False),
    A("004", 109, 132, {"kicker": "青海同仁县", "main": "“五个精准”助推全面打赢脱贫攻坚战"},
      [("巨正措", None)], None, "2020年是全面", "脱贫的浓厚氛围。", False),
]

#: Records that are not news articles: (seed, first line, kind).
OTHER_RECORDS = [
    ("000", 35, "caption"), ("000", 133, "notice"), ("001", 103, "notice"),
    ("003", 29, "caption"), ("003", 37, "caption"), ("003", 63, "advertisement"),
    ("003", 86, "advertisement"), ("003", 101, "advertisement"), ("003", 115, "advertisement"), ("004", 99, "caption"),
]

#: Every paragraph broken by a column/page break (or a caption), as (line before the break, line after it).
JOINS = {
    "000": {(67, 69), (81, 83), (93, 95), (105, 107), (117, 119), (159, 161)},
    "001": {(9, 11), (13, 15), (21, 23), (33, 35), (35, 37), (39, 41), (43, 45), (55, 57), (57, 59), (61, 63), (69, 71),
            (73, 75), (85, 87), (99, 101)},
    "002": {(7, 9), (17, 19), (27, 29), (35, 37), (45, 47), (63, 69), (67, 85), (75, 77), (93, 95), (111, 113),
            (117, 119)},
    "003": {(25, 31), (33, 39), (43, 45), (51, 53)},
    "004": {(17, 19), (19, 21), (35, 37), (47, 49), (120, 122), (124, 126), (128, 130)},
}


def records(seed: str) -> list[dict]:
    return [article_to_record(a) for a in split_document(read_document(seed_path(seed)))]


@pytest.fixture(scope="module")
def all_records() -> dict[str, list[dict]]:
    return {seed: records(seed) for seed in JOINS}


def _by_line(recs: list[dict], line: int) -> dict:
    """The record whose id names ``line`` (its first own line: the headline)."""
    found = [r for r in recs if r["uri"].endswith(f":{line}")]
    assert found, f"no record starts at line {line}"
    return found[0]


@pytest.mark.parametrize("exp", ARTICLES, ids=lambda a: f"{a.seed}:{a.line_start}")
def test_article(all_records, exp: A) -> None:
    rec = _by_line(all_records[exp.seed], exp.line_start)
    assert rec["kind"] == "article"
    assert rec["source"]["line_end"] == exp.line_end
    assert {h["role"]: h["value"] for h in rec["headlines"]} == exp.heads
    assert [(c["name"], c["role"]) for c in rec["credits"]] == exp.credits
    if exp.dateline is None:
        assert rec["dateline"] is None
    else:
        assert (rec["dateline"]["text"], rec["dateline"]["date"]) == exp.dateline
    sections = {s["index"] for s in rec["sections"]}
    running = [p for k, p in enumerate(rec["body"]) if k not in sections]
    assert running[0].startswith(exp.first)
    assert rec["body"][-1].endswith(exp.last)
    assert rec["continued"] is exp.continued


@pytest.mark.parametrize("seed,line,kind", OTHER_RECORDS)
def test_non_article_records(all_records, seed: str, line: int, kind: str) -> None:
    assert _by_line(all_records[seed], line)["kind"] == kind


def test_every_record_is_accounted_for(all_records) -> None:
    expected = {(a.seed, a.line_start) for a in ARTICLES} | {(s, n) for s, n, _ in OTHER_RECORDS}
    got = {(seed, int(r["uri"].rsplit(":", 1)[1])) for seed, recs in all_records.items() for r in recs}
    assert got == expected


@pytest.mark.parametrize("seed", sorted(JOINS))
def test_broken_paragraphs_rejoined(all_records, seed: str) -> None:
    got = {(j["line"], j["to_line"]) for r in all_records[seed] for j in r["joins"]}
    assert JOINS[seed] <= got, f"not rejoined: {sorted(JOINS[seed] - got)}"
    assert got == JOINS[seed], f"joined but not broken: {sorted(got - JOINS[seed])}"


@pytest.mark.parametrize("seed", sorted(JOINS))
def test_lossless(all_records, seed: str) -> None:
    text = read_document(seed_path(seed)).text
    out = "".join(record_text(r) for r in all_records[seed])
    assert Counter(non_space(out)) == Counter(non_space(text))


def test_joined_paragraph_reads_through_the_break(all_records) -> None:
    rec = _by_line(all_records["001"], 27)
    assert any("副主席阳诗华揽获" in p for p in rec["body"])  # a name cut in two by a column break
    rec = _by_line(all_records["003"], 3)
    joined = next(p for p in rec["body"] if p.startswith("习近平总书记在统筹"))
    assert "要发挥社会工作的专业优势" in joined  # rejoined across the photo caption at 003:29
    assert "▲" not in joined


def test_broken_byline_is_one_byline(all_records) -> None:
    rec = _by_line(all_records["001"], 47)
    assert rec["by"] == "本报讯（邹红辉 通讯员 陆意 刘紫星）"
    assert rec["body"][0].startswith("11月30日，年逾七旬")


def test_section_titles_stay_in_order(all_records) -> None:
    rec = _by_line(all_records["002"], 49)
    titles = [rec["body"][s["index"]] for s in rec["sections"]]
    assert titles[:2] == ["奔赴社区,吹响青春集结号", "走进一线,筑牢青年防护墙"]
    assert all(s["level"] == 2 for s in rec["sections"])
    rec = _by_line(all_records["004"], 3)
    titles = [rec["body"][s["index"]] for s in rec["sections"]]
    assert titles[:2] == ["开展“三宣传”", "宣传疫情防控各项政策措施和一线先进典型"]
    assert "强化“四引领”" in titles


def test_truncated_lead_is_kept_as_is(all_records) -> None:
    rec = _by_line(all_records["000"], 13)
    assert rec["body"][-1].endswith("以党的政治建设为统领，以")  # 000:19, cut off: kept, flagged continued
    assert rec["continued"] is True


def test_caption_credit(all_records) -> None:
    cap = _by_line(all_records["000"], 35)
    assert cap["credits"] == [{"name": "何社成", "role": "通讯员"}]
    assert _by_line(all_records["004"], 99)["credits"] == [{"name": "刘丽强", "role": "摄"}]


def test_interleaved_articles_002(all_records) -> None:
    # 002:65–67 is a section of 你们逆行 (81) printed inside 让青春 (49): 63 goes on at 69, 67 at 85.
    recs = all_records["002"]
    youth = _by_line(recs, 49)
    assert any("进行询问,并提醒他们做好科学防控" in p for p in youth["body"])
    assert "高度重视快部署,扎实做好“牵头人”" not in youth["body"]
    rescue = _by_line(recs, 81)
    assert rescue["body"][0] == "高度重视快部署,扎实做好“牵头人”"
    assert any("报送工作动态,推动各项保障措施落实。" in p for p in rescue["body"])
    assert {(j["line"], j["to_line"], j["reason"]) for j in rescue["joins"]} >= {(67, 85, "interleaved")}
    assert rescue["source"]["line_start"] == 65
