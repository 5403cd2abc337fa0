//! Block features for the split tagger: what the shape rules know about a block, its neighbours, and cheap
//! text cues (characters at its start and end, a topic-shift measure around it, a word cut by a break).
//!
//! A feature is a short string (`sh=heading`, `e2=——`, `p:end=han`); the model weighs each one per label.
//! Text cues are at most two characters of the block, so a trained model holds no running text. Each group
//! of features is one method of `Page` (`own`, `previous`, `next`, `topic`, `cut`): a new feature goes into
//! the group that sees what it needs. The strings are the model's vocabulary: change one and retrain
//! (`bench/train_split_tagger.py`).
//!
//! Features are handed to a sink one at a time in a reused buffer: the tagger's hot path looks each one up
//! in the model and never builds a string it keeps.
use std::borrow::Cow;

use regex::Regex;

use super::cues::Cues;
use super::grams::{Marks, PageGrams};
use super::text::{char_len, first, head, last, py_isdigit, skip, starts_with_any, strip, tail};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    Heading,
    Byline,
    Caption,
    Body,
    Closing,
}

impl Shape {
    /// The order of `classify.Shape` (Python hands the index over).
    pub const ALL: [Shape; 5] = [Shape::Heading, Shape::Byline, Shape::Caption, Shape::Body, Shape::Closing];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Heading => "heading",
            Shape::Byline => "byline",
            Shape::Caption => "caption",
            Shape::Body => "body",
            Shape::Closing => "closing",
        }
    }
}

/// `classify.BlockInfo`.
#[derive(Clone, Copy, Debug)]
pub struct Info {
    pub shape: Shape,
    pub md_level: u32,
    pub may_head: bool,
    pub broken_byline: bool,
    pub byline_start: bool,
}

/// A block as the tagger sees it: its text (no outer white space, may hold single `\n`), its lines.
#[derive(Clone, Copy, Debug)]
pub struct Block<'a> {
    pub text: &'a str,
    pub line_start: i64,
    pub line_end: i64,
    pub info: Info,
}

/// The one feature of a settled block: its label is fixed.
pub const SETTLED: &str = "settled";
/// A block this long that ends a sentence, after a block that ends one, is running text whatever else it
/// holds (headlines, section titles and credits do not end on 。): the tagger labels it `body` without
/// weighing features — most blocks of a page.
const SETTLED_LENGTH: usize = 50;
/// Blocks this short (or heading-shaped) get the topic-shift measure: only they could start an article.
const TOPIC_CANDIDATE: usize = 60;
const TOPIC_WINDOW: usize = 240; // characters of running text either side compared
const TOPIC_BLOCKS: usize = 3;
const TOPIC_SPAN: usize = TOPIC_WINDOW / TOPIC_BLOCKS;
const LEAD_WINDOW: usize = 24;
const NEVER_ENDS_HEAD: &str = "的了在和与及这那把被对向从是为将也都就而并或但其之以于让给比跟同";
/// Clause marks: a break cuts one clause in two, so the clause ending a cut block and the clause opening
/// its continuation add up to one clause; a paragraph that merely ends unpunctuated leaves two whole ones.
/// `，。！？；：、,.!?;:“”（）()《》` (a `matches!` rather than a search of a string: it runs per character).
fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | '。' | '！' | '？' | '；' | '：' | '、' | ',' | '.' | '!' | '?' | ';' | ':' | '“' | '”' | '（' | '）'
        | '(' | ')' | '《' | '》')
}

/// `。！？!?`.
pub(crate) fn is_sentence_mark(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}
const CLAUSE_WINDOW: usize = 60;

const LENGTH_BUCKETS: &[(f64, &str)] = &[(4., "1-4"), (8., "5-8"), (12., "9-12"), (18., "13-18"), (28., "19-28"),
    (40., "29-40"), (80., "41-80"), (200., "81-200")];
