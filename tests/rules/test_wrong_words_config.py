"""[tool.newskit.terms] wrong-words and allow reach the W rules."""

from __future__ import annotations

import pytest

from newskit.config import ConfigError, load_config
from newskit.lint import lint_document
from newskit.model import Document
from newskit.rules.wrong_words.wrong_word import WrongWord

TEXT = "全市召开工作会议\n\n本报讯（记者 张三）3月18日，工人正在按装空调，华联商厦开业。\n"


def test_terms_table_adds_and_allows(tmp_path) -> None:
    cfg = tmp_path / "newskit.toml"
    cfg.write_text('[terms]\nwrong-words = { "华联商厦" = "华联商场" }\nallow = ["按装"]\n', encoding="utf-8")
    settings = load_config(cfg).settings()
    assert settings.wrong_words == {"华联商厦": "华联商场"} and settings.allowed_words == {"按装"}
    found = [f.message for f in lint_document(Document.from_text(TEXT), [WrongWord()], settings)]
    assert found == ["'华联商厦' is a wrong form of '华联商场'"]


def test_default_settings_use_the_built_in_list() -> None:
    found = [f.message for f in lint_document(Document.from_text(TEXT), [WrongWord()])]
    assert found == ["'按装' is a wrong form of '安装'"]


@pytest.mark.parametrize("body", ['allow = "按装"\n', 'wrong-words = ["按装"]\n'])
def test_bad_terms_values_are_config_errors(tmp_path, body) -> None:
    cfg = tmp_path / "newskit.toml"
    cfg.write_text("[terms]\n" + body, encoding="utf-8")
    if body.startswith("allow"):
        assert load_config(cfg).allowed_words == {"按装"}  # a single string is a one-item list
    else:
        with pytest.raises(ConfigError):
            load_config(cfg)


def test_one_finding_per_span_w101_wins_over_t103(tmp_path) -> None:
    """W101 (a whole wrong idiom, or the house's own entry) is the more specific rule where T103's 异形词 form
    lies in its span: one finding per span. T103 leaves such a span to W101 even when W101 is not selected:
    the span is a wrong idiom, and W101's fix (杯盘狼藉) repairs the variant too."""
    from newskit.rules.terms.variant_form import VariantForm

    text = "全市召开工作会议\n\n本报讯（记者 张三）3月18日，宴后杯盘狼籍。这个字的笔划很多。\n"
    both = lint_document(Document.from_text(text), [WrongWord(), VariantForm()])
    assert sorted((f.code, text[f.start:f.end]) for f in both) == [
        ("T103", "笔划"), ("W101", "杯盘狼籍")]
    alone = lint_document(Document.from_text(text), [VariantForm()])
    assert sorted(text[f.start:f.end] for f in alone) == ["笔划"]
    other = "全市召开工作会议\n\n本报讯（记者 张三）3月18日，现场一片狼籍。\n"  # outside a W101 form: T103's
    assert [other[f.start:f.end] for f in lint_document(Document.from_text(other), [WrongWord(), VariantForm()])] == [
        "狼籍"]
    cfg = tmp_path / "newskit.toml"  # a house entry for a 异形词 form: the house's rule reports it, once
    cfg.write_text('[terms]\nwrong-words = { "笔划" = "笔画" }\n', encoding="utf-8")
    house = lint_document(Document.from_text(text), [WrongWord(), VariantForm()], load_config(cfg).settings())
    assert sorted((f.code, text[f.start:f.end]) for f in house) == [("W101", "杯盘狼籍"), ("W101", "笔划")]
