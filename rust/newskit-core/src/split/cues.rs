//! What split's shape rules know about a block (a photo credit, a closing line, a byline line, ad copy…),
//! as the feature extractor asks it. The patterns are the Python modules' own (`split/classify.py`,
//! `split/bylines.py`, `split/heads.py`), handed over as source text when the tagger loads, so the block
//! classifier (Python) and the features (here) can never read a pattern differently. The logic around them
//! (which end of the block, which guard first) mirrors those modules' functions line by line.
use std::collections::HashMap;

use regex::{Regex, RegexSet};

use super::text::{ends_with_any, last, rstrip, tail};

const RE_MULTILINE: u32 = 8;
const RE_UNICODE: u32 = 32;

/// A Python `re` pattern (the subset newskit writes: no look-around) as a Rust regex. `\s` becomes
/// Python's white space (it also holds U+001C–U+001F); `anchored` compiles it as `re.match` uses it.
pub fn python_regex(source: &str, flags: u32, anchored: bool) -> Result<Regex, String> {
    if flags & !(RE_MULTILINE | RE_UNICODE) != 0 {
        return Err(format!("pattern {source:?}: flags {flags} are not supported by the compiled core"));
    }
    let mut out = String::with_capacity(source.len() + 16);
    if flags & RE_MULTILINE != 0 {
        out.push_str("(?m)");
    }
    if anchored {
        out.push_str(r"\A(?:");
    }
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('s') => out.push_str(r"[\s\x1c-\x1f]"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    if anchored {
        out.push(')');
    }
    Regex::new(&out).map_err(|e| format!("pattern {source:?} does not compile in the compiled core: {e}"))
}

/// One of `classify._AD_SIGNALS`. Two of them use look-behind, which the regex crate does not have:
/// those are rewritten here, keyed by their exact Python source so that a changed pattern fails loudly at
/// load instead of drifting.
pub enum AdSignal {
    Pattern(Regex),
    /// a pattern, or a run of exactly eight digits (`\d{8}(?<!\d{9})(?!\d)`)
    PatternOrEightDigits(Regex),
}

const WAN_OR_SQUARE_METRES: &str = r"万(?<=\d万)元?\s|m(?<=\dm)\s*<sup>";
const PHONE_NUMBER: &str = r"-(?<=\d\d\d-)\d{7}|\d{8}(?<!\d{9})(?!\d)";

impl AdSignal {
    fn new(source: &str, flags: u32) -> Result<AdSignal, String> {
        if source == WAN_OR_SQUARE_METRES {
            return Ok(AdSignal::Pattern(python_regex(r"\d万元?\s|\dm\s*<sup>", flags, false)?));
        }
        if source == PHONE_NUMBER {
            return Ok(AdSignal::PatternOrEightDigits(python_regex(r"\d\d\d-\d{7}", flags, false)?));
        }
        python_regex(source, flags, false).map(AdSignal::Pattern)
    }

    fn pattern(&self) -> &Regex {
        match self {
            AdSignal::Pattern(re) | AdSignal::PatternOrEightDigits(re) => re,
        }
    }

    /// One signal on its own (what `looks_like_ad` counts, searched there as one set).
    #[cfg(test)]
    fn found(&self, text: &str, decimal: &Regex) -> bool {
        match self {
            AdSignal::Pattern(re) => re.is_match(text),
            AdSignal::PatternOrEightDigits(re) => re.is_match(text) || eight_digit_run(text, decimal),
        }
    }
}

/// A maximal run of exactly eight decimal digits.
fn eight_digit_run(text: &str, decimal: &Regex) -> bool {
    decimal.find_iter(text).any(|m| m.as_str().chars().count() == 8)
}

/// The pattern sources and string constants the Python side hands over (see `features._cue_source`).
#[derive(Default)]
pub struct CueSource {
    /// name -> (source, flags, anchored): anchored for the patterns Python uses with `.match`
    pub patterns: HashMap<String, (String, u32, bool)>,
    pub ad_signals: Vec<(String, u32)>,
    pub ad_threshold: usize,
    /// name -> strings (suffix tuples, character sets as one string each)
    pub strings: HashMap<String, Vec<String>>,
    pub max_head_line: usize,
}

impl CueSource {
    fn pattern(&self, name: &str) -> Result<Regex, String> {
        let (source, flags, anchored) =
            self.patterns.get(name).ok_or_else(|| format!("split cues: no pattern {name:?}"))?;
        python_regex(source, *flags, *anchored)
    }

    fn strings(&self, name: &str) -> Result<Vec<String>, String> {
        self.strings.get(name).cloned().ok_or_else(|| format!("split cues: no strings {name:?}"))
    }

    fn chars(&self, name: &str) -> Result<String, String> {
        Ok(self.strings(name)?.concat())
    }
}

pub struct Cues {
    article_end: Regex,
    column_tag: Regex,
    notice_head: Regex,
    photo_credit: Regex,
    agency_note: Regex,
    credit_line: Regex,
    location: Regex,
    role_line: Regex,
    marked_line: Regex,
    bare_name: Regex,
    pub box_head: Regex,
    // the block classifier's and the record builder's own patterns (`classify`, `bylines`, `articles`)
    pub md_heading: Regex,
    pub broken_byline: Regex,
    pub byline_prefix: Regex,
    pub close_prefix: Regex,
    pub meeting_subhead: Regex,
    pub sentence_mark: Regex,
    pub caption_mark: Regex,
    pub word_char: Regex,
    pub continued_mark: Regex,
    pub credit_tail: Regex,
    pub title_name: Regex,
    pub credit_split: Regex,
    /// role words, longest first (`bylines.ROLES`)
    pub roles: Vec<String>,
    ad_signals: Vec<AdSignal>,
    /// the signals' patterns, searched in one pass over a text (`looks_like_ad`)
    ad_set: RegexSet,
    ad_threshold: usize,
    pub kicker_end: Vec<String>,
    credit_endings: Vec<String>,
    pub caption_start: Vec<String>,
    closers: String,
    sentence_end: String,
    paragraph_end: String,
    pub no_start: String,
    pub max_head_line: usize,
    /// runs of decimal digits (`\d+`, Unicode): `str.isdigit` and the eight-digit phone number
    pub decimal: Regex,
}

impl Cues {
    pub fn new(src: &CueSource) -> Result<Cues, String> {
        let ad_signals: Vec<AdSignal> = src.ad_signals.iter().map(|(s, f)| AdSignal::new(s, *f)).collect::<Result<_, _>>()?;
        let ad_set = RegexSet::new(ad_signals.iter().map(|s| s.pattern().as_str()))
            .map_err(|e| format!("the ad signals do not compile as one set: {e}"))?;
        Ok(Cues {
            article_end: src.pattern("article_end")?,
            column_tag: src.pattern("column_tag")?,
            notice_head: src.pattern("notice_head")?,
            photo_credit: src.pattern("photo_credit")?,
            agency_note: src.pattern("agency_note")?,
            credit_line: src.pattern("credit_line")?,
            location: src.pattern("location")?,
            role_line: src.pattern("role_line")?,
            marked_line: src.pattern("marked_line")?,
            bare_name: src.pattern("bare_name")?,
            box_head: src.pattern("box_head")?,
            md_heading: src.pattern("md_heading")?,
            broken_byline: src.pattern("broken_byline")?,
            byline_prefix: src.pattern("byline_prefix")?,
            close_prefix: src.pattern("close_prefix")?,
            meeting_subhead: src.pattern("meeting_subhead")?,
            sentence_mark: src.pattern("sentence_mark")?,
            caption_mark: src.pattern("caption_mark")?,
            word_char: src.pattern("word_char")?,
            continued_mark: src.pattern("continued_mark")?,
            credit_tail: src.pattern("credit_tail")?,
            title_name: src.pattern("title_name")?,
            credit_split: src.pattern("credit_split")?,
            roles: src.strings("roles")?,
            ad_signals,
            ad_set,
            ad_threshold: src.ad_threshold,
            kicker_end: src.strings("kicker_end")?,
            credit_endings: src.strings("credit_endings")?,
            caption_start: src.strings("caption_start")?,
            closers: src.chars("closers")?,
            sentence_end: src.chars("sentence_end")?,
            paragraph_end: src.chars("paragraph_end")?,
            no_start: src.chars("no_start")?,
            max_head_line: src.max_head_line,
            decimal: Regex::new(r"\d+").expect("a digit run compiles"),
        })
    }

    /// `classify.ends_paragraph`.
    pub fn ends_paragraph(&self, text: &str) -> bool {
        let stripped = rstrip(text);
        if stripped.is_empty() {
            return false;
        }
        if stripped.ends_with("——") {
            return true;
        }
        let body = stripped.trim_end_matches(|c: char| self.closers.contains(c) || c == ')');
        if body.len() < stripped.len() {
            return last(body).is_some_and(|c| self.sentence_end.contains(c) || "!?.".contains(c));
        }
        last(stripped).is_some_and(|c| self.paragraph_end.contains(c))
    }

    /// Is the text a credit line (`classify._CREDIT_LINE`)?
    pub fn is_credit_line(&self, text: &str) -> bool {
        self.credit_line.is_match(text)
    }

    /// `classify.has_photo_credit`.
    pub fn has_photo_credit(&self, text: &str) -> bool {
        let mut tail = tail(text, 40);
        if text.ends_with('）') || text.ends_with(')') {
            if let Some(note) = self.agency_note.find(tail) {
                let at = note.start();
                let width = tail[at..].chars().next().map_or(0, char::len_utf8);
                tail = &tail[..at + width]; // judge the credit without the agency note
            }
        }
        ends_with_any(tail, &self.credit_endings) && self.photo_credit.is_match(tail)
    }

    /// `heads.is_kicker_text`.
    pub fn is_kicker_text(&self, text: &str) -> bool {
        ends_with_any(text, &self.kicker_end) || self.is_location(text)
    }

    /// `heads.is_location`.
    pub fn is_location(&self, text: &str) -> bool {
        self.location.is_match(text)
    }

    /// `classify.has_column_tag`.
    pub fn has_column_tag(&self, text: &str) -> bool {
        self.column_tag.is_match(text)
    }

    /// `classify.ends_article`.
    pub fn ends_article(&self, text: &str) -> bool {
        self.article_end.is_match(text)
    }

    /// `classify.is_notice_head`.
    pub fn is_notice_head(&self, text: &str) -> bool {
        self.notice_head.is_match(text)
    }

    /// `bylines.is_bare_name`.
    pub fn is_bare_name(&self, text: &str) -> bool {
        self.bare_name.is_match(text)
    }

    /// `bylines.is_byline_line`.
    pub fn is_byline_line(&self, text: &str) -> bool {
        if text.contains('\n') || text.chars().count() > 60 {
            return false;
        }
        if text.contains(['。', '！', '？', '，']) {
            return false;
        }
        self.role_line.is_match(text) || self.marked_line.is_match(text)
    }

    /// `classify.looks_like_ad`: at least `ad_threshold` kinds of ad signal. The signals' patterns are
    /// searched in one pass (a `RegexSet`: most texts hold none, and each pattern alone read the whole text);
    /// the eight-digit run, which is code, only when it could decide.
    pub fn looks_like_ad(&self, text: &str) -> bool {
        let matched = self.ad_set.matches(text);
        let score = matched.iter().count();
        if score + 1 != self.ad_threshold {
            return score >= self.ad_threshold;
        }
        self.ad_signals.iter().enumerate().any(|(k, signal)| {
            matches!(signal, AdSignal::PatternOrEightDigits(_)) && !matched.matched(k) && eight_digit_run(text, &self.decimal)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_white_space_in_patterns() {
        let re = python_regex(r"a\sb", RE_UNICODE, false).unwrap();
        assert!(re.is_match("a\u{1c}b") && re.is_match("a\u{3000}b") && !re.is_match("ab"));
        let within = python_regex(r"^[\s、]+$", 0, false).unwrap();
        assert!(within.is_match(" 、\u{1f}"));
        let escaped = python_regex(r"a\\s", 0, false).unwrap();
        assert!(escaped.is_match(r"a\s"));
    }

    #[test]
    fn anchored_patterns_match_at_the_start_only() {
        let re = python_regex(r"^[-●]\s|x", RE_MULTILINE, true).unwrap();
        assert!(re.is_match("x…") && !re.is_match("a\n- b"));
        let searched = python_regex(r"^[-●]\s", RE_MULTILINE, false).unwrap();
        assert!(searched.is_match("a\n- b"));
    }

    #[test]
    fn look_behind_ad_signals_are_rewritten() {
        let decimal = Regex::new(r"\d+").unwrap();
        let wan = AdSignal::new(WAN_OR_SQUARE_METRES, RE_UNICODE).unwrap();
        assert!(wan.found("5.6万元 起", &decimal) && !wan.found("万元 起", &decimal));
        let phone = AdSignal::new(PHONE_NUMBER, RE_UNICODE).unwrap();
        assert!(phone.found("电话0731-1234567", &decimal));
        assert!(phone.found("电话12345678。", &decimal));
        assert!(!phone.found("编号123456789", &decimal) && !phone.found("1234567", &decimal));
        assert!(AdSignal::new(r"a(?<=b)", 0).is_err());
    }
}