const CLAUSE_BUCKETS: &[(f64, &str)] = &[(6., "1-6"), (12., "7-12"), (18., "13-18"), (26., "19-26"), (40., "27-40")];
const DISTANCE_BUCKETS: &[(f64, &str)] = &[(1., "1"), (2., "2"), (4., "3-4"), (8., "5-8"), (16., "9-16")];
const OVERLAP_BUCKETS: &[(f64, &str)] = &[(0.0, "0"), (0.03, "lo"), (0.08, "mid"), (0.16, "hi")];

/// Patterns of the features' own (not the shape rules').
pub struct FeaturePatterns {
    enumerated: Regex,
    date_head: Regex,
    /// A lead paragraph names a date or a reporter early (`1月5日，`, `近日，记者从…`): what follows a headline.
    lead_cue: Regex,
}

impl Default for FeaturePatterns {
    fn default() -> Self {
        let ws = r"[\s\x1c-\x1f]"; // Python's \s
        FeaturePatterns {
            enumerated: Regex::new(
                r"\A(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+[章节部分])",
            )
            .expect("enumerated compiles"),
            date_head: Regex::new(&format!(r"\A\d{{1,2}}{ws}*月{ws}*\d{{1,2}}{ws}*日")).expect("date head compiles"),
            lead_cue: Regex::new(&format!(
                r"\d{{1,2}}{ws}*月{ws}*\d{{1,2}}{ws}*日|记者|近日|日前|\d{{4}}{ws}*年"
            ))
            .expect("lead cue compiles"),
        }
    }
}

/// The name of the first bucket whose limit `n` does not exceed, else `above`.
pub(crate) fn bucket(n: f64, buckets: &[(f64, &'static str)], above: &'static str) -> &'static str {
    buckets.iter().find(|(limit, _)| n <= *limit).map_or(above, |(_, name)| name)
}

pub(crate) fn length_bucket(n: usize) -> &'static str {
    bucket(n as f64, LENGTH_BUCKETS, "201+")
}

fn clause_bucket(n: usize) -> &'static str {
    bucket(n as f64, CLAUSE_BUCKETS, "41+")
}

pub(crate) fn distance_bucket(n: Option<usize>) -> &'static str {
    n.map_or("none", |n| bucket(n as f64, DISTANCE_BUCKETS, "17+"))
}

pub(crate) fn count_bucket(n: i64) -> Cow<'static, str> {
    match n {
        0 => Cow::Borrowed("0"),
        1 => Cow::Borrowed("1"),
        2 => Cow::Borrowed("2"),
        n if n >= 3 => Cow::Borrowed("3+"),
        n => Cow::Owned(n.to_string()),
    }
}

/// The end class of a block's text with its line breaks removed.
fn end_class(flat: &str, cues: &Cues) -> &'static str {
    let Some(c) = last(flat) else { return "other" };
    if flat.ends_with("——") {
        "dash"
    } else if "。！？!?…".contains(c) {
        "sent"
    } else if "，,、".contains(c) {
        "comma"
    } else if "：:".contains(c) {
        "colon"
    } else if "；;".contains(c) {
        "semi"
    } else if "”’」』）》】〕)".contains(c) {
        if cues.ends_paragraph(flat) { "closer-sent" } else { "closer-word" }
    } else if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        "han"
    } else if py_isdigit(c, &cues.decimal) {
        "digit"
    } else if c.is_ascii_alphabetic() {
        "latin"
    } else {
        "other"
    }
}

/// Characters after the last clause mark of the last 60 (the whole text, at most 60, when there is none).
fn tail_clause(text: &str) -> usize {
    let n = char_len(text);
    let window = skip(text, n.saturating_sub(CLAUSE_WINDOW));
    match window.chars().rev().position(is_clause_mark) {
        Some(after) => after,
        None => n.min(CLAUSE_WINDOW),
    }
}

