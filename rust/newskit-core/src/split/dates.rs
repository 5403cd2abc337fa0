//! Datelines (`3月18日`, `3月17日下午`, `2月29日 星期六`, vague `近日`/`日前`) and the page's year.
//!
//! Python's patterns looked around (`(?<!\d)` before the month, `(?=[，,])` after a vague word, a digit
//! before the year); the regex crate has no look-around, so each is a plain pattern plus a check of the
//! character next to the match, searching on from the next character when the check fails.
use std::collections::HashMap;

use regex::Regex;

use super::text::char_len;

pub struct Dates {
    date: Regex,
    vague: Regex,
    present_year: Regex,
    digit: Regex,
}

/// A dateline found in a text; `start`/`end` are code-point offsets into that text.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    pub text: String,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub year: Option<i64>,
    pub year_inferred: bool,
    pub vague: bool,
    pub weekday: Option<u32>,
    pub start: usize,
    pub end: usize,
}

impl Default for Dates {
    fn default() -> Self {
        let ws = r"[\s\x1c-\x1f]"; // Python's \s
        Dates {
            date: Regex::new(&format!(
                r"(?:(?P<y>(?:19|20)\d\d)年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日(?:{ws}*(?:星期|周)(?P<wd>[一二三四五六日天]))?(?P<tod>上午|下午|晚上|晚间|凌晨|中午|早上|清晨|傍晚|夜间|晚|早)?"
            ))
            .expect("date compiles"),
            // Vague datelines count only where they open a clause (`近日，`), not inside a quote.
            vague: Regex::new(r"(?P<v>近日|日前|近期|连日来|前不久|近来|日来)[，,]").expect("vague compiles"),
            // A year named as the current one: `2020年是…`, `做好2020年公安工作`; a year followed by a month
            // or 度 is history.
            present_year: Regex::new(r"(?:19|20)\d\d年(?:是|，|,|全|党的|创建|工作|冲刺|将|要|的?目标|重点|春|两会|新年)")
                .expect("present year compiles"),
            digit: Regex::new(r"^\d$").expect("digit compiles"),
        }
    }
}

/// The value of a decimal digit (`\d`: any Unicode Nd digit, as Python's `int` reads it). Nd digits come in
/// runs of ten from zero, and some runs follow each other (the five mathematical digit sets, U+1D7CE–1D7FF):
/// outside ASCII and the full-width forms the value is the distance from the first digit of the whole
/// stretch, modulo ten (walking back only ten would read `𝟘`, the double-struck zero, as the bold nine).
fn digit_value(c: char, digit: &Regex) -> u32 {
    if let Some(v) = c.to_digit(10) {
        return v;
    }
    let u = c as u32;
    if (0xff10..=0xff19).contains(&u) {
        return u - 0xff10;
    }
    let is_digit = |x: u32| char::from_u32(x).is_some_and(|ch| digit.is_match(ch.encode_utf8(&mut [0u8; 4])));
    let mut zero = u;
    while zero > 0 && is_digit(zero - 1) {
        zero -= 1;
    }
    (u - zero) % 10
}

fn number(s: &str, digit: &Regex) -> i64 {
    s.chars().fold(0i64, |n, c| n * 10 + digit_value(c, digit) as i64)
}

