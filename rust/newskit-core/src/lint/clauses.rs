//! R201's cheap test: which paragraphs of an article share a clause of eight or more characters with a
//! paragraph at most `max_gap` before them (`newskit.rules.repetition.repeated_passage.shared_clauses`).
//! Only those paragraphs are handed to the dedupe engine; most articles share no clause at all.

use std::collections::{HashMap, HashSet};

use crate::lint::chars::FxBuild as Fast;

/// A clause is a run of at least this many characters between clause marks.
pub const MIN_CLAUSE_CHARS: usize = 8;

/// Python's `str.isspace` (what `\s` matches in a `re` str pattern): Rust's White_Space plus the four
/// information separators U+001C–U+001F.
#[inline]
pub fn is_py_space(c: u32) -> bool {
    (0x1c..=0x1f).contains(&c) || char::from_u32(c).is_some_and(char::is_whitespace)
}

/// The characters that end a clause (`_CLAUSE_RE`'s excluded class: `[，。！？；：,.!?;:、\s“”‘’（）()《》]`).
#[inline]
fn ends_clause(c: u32) -> bool {
    if (0x3400..0xff00).contains(&c) {
        return false; // Han and most of the text: no mark or space lives here
    }
    matches!(
        c,
        0xff0c | 0x3002 | 0xff01 | 0xff1f | 0xff1b | 0xff1a // ，。！？；：
            | 0x2c | 0x2e | 0x21 | 0x3f | 0x3b | 0x3a // ,.!?;:
            | 0x3001 // 、
            | 0x201c | 0x201d | 0x2018 | 0x2019 // “”‘’
            | 0xff08 | 0xff09 | 0x28 | 0x29 // （）()
            | 0x300a | 0x300b // 《》
    ) || is_py_space(c)
}

/// The clauses of one text, in order: maximal runs of `MIN_CLAUSE_CHARS`+ characters between clause marks.
pub fn clauses(text: &[u32]) -> Vec<&[u32]> {
    let mut out = Vec::new();
    for_each_clause(text, |clause| out.push(clause));
    out
}

/// `clauses`, each handed to `f` as it is found: one loop over the code points, no iterator adapters and no
/// list per text (splitting was most of R201's cheap test).
#[inline]
fn for_each_clause<'a>(text: &'a [u32], mut f: impl FnMut(&'a [u32])) {
    let mut start = 0;
    for (end, &c) in text.iter().enumerate() {
        if ends_clause(c) {
            if end - start >= MIN_CLAUSE_CHARS {
                f(&text[start..end]);
            }
            start = end + 1;
        }
    }
    if text.len() - start >= MIN_CLAUSE_CHARS {
        f(&text[start..]);
    }
}

/// (positions sorted, clauses) for paragraphs `texts` of one article: every position that shares a clause
/// with another at most `max_gap` away (the later compared with the clause's last earlier copy), and the
/// clauses so shared, each once, in the order first shared.
pub fn shared_clauses<'a>(texts: &[&'a [u32]], max_gap: usize) -> (Vec<usize>, Vec<&'a [u32]>) {
    let chars: usize = texts.iter().map(|t| t.len()).sum();
    let mut last_seen: HashMap<&[u32], usize, Fast> = HashMap::with_capacity_and_hasher(chars / 16, Fast::default());
    let mut involved: HashSet<usize, Fast> = HashSet::default();
    let mut shared: Vec<&[u32]> = Vec::new();
    let mut shared_set: HashSet<&[u32], Fast> = HashSet::default();
    for (k, text) in texts.iter().enumerate() {
        for_each_clause(text, |clause| {
            if let Some(j) = last_seen.insert(clause, k) {
                if j != k && k - j <= max_gap {
                    involved.insert(j);
                    involved.insert(k);
                    if shared_set.insert(clause) {
                        shared.push(clause);
                    }
                }
            }
        });
    }
    let mut involved: Vec<usize> = involved.into_iter().collect();
    involved.sort_unstable();
    (involved, shared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    #[test]
    fn clauses_between_marks() {
        let t = code_points("短句，据了解建行近两年来累计投放，另一个很长的分句在这里啊。\u{1f}八个字八个字八个");
        let got: Vec<String> = clauses(&t).iter().map(|c| c.iter().map(|&u| char::from_u32(u).unwrap()).collect()).collect();
        assert_eq!(got, vec!["据了解建行近两年来累计投放", "另一个很长的分句在这里啊", "八个字八个字八个"]);
    }

    #[test]
    fn shared_within_the_gap_only() {
        let texts: Vec<Vec<u32>> = ["甲，据了解建行近两年来累计投放。", "无关", "据了解建行近两年来累计投放", "乙", "丙", "丁", "据了解建行近两年来累计投放"]
            .iter()
            .map(|s| code_points(s))
            .collect();
        let refs: Vec<&[u32]> = texts.iter().map(|t| t.as_slice()).collect();
        let (involved, shared) = shared_clauses(&refs, 3);
        assert_eq!(involved, vec![0, 2]); // 6 is 4 after its last copy at 2
        assert_eq!(shared.len(), 1);
        assert_eq!(shared_clauses(&refs, 4).0, vec![0, 2, 6]);
        // a clause twice in one paragraph is not shared
        let one = code_points("据了解建行近两年来累计投放，据了解建行近两年来累计投放");
        assert_eq!(shared_clauses(&[one.as_slice()], 3).0, Vec::<usize>::new());
    }
}