/// Characters before the first clause mark of the first 60.
fn head_clause(text: &str) -> usize {
    head(text, CLAUSE_WINDOW).chars().position(is_clause_mark).unwrap_or_else(|| char_len(text).min(CLAUSE_WINDOW))
}

/// The text without its line breaks (`text.replace("\n", "")`).
fn flatten(text: &str) -> Cow<'_, str> {
    if text.contains('\n') { Cow::Owned(text.replace('\n', "")) } else { Cow::Borrowed(text) }
}

/// How much of the smaller of two sets (of sizes `a` and `b`) the other shares, bucketed.
pub(crate) fn overlap(a: usize, b: usize, shared: usize) -> &'static str {
    if a == 0 || b == 0 {
        return "none";
    }
    bucket(shared as f64 / a.min(b) as f64, OVERLAP_BUCKETS, "top")
}

/// Which blocks are certainly body paragraphs (see `SETTLED_LENGTH`).
pub fn settled_blocks(blocks: &[Block], cues: &Cues) -> Vec<bool> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut prev_ends = false; // the previous block ends a paragraph and is no caption (a break may run across one)
    for b in blocks {
        let ends = cues.ends_paragraph(b.text);
        out.push(
            prev_ends
                && ends
                && char_len(b.text) > SETTLED_LENGTH
                && b.info.md_level == 0
                && b.info.shape == Shape::Body
                && !starts_with_any(b.text, &cues.caption_start),
        );
        prev_ends = ends && b.info.shape != Shape::Caption;
    }
    out
}

/// What the extractor knows of every block before it looks at one.
struct Summary {
    shape: &'static str,
    length: &'static str,
    end: &'static str,
    byline: &'static str,
}

/// Hands each feature of block `k` to the sink, formatted in one reused buffer.
struct Emit<'s, S: FnMut(usize, &str)> {
    k: usize,
    buf: String,
    sink: &'s mut S,
}

impl<S: FnMut(usize, &str)> Emit<'_, S> {
    fn put(&mut self, f: &str) {
        (self.sink)(self.k, f);
    }

    /// A feature made of parts, concatenated in the reused buffer (no formatting machinery: this runs some
    /// fifty times per block).
    fn cat(&mut self, parts: &[&str]) {
        self.buf.clear();
        for p in parts {
            self.buf.push_str(p);
        }
        (self.sink)(self.k, &self.buf);
    }
}

/// A small number as text (markdown levels), without allocating for the common ones.
fn small(n: u32) -> Cow<'static, str> {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    DIGITS.get(n as usize).map_or_else(|| Cow::Owned(n.to_string()), |d| Cow::Borrowed(*d))
}

/// A page being featurised: its blocks, what is known of each, and the lazily built bigram sets.
struct Page<'a, 'g, W: FnMut(&str) -> bool> {
    blocks: &'a [Block<'a>],
    cues: &'a Cues,
    own_patterns: &'a FeaturePatterns,
    word: Option<W>,
    summaries: Vec<Summary>,
    since: Vec<Option<usize>>,
    until: Vec<Option<usize>>,
    grams: &'g mut PageGrams<'a>,
    heads: Vec<Option<Vec<u32>>>,
    tails: Vec<Option<Vec<u32>>>,
    /// the bigrams before and after a topic candidate
    before: Marks,
    after: Marks,
    /// (form_prev, form_next) of each heading-shaped block (see `heading_forms`)
    forms: Vec<Option<(&'static str, &'static str)>>,
    page: &'static str,
    /// One letter per block for the shape-window cues (see `shape_letter`)
    letters: Vec<u8>,
}