fn prev_is_digit(text: &str, at: usize, digit: &Regex) -> bool {
    text[..at].chars().next_back().is_some_and(|c| digit.is_match(c.encode_utf8(&mut [0u8; 4])))
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

const WEEKDAYS: [(&str, u32); 8] = [("一", 0), ("二", 1), ("三", 2), ("四", 3), ("五", 4), ("六", 5), ("日", 6), ("天", 6)];

impl Dates {
    /// `datelines.infer_year`: the page's year when the text names it as the current year (the most named
    /// one, the latest on a tie); None when it only names past years.
    pub fn infer_year(&self, text: &str) -> Option<i64> {
        let mut years: HashMap<i64, usize> = HashMap::new();
        let mut at = 0;
        while let Some(m) = self.present_year.find_at(text, at) {
            if prev_is_digit(text, m.start(), &self.digit) {
                at = next_char(text, m.start());
                continue;
            }
            let four: String = m.as_str().chars().take(4).collect();
            *years.entry(number(&four, &self.digit)).or_default() += 1;
            at = m.end();
        }
        let top = *years.values().max()?;
        years.iter().filter(|(_, &n)| n == top).map(|(&y, _)| y).max()
    }

    /// `datelines.find_dateline`: the first date or vague dateline in `text`.
    pub fn find_dateline(&self, text: &str, year: Option<i64>) -> Option<Dateline> {
        let mut at = 0;
        let dm = loop {
            match self.date.captures_at(text, at) {
                None => break None,
                Some(c) => {
                    let m = c.name("m").expect("month group");
                    if c.name("y").is_none() && prev_is_digit(text, m.start(), &self.digit) {
                        at = next_char(text, c.get(0).expect("match").start());
                        continue;
                    }
                    break Some(c);
                }
            }
        };
        let vm = self.vague.captures(text).and_then(|c| c.name("v"));
        let cp = |b: usize| char_len(&text[..b]);
        if let Some(v) = vm {
            if dm.as_ref().is_none_or(|d| v.start() < d.get(0).expect("match").start()) {
                return Some(Dateline {
                    text: v.as_str().to_string(), month: None, day: None, year: None, year_inferred: false,
                    vague: true, weekday: None, start: cp(v.start()), end: cp(v.end()),
                });
            }
        }
        let c = dm?;
        let whole = c.get(0).expect("match");
        let month = number(c.name("m").expect("month").as_str(), &self.digit);
        let day = number(c.name("d").expect("day").as_str(), &self.digit);
        if !((1..=12).contains(&month) && (1..=31).contains(&day)) {
            return None;
        }
        let explicit = c.name("y").map(|y| number(y.as_str(), &self.digit));
        let y = explicit.or(year);
        let weekday = c.name("wd").and_then(|w| WEEKDAYS.iter().find(|(k, _)| *k == w.as_str()).map(|&(_, v)| v));
        Some(Dateline {
            text: whole.as_str().to_string(), month: Some(month as u32), day: Some(day as u32), year: y,
            year_inferred: y.is_some_and(|y| y != 0) && explicit.is_none(), vague: false, weekday,
            start: cp(whole.start()), end: cp(whole.end()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_and_vague_words() {
        let d = Dates::default();
        let f = d.find_dateline("本报北京3月18日电 记者", Some(2020)).unwrap();
        assert_eq!((f.month, f.day, f.year, f.year_inferred, f.start, f.end), (Some(3), Some(18), Some(2020), true, 4, 9));
        assert!(d.find_dateline("编号123月4日", None).is_none());
        let v = d.find_dateline("近日，记者从3月1日", None).unwrap();
        assert!(v.vague && v.text == "近日" && v.start == 0);
        assert!(d.find_dateline("近期水泥硬化", None).is_none());
        let w = d.find_dateline("2月29日 星期六上午", None).unwrap();
        assert_eq!((w.weekday, w.text.as_str()), (Some(5), "2月29日 星期六上午"));
        assert!(d.find_dateline("13月2日", None).is_none());
        assert_eq!(d.find_dateline("１月５日", None).map(|f| (f.month, f.day)), Some((Some(1), Some(5))));
        // the double-struck zero follows the bold nine: Python's int reads 𝟘3 as 3
        assert_eq!(d.find_dateline("𝟘3月18日", None).map(|f| (f.month, f.day)), Some((Some(3), Some(18))));
        assert_eq!(digit_value('𝟗', &d.digit), 9);
        assert_eq!(digit_value('𝟿', &d.digit), 9);
        assert_eq!(digit_value('٣', &d.digit), 3);
    }

    #[test]
    fn the_present_year() {
        let d = Dates::default();
        assert_eq!(d.infer_year("2019年是…2020年是…2020年工作"), Some(2020));
        assert_eq!(d.infer_year("2018年12月创建的"), None);
        assert_eq!(d.infer_year("12020年是"), None);
        assert_eq!(d.infer_year("2019年是 2021年是"), Some(2021));
    }
}
