"""The rule registry: an explicit list of ``module:Class`` paths, imported on first use so start-up stays fast.

Add a rule by adding one line to ``RULE_PATHS`` (keep code order).
"""

from __future__ import annotations

import functools
import importlib

RULE_PATHS: tuple[str, ...] = (
    "newskit.rules.bylines.broken_byline:BrokenByline",
    "newskit.rules.bylines.byline_brackets:BylineBrackets",
    "newskit.rules.bylines.byline_name_shape:BylineNameShape",
    "newskit.rules.bylines.mixed_byline_styles:MixedBylineStyles",
    "newskit.rules.bylines.photo_credit_shape:PhotoCreditShape",
    "newskit.rules.bylines.role_without_name:RoleWithoutName",
    "newskit.rules.bylines.unknown_staff_name:UnknownStaffName",
    "newskit.rules.datelines.dateline_out_of_range:DatelineOutOfRange",
    "newskit.rules.datelines.invalid_date:InvalidDate",
    "newskit.rules.datelines.vague_dateline:VagueDateline",
    "newskit.rules.datelines.weekday_mismatch:WeekdayMismatch",
    "newskit.rules.extraction.caption_inside_paragraph:CaptionInsideParagraph",
    "newskit.rules.extraction.continuation_marker:ContinuationMarker",
    "newskit.rules.extraction.markup_residue:MarkupResidue",
    "newskit.rules.extraction.orphan_fragment:OrphanFragment",
    "newskit.rules.extraction.stray_latin_word:StrayLatinWord",
    "newskit.rules.extraction.truncated_article:TruncatedArticle",
    "newskit.rules.numbers.chinese_year_zero:ChineseYearZero",
    "newskit.rules.numbers.fullwidth_digits:FullwidthDigits",
    "newskit.rules.numbers.mixed_numeral_date:MixedNumeralDate",
    "newskit.rules.numbers.number_split_by_break:NumberSplitByBreak",
    "newskit.rules.punctuation.dash_form:DashForm",
    "newskit.rules.punctuation.doubled_punctuation:DoubledPunctuation",
    "newskit.rules.punctuation.enumeration_comma_between_titles:EnumerationCommaBetweenTitles",
    "newskit.rules.punctuation.halfwidth_punctuation:HalfwidthPunctuation",
    "newskit.rules.punctuation.headline_trailing_punctuation:HeadlineTrailingPunctuation",
    "newskit.rules.punctuation.mixed_quote_styles:MixedQuoteStyles",
    "newskit.rules.punctuation.nonstandard_ellipsis:NonstandardEllipsis",
    "newskit.rules.punctuation.straight_quotes:StraightQuotes",
    "newskit.rules.punctuation.unbalanced_pairs:UnbalancedPairs",
    "newskit.rules.repetition.repeated_passage:RepeatedPassage",
    "newskit.rules.repetition.repeated_word:RepeatedWord",
    "newskit.rules.spacing.invisible_character:InvisibleCharacter",
    "newskit.rules.spacing.replacement_character:ReplacementCharacter",
    "newskit.rules.spacing.space_between_han_and_digit:SpaceBetweenHanAndDigit",
    "newskit.rules.spacing.space_between_han_and_latin:SpaceBetweenHanAndLatin",
    "newskit.rules.spacing.stray_space:StraySpace",
    "newskit.rules.terms.banned_term:BannedTerm",
    "newskit.rules.terms.preferred_term:PreferredTerm",
    "newskit.rules.terms.variant_form:VariantForm",
    "newskit.rules.wrong_words.context_confusion:ContextConfusion",
    "newskit.rules.wrong_words.wrong_word:WrongWord",
)


@functools.cache
def all_rules() -> tuple[type, ...]:
    """Every rule class, in code order."""
    classes = []
    for path in RULE_PATHS:
        module, cls = path.split(":")
        classes.append(getattr(importlib.import_module(module), cls))
    return tuple(sorted(classes, key=lambda c: c.code))


def rule_by_code(code: str) -> type | None:
    code = code.upper()
    return next((r for r in all_rules() if r.code == code), None)