/// A block as one letter of the page's shape string: `M` markdown heading, `H` heading, `Y` byline or a
/// 电头 lead, `C` caption, `Z` closing line, and body text by how it ends: `S` a sentence, `c` a comma,
/// colon or dash, `u` mid-word (a break may have cut it).
fn shape_letter(s: &Summary, info: Info) -> u8 {
    if info.md_level > 0 {
        return b'M';
    }
    match info.shape {
        Shape::Heading => b'H',
        Shape::Byline => b'Y',
        Shape::Caption => b'C',
        Shape::Closing => b'Z',
        Shape::Body if info.byline_start => b'Y',
        Shape::Body => match s.end {
            "sent" | "closer-sent" => b'S',
            "comma" | "colon" | "semi" | "dash" => b'c',
            _ => b'u',
        },
    }
}

/// A heading's printed form: Han characters as `H`, digits `D`, Latin letters `L`, a run of white space one
/// space, anything else itself (`复兴之光 扬帆远航` -> `HHHH HHHH`). The section titles of one article share
/// a form; the next article's headline seldom has it.
pub fn heading_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars().filter(|&c| c != '\n') {
        let mapped = if ('\u{4e00}'..='\u{9fff}').contains(&ch) {
            'H'
        } else if is_digit(ch) {
            'D'
        } else if ch.is_ascii_alphabetic() {
            'L'
        } else if ch.is_whitespace() {
            ' '
        } else {
            ch
        };
        if mapped == ' ' && space {
            continue;
        }
        space = mapped == ' ';
        out.push(mapped);
    }
    out
}

/// What Python's `str.isdigit` says of the characters a Chinese page prints: ASCII and full-width digits,
/// super- and subscripts, circled, parenthesised and dotted digits (the feature strings must match the
/// ones the model was trained on).
fn is_digit(ch: char) -> bool {
    matches!(ch, '0'..='9' | '０'..='９' | '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{2070}' | '\u{2074}'..='\u{2079}'
        | '\u{2080}'..='\u{2089}' | '\u{2460}'..='\u{2468}' | '\u{2474}'..='\u{247c}' | '\u{2488}'..='\u{2490}'
        | '\u{24ea}' | '\u{24f5}'..='\u{24fd}' | '\u{24ff}' | '\u{2776}'..='\u{277e}' | '\u{2780}'..='\u{2788}'
        | '\u{278a}'..='\u{2792}')
}

/// For each heading-shaped block: does its form match the nearest heading-shaped block before (after) it,
/// past its own stack? `same`, `diff` or `none`. Parallel forms mark a run of section titles in one article.
fn heading_forms(blocks: &[Block], heading: &[bool]) -> Vec<Option<(&'static str, &'static str)>> {
    let n = blocks.len();
    let forms: Vec<String> = blocks.iter().zip(heading).map(|(b, &h)| if h { heading_form(b.text) } else { String::new() }).collect();
    let compare = |j: Option<usize>, k: usize| match j {
        None => "none",
        Some(j) if forms[j] == forms[k] => "same",
        Some(_) => "diff",
    };
    (0..n)
        .map(|k| {
            if !heading[k] {
                return None;
            }
            let mut j = k;
            while j > 0 && heading[j - 1] {
                j -= 1; // its own stack
            }
            let prev = (0..j).rev().find(|&i| heading[i]);
            let mut m = k + 1;
            while m < n && heading[m] {
                m += 1;
            }
            let next = (m..n).find(|&i| heading[i]);
            Some((compare(prev, k), compare(next, k)))
        })
        .collect()
}

