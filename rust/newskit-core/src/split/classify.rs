//! What a block looks like on its own: heading, byline, caption, body, closing line (`classify.BlockInfo`).
//! The patterns are the Python modules' own (`split/classify.py`, `split/bylines.py`), handed over in `Cues`.
use super::cues::Cues;
use super::features::{Info, Shape};
use super::text::{char_len, first, last, rstrip, strip};

/// Characters a headline never ends on (function words): a short line ending on one was cut by a break.
pub const NEVER_ENDS_HEAD: &str = "的了在和与及这那把被对向从是为将也都就而并或但其之以于让给比跟同";
/// First characters of a byline prefix (`■`, 本报讯, 新华社, 中新社/中新网/中国日报, 人民日报, 央视网), of a
/// caption mark, and the longest closing line: cheap tests that let most body paragraphs skip those patterns.
const BYLINE_FIRST: &str = "■本新中人央";
const CAPTION_FIRST: &str = "▲△▼▽图（(";
const MAX_CLOSING: usize = 90;

fn info(shape: Shape) -> Info {
    Info { shape, md_level: 0, may_head: false, broken_byline: false, byline_start: false }
}

/// `classify.classify`.
pub fn classify(text: &str, cues: &Cues) -> Info {
    let c0 = first(text);
    if c0 == Some('#') {
        if let Some(c) = cues.md_heading.captures(text) {
            if !strip(text).contains('\n') {
                let level = c.get(1).map_or(0, |g| g.len()) as u32;
                return Info { md_level: level, ..info(Shape::Heading) };
            }
        }
    }
    let n = char_len(text);
    if n <= MAX_CLOSING && cues.ends_article(text) {
        return info(Shape::Closing);
    }
    let mut byline_start = false;
    if c0.is_some_and(|c| BYLINE_FIRST.contains(c)) {
        if cues.broken_byline.is_match(text) {
            return Info { broken_byline: true, byline_start: true, ..info(Shape::Byline) };
        }
        byline_start = cues.byline_prefix.is_match(text);
    }
    if cues.is_byline_line(text) && !cues.has_photo_credit(text) {
        return info(Shape::Byline);
    }
    if byline_start {
        return Info { byline_start: true, ..info(Shape::Body) }; // ``本报讯（…）`` opens a lead paragraph
    }
    if c0.is_some_and(|c| CAPTION_FIRST.contains(c)) && n <= 120 && cues.caption_mark.is_match(text) {
        return info(Shape::Caption);
    }
    if n <= 400 && cues.has_photo_credit(text) {
        return info(Shape::Caption);
    }
    if looks_like_heading(text, n, cues) {
        return info(Shape::Heading);
    }
    if looks_like_subhead(text, n, cues) {
        return Info { may_head: true, ..info(Shape::Body) };
    }
    info(Shape::Body)
}

/// `classify.looks_like_heading`: short lines with no sentence punctuation (or a meeting subhead), at most
/// four lines.
fn looks_like_heading(text: &str, n: usize, cues: &Cues) -> bool {
    if n > 80 || text.matches('\n').count() > 3 {
        return false;
    }
    if text.split('\n').any(|line| char_len(strip(line)) > cues.max_head_line) {
        return false;
    }
    let lines = text.split('\n').count();
    let flat: String = text.split('\n').map(strip).collect();
    if cues.meeting_subhead.is_match(&flat) {
        return true;
    }
    if cues.sentence_mark.is_match(&flat) || unbalanced(&flat) || !cues.word_char.is_match(&flat) {
        return false;
    }
    // A comma is running text in a one-line block; a headline stack printed as one block of short lines may
    // carry one.
    if flat.contains(['，', ',']) && (lines < 2 || text.split('\n').any(|l| rstrip(l).ends_with(['，', ',', '、']))) {
        return false;
    }
    if last(&flat).is_some_and(|c| NEVER_ENDS_HEAD.contains(c)) && !cues.md_heading.is_match(text) {
        return false; // a paragraph cut by a break, not a title
    }
    !(flat.ends_with('、') || flat.ends_with('—')) || flat.ends_with("——")
}

/// `classify.looks_like_subhead`: a one-liner with a comma, or a long one: a headline only when a byline
/// follows it.
fn looks_like_subhead(text: &str, n: usize, cues: &Cues) -> bool {
    !text.contains('\n') && n <= 40 && !cues.sentence_mark.is_match(text)
        && last(text).is_some_and(|c| !"，、,".contains(c)) && !unbalanced(text)
}

/// An opening mark with no closing one: the text was cut off mid-title or mid-quote.
pub fn unbalanced(text: &str) -> bool {
    [('《', '》'), ('“', '”'), ('（', '）'), ('(', ')')]
        .iter()
        .any(|&(a, b)| text.matches(a).count() > text.matches(b).count())
}