impl<'a, 'g, W: FnMut(&str) -> bool> Page<'a, 'g, W> {
    fn new(blocks: &'a [Block<'a>], cues: &'a Cues, own_patterns: &'a FeaturePatterns, grams: &'g mut PageGrams<'a>,
           word: Option<W>) -> Self {
        let n = blocks.len();
        let summaries: Vec<Summary> = blocks
            .iter()
            .map(|b| {
                let flat_len = char_len(b.text) - b.text.matches('\n').count();
                let flat = flatten(b.text);
                Summary {
                    shape: if b.info.md_level > 0 { "md" } else { b.info.shape.name() },
                    length: length_bucket(flat_len),
                    end: end_class(&flat, cues),
                    byline: if b.info.byline_start || b.info.shape == Shape::Byline { "1" } else { "0" },
                }
            })
            .collect();
        // Distance to the nearest heading-shaped block before and after: sections recur inside long
        // articles, a headline stands between two articles' worth of running text.
        let heading = |s: &Summary| s.shape == "heading" || s.shape == "md";
        let mut since = Vec::with_capacity(n);
        let mut last_head = None;
        for (k, s) in summaries.iter().enumerate() {
            since.push(last_head.map(|j| k - j));
            if heading(s) {
                last_head = Some(k);
            }
        }
        let mut until = vec![None; n];
        let mut next_head = None;
        for k in (0..n).rev() {
            until[k] = next_head.map(|j: usize| j - k);
            if heading(&summaries[k]) {
                next_head = Some(k);
            }
        }
        // A page that marks headlines with `#` prints its plain short lines as section titles, not headlines;
        // one that prints a headline stack as one block of lines (`block`) has no stack across blocks.
        let page = if blocks.iter().any(|b| b.info.md_level > 0) {
            "md"
        } else if blocks.iter().any(|b| b.info.shape == Shape::Heading && b.text.contains('\n')) {
            "block"
        } else {
            "plain"
        };
        let forms = heading_forms(blocks, &summaries.iter().map(heading).collect::<Vec<_>>());
        let letters = summaries.iter().zip(blocks).map(|(s, b)| shape_letter(s, b.info)).collect();
        Page { blocks, cues, own_patterns, word, summaries, since, until, letters,
               grams,
               heads: vec![None; n], tails: vec![None; n], before: Marks::default(), after: Marks::default(), forms, page }
    }

    /// The bigrams of block k's head (memoised: neighbouring candidates share their windows).
    fn head_bigrams(&mut self, k: usize) {
        if self.heads[k].is_none() {
            self.heads[k] = Some(self.grams.head(k, self.blocks[k].text, TOPIC_SPAN));
        }
    }

    fn tail_bigrams(&mut self, k: usize) {
        if self.tails[k].is_none() {
            self.tails[k] = Some(self.grams.tail(k, self.blocks[k].text, TOPIC_SPAN));
        }
    }

    fn word(&mut self, s: &str) -> bool {
        self.word.as_mut().is_some_and(|w| w(s))
    }

    /// The block's own features.
    fn own<S: FnMut(usize, &str)>(&self, e: &mut Emit<S>, gap: i64) {
        let b = &self.blocks[e.k];
        let info = b.info;
        let Summary { shape, length, end, .. } = self.summaries[e.k];
        let text = b.text;
        let flat = flatten(text);
        let n = char_len(&flat);
        let lines = text.matches('\n').count() + 1;
        let sentences = if n < 400 { flat.chars().filter(|&c| is_sentence_mark(c)).count() } else { 3 };
        let c0 = first(&flat).unwrap_or(' ');
        let c1 = last(&flat).unwrap_or(' ');
        e.cat(&["sh=", shape]);
        e.cat(&["len=", length]);
        e.cat(&["end=", end]);
        e.cat(&["sent=", &count_bucket(sentences as i64)]);
        e.cat(&["nl=", &count_bucket(lines as i64 - 1)]);
        e.cat(&["s1=", c0.encode_utf8(&mut [0; 4])]);
        e.cat(&["s2=", head(&flat, 2)]);
        e.cat(&["e1=", c1.encode_utf8(&mut [0; 4])]);
        e.cat(&["e2=", tail(&flat, 2)]);
        e.cat(&["gap=", &count_bucket(gap)]);
        e.cat(&["sh=", shape, "|len=", length]);
        e.cat(&["sh=", shape, "|end=", end]);
        if info.md_level > 0 {
            e.cat(&["md=", &*small(info.md_level)]);
        }
        if info.may_head {
            e.put("may_head");
        }
        if info.byline_start {
            e.put("byline_start");
        }
        if info.broken_byline {
            e.put("broken_byline");
        }
        let cues = self.cues;
        if n <= 90 {
            // Heading-shaped cues only matter for short blocks; long ones are running text whatever they hold.
            if flat.contains(['，', ',']) {
                e.put("comma");
            }
            if flat.contains(['！', '!']) {
                e.put("excl");
            }
            if flat.contains(['“', '"']) {
                e.put("quote");
            }
            if flat.starts_with("——") {
                e.put("dash_start");
            }
            if cues.is_kicker_text(&flat) {
                e.put("kicker_end");
            }
            if cues.is_location(&flat) {
                e.put("location");
            }
            if cues.has_column_tag(&flat) {
                e.put("column_tag");
            }
            if cues.ends_article(&flat) {
                e.put("closing_line");
            }
            if cues.is_notice_head(&flat) {
                e.put("notice_word");
            }
            if self.own_patterns.enumerated.is_match(&flat) {
                e.put("enumerated");
            }
            if self.own_patterns.date_head.is_match(&flat) {
                e.put("date_head");
            }
            if cues.is_bare_name(&flat) {
                e.put("bare_name");
            }
            if cues.is_byline_line(&flat) {
                e.put("byline_line");
            }
            if n <= 60 && cues.is_credit_line(&flat) {
                e.put("credit_line");
            }
            if NEVER_ENDS_HEAD.contains(c1) {
                e.put("function_word_end");
            }
            if text.split('\n').any(|line| char_len(strip(line)) > cues.max_head_line) {
                e.put("long_line");
            }
        }
        if n <= 400 && cues.has_photo_credit(&flat) {
            e.put("photo_credit");
        }
        if cues.no_start.contains(c0) {
            e.put("continuation_mark");
        }
        if n >= 20 && cues.looks_like_ad(text) {
            e.put("ad");
        }
    }

    /// What the block sees of the block before it.
    fn previous<S: FnMut(usize, &str)>(&self, e: &mut Emit<S>) {
        let k = e.k;
        if k == 0 {
            e.put("first");
            e.put("p:none");
            return;
        }
        let a = self.blocks[k - 1].text;
        let Summary { shape: pshape, length: plen, end: pend, byline: pbl } = self.summaries[k - 1];
        let shape = self.summaries[k].shape;
        e.cat(&["p:sh=", pshape]);
        e.cat(&["p:len=", plen]);
        e.cat(&["p:end=", pend]);
        e.cat(&["p:bl=", pbl]);
        e.cat(&["p:md=", &*small(self.blocks[k - 1].info.md_level)]);
        e.cat(&["p:sh=", pshape, "|end=", pend]);
        e.cat(&["p:e1=", tail(a, 1)]);
        e.cat(&["p:e2=", tail(a, 2)]);
        e.cat(&["p:len=", plen, "|end=", pend]);
        e.cat(&["p:sh=", pshape, "|sh=", shape]);
        if char_len(a) <= 90 && a.contains(['，', ',']) {
            e.put("p:comma");
        }
    }

    /// What the block sees of the one or two blocks after it.
    fn next<S: FnMut(usize, &str)>(&self, e: &mut Emit<S>) {
        let k = e.k;
        if k + 1 >= self.blocks.len() {
            e.put("last");
            e.put("n:none");
            return;
        }
        let b = self.blocks[k + 1].text;
        let Summary { shape: nshape, length: nlen, end: nend, byline: nbl } = self.summaries[k + 1];
        let shape = self.summaries[k].shape;
        e.cat(&["n:sh=", nshape]);
        e.cat(&["n:len=", nlen]);
        e.cat(&["n:end=", nend]);
        e.cat(&["n:bl=", nbl]);
        e.cat(&["n:md=", &*small(self.blocks[k + 1].info.md_level)]);
        e.cat(&["n:sh=", nshape, "|len=", nlen]);
        e.cat(&["n:lead=", if self.own_patterns.lead_cue.is_match(head(b, LEAD_WINDOW)) { "1" } else { "0" }]);
        e.cat(&["n:s1=", head(b, 1)]);
        e.cat(&["n:s2=", head(b, 2)]);
        e.cat(&["sh=", shape, "|n:sh=", nshape]);
        if k + 2 < self.blocks.len() {
            e.cat(&["n2:sh=", self.summaries[k + 2].shape]);
            e.cat(&["n2:bl=", self.summaries[k + 2].byline]);
        }
    }

    /// For a short block that could start an article: how the text around it shifts topic.
    fn topic<S: FnMut(usize, &str)>(&mut self, e: &mut Emit<S>) {
        let k = e.k;
        let b = self.blocks[k];
        let shape = self.summaries[k].shape;
        if k == 0 || char_len(b.text) > TOPIC_CANDIDATE || !(shape == "heading" || shape == "md" || b.info.may_head) {
            return;
        }
        let n = self.blocks.len();
        let (lo, hi) = (k.saturating_sub(2 * TOPIC_BLOCKS), n.min(k + 1 + TOPIC_BLOCKS));
        for j in lo..k {
            self.tail_bigrams(j);
        }
        for j in k..hi {
            self.head_bigrams(j);
        }
        let (tails, heads, ids) = (&self.tails, &self.heads, self.grams.len());
        let before = self.before.fill(ids, (lo..k).map(|j| tails[j].as_deref().unwrap_or_default()));
        let (after, shared) =
            self.after.fill_sharing(ids, heads[k + 1..hi].iter().map(|s| s.as_deref().unwrap_or_default()), &self.before);
        let own = heads[k].as_deref().unwrap_or_default();
        e.cat(&["topic=", overlap(before, after, shared)]);
        e.cat(&["head_body=", overlap(own.len(), after, self.after.shared(own))]);
        e.cat(&["head_prev=", overlap(own.len(), before, self.before.shared(own))]);
        e.cat(&["since=", distance_bucket(self.since[k])]);
        e.cat(&["until=", distance_bucket(self.until[k])]);
    }

    /// The shapes of the blocks around this one as short strings (`^` and `$` past the page's edges): a
    /// linear-chain tagger sees one neighbour's label at a time, these let it weigh a whole stack at once
    /// (`SHHY`: a two-line head over a byline; `SHS`: a section title or a byline-less headline).
    fn window<S: FnMut(usize, &str)>(&self, e: &mut Emit<S>) {
        let k = e.k as i64;
        let at = |j: i64| -> u8 {
            if j < 0 {
                b'^'
            } else {
                self.letters.get(j as usize).copied().unwrap_or(b'$')
            }
        };
        let letters: [u8; 7] = std::array::from_fn(|i| at(k - 3 + i as i64)); // k-3 ..= k+3
        let run = |from: usize, to: usize| std::str::from_utf8(&letters[from..to]).expect("ASCII letters");
        e.cat(&["w3=", run(2, 5)]);
        e.cat(&["w5=", run(1, 6)]);
        e.cat(&["wf=", run(3, 7)]);
        e.cat(&["wb=", run(0, 4)]);
    }

    /// For any heading-shaped block: is its printed form the one of the titles around it?
    fn form<S: FnMut(usize, &str)>(&self, e: &mut Emit<S>) {
        if let Some((prev, next)) = self.forms[e.k] {
            e.cat(&["form_prev=", prev]);
            e.cat(&["form_next=", next]);
            e.cat(&["form=", prev, "|", next]);
        }
    }

    /// When the block before stops mid-sentence: is this block the rest of it?
    fn cut<S: FnMut(usize, &str)>(&mut self, e: &mut Emit<S>) {
        let k = e.k;
        if k == 0 || !matches!(self.summaries[k - 1].end, "han" | "digit" | "latin" | "closer-word") {
            return;
        }
        let a = self.blocks[k - 1].text;
        let text = self.blocks[k].text;
        e.cat(&["x2=", tail(a, 1), head(text, 1)]);
        let (t, h) = (tail_clause(a), head_clause(text));
        e.cat(&["x_clause=", clause_bucket(t + h)]);
        e.cat(&["p:tail_clause=", clause_bucket(t)]);
        e.cat(&["head_clause=", clause_bucket(h)]);
        if self.word.is_none() {
            return;
        }
        let joined = |x: &str, y: &str| format!("{x}{y}");
        if self.word(&joined(tail(a, 1), head(text, 1)))
            || self.word(&joined(tail(a, 1), head(text, 2)))
            || self.word(&joined(tail(a, 2), head(text, 1)))
        {
            e.put("word_across");
        }
        // a title ends on a whole word and a paragraph starts on one; a break falls anywhere
        if !(self.word(tail(a, 2)) || self.word(tail(a, 3))) {
            e.put("p:ends_mid_word");
        }
        if !(self.word(head(text, 2)) || self.word(head(text, 3))) {
            e.put("starts_mid_word");
        }
    }
}

/// Every block's features, in order, handed to `sink(block index, feature)`. `word(s)` says whether `s` is
/// a lexicon word (the cut-word cues across a break); None skips those cues. `grams`: the page's bigram
/// ids (shared with the second pass), which leave out the bigrams too frequent to say anything about a
/// topic. A settled block gets the one feature `settled`.
pub fn block_features<'a, W, S>(blocks: &'a [Block<'a>], cues: &'a Cues, own_patterns: &'a FeaturePatterns,
                                grams: &mut PageGrams<'a>, word: Option<W>, settled: &[bool], mut sink: S)
where
    W: FnMut(&str) -> bool,
    S: FnMut(usize, &str),
{
    let mut page = Page::new(blocks, cues, own_patterns, grams, word);
    let mut e = Emit { k: 0, buf: String::with_capacity(64), sink: &mut sink };
    let mut prev_end = 0;
    for (k, b) in blocks.iter().enumerate() {
        let gap = if k > 0 { b.line_start - prev_end - 1 } else { 0 };
        prev_end = b.line_end;
        e.k = k;
        if settled[k] {
            e.put(SETTLED);
            continue;
        }
        page.own(&mut e, gap);
        e.cat(&["page=", page.page, "|sh=", page.summaries[k].shape]);
        page.previous(&mut e);
        page.next(&mut e);
        page.topic(&mut e);
        page.form(&mut e);
        page.window(&mut e);
        page.cut(&mut e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_forms_map_character_classes() {
        assert_eq!(heading_form("复兴之光 扬帆远航"), "HHHH HHHH");
        assert_eq!(heading_form("春——"), "H——");
        assert_eq!(heading_form("第3个 AI  时代"), "HDH LL HH");
        assert_eq!(heading_form("城市\n书房"), "HHHH");
    }

    #[test]
    fn buckets_name_the_first_limit_not_exceeded() {
        assert_eq!(length_bucket(4), "1-4");
        assert_eq!(length_bucket(5), "5-8");
        assert_eq!(length_bucket(201), "201+");
        assert_eq!(distance_bucket(None), "none");
        assert_eq!(distance_bucket(Some(17)), "17+");
        assert_eq!(count_bucket(-1), "-1");
        assert_eq!(count_bucket(3), "3+");
    }

    #[test]
    fn clauses_are_counted_from_the_break() {
        assert_eq!(tail_clause("会议要求，抓好落实"), 4);
        assert_eq!(head_clause("况，要求"), 1);
        assert_eq!(tail_clause("无标点"), 3);
    }

    #[test]
    fn overlap_is_a_share_of_the_smaller_set() {
        assert_eq!(overlap(5, 8, 5), "top");
        assert_eq!(overlap(5, 0, 0), "none");
        assert_eq!(overlap(5, 3, 0), "0");
        assert_eq!(overlap(50, 40, 1), "lo");
    }
}
