//! Phrase lists (W101's wrong forms, T103's variant forms): every form of a list found in every text of a
//! page in one call, overlapping occurrences included (`newskit.rules.wrong_words.phrases.Matcher`; the
//! boundary check against the lexicon stays in Python, for the few candidates found).

use std::collections::HashMap;

use crate::lint::chars::FxBuild;

/// One occurrence of form `form` at code points `[start, end)` of text `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    pub text: usize,
    pub start: usize,
    pub end: usize,
    pub form: usize,
}

/// The forms indexed by their first two characters, over code points. Nearly every form is two to four Han
/// characters, so one look-up of the pair at each position of the text finds the few forms that may start
/// there, each then compared whole. An Aho–Corasick automaton over the UTF-8 did the same at about five times
/// the cost (8 MB of bench text: its NFA 70 ms, and its DFA, twice as fast, held 8 MB).
pub struct Phrases {
    forms: Vec<Vec<u32>>,
    /// (first, second character) -> the forms of two or more characters starting with them
    by_pair: HashMap<u64, Vec<usize>, FxBuild>,
    /// one-character forms (a house list may hold one)
    single: HashMap<u32, Vec<usize>, FxBuild>,
    /// one bit per hash of a character pair: may a form start with it (most pairs of a text start none)
    pair_bits: Vec<u64>,
}

const PAIR_BITS: u32 = 16;

#[inline]
fn pair_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - PAIR_BITS)) as usize
}

#[inline]
fn pair(a: u32, b: u32) -> u64 {
    u64::from(a) << 32 | u64::from(b)
}

impl Phrases {
    /// Empty forms are refused: they would occur everywhere.
    pub fn new(forms: &[String]) -> Result<Phrases, String> {
        if forms.iter().any(|f| f.is_empty()) {
            return Err("a phrase list holds an empty form".to_string());
        }
        let forms: Vec<Vec<u32>> = forms.iter().map(|f| f.chars().map(|c| c as u32).collect()).collect();
        let mut by_pair: HashMap<u64, Vec<usize>, FxBuild> = HashMap::default();
        let mut single: HashMap<u32, Vec<usize>, FxBuild> = HashMap::default();
        let mut pair_bits = vec![0u64; (1 << PAIR_BITS) / 64];
        for (k, form) in forms.iter().enumerate() {
            if form.len() == 1 {
                single.entry(form[0]).or_default().push(k);
            } else {
                let key = pair(form[0], form[1]);
                by_pair.entry(key).or_default().push(k);
                pair_bits[pair_bit(key) / 64] |= 1u64 << (pair_bit(key) % 64);
            }
        }
        Ok(Phrases { forms, by_pair, single, pair_bits })
    }

    /// Every occurrence of every form in `texts` (code points), overlapping ones included: by text, then by
    /// end, the longer of two ending together first (the order an Aho–Corasick automaton reports them in).
    pub fn find<S: AsRef<[u32]>>(&self, texts: &[S]) -> Vec<Occurrence> {
        let mut out = Vec::new();
        if self.forms.is_empty() {
            return out;
        }
        for (k, text) in texts.iter().enumerate() {
            let text = text.as_ref();
            let first = out.len();
            for (i, &c) in text.iter().enumerate() {
                if !self.single.is_empty() {
                    if let Some(forms) = self.single.get(&c) {
                        out.extend(forms.iter().map(|&form| Occurrence { text: k, start: i, end: i + 1, form }));
                    }
                }
                let Some(&next) = text.get(i + 1) else { continue };
                // One table bit per position, no test of the first character alone: most Han characters start
                // some form, so that test was a branch the processor could not predict.
                let key = pair(c, next);
                let bit = pair_bit(key);
                if self.pair_bits[bit / 64] >> (bit % 64) & 1 == 0 {
                    continue;
                }
                if let Some(forms) = self.by_pair.get(&key) {
                    for &form in forms {
                        let f = &self.forms[form];
                        if text[i..].starts_with(f) {
                            out.push(Occurrence { text: k, start: i, end: i + f.len(), form });
                        }
                    }
                }
            }
            out[first..].sort_by_key(|o| (o.end, o.start, o.form));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    fn phrases(forms: &[&str]) -> Phrases {
        Phrases::new(&forms.iter().map(|f| f.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn overlapping_occurrences_in_code_points() {
        let p = phrases(&["对帐", "帐户", "按装"]);
        let texts: Vec<Vec<u32>> = ["核对帐户", "a按装b按装", "干净"].iter().map(|t| code_points(t)).collect();
        let mut got = p.find(&texts);
        got.sort();
        assert_eq!(got, vec![
            Occurrence { text: 0, start: 1, end: 3, form: 0 },
            Occurrence { text: 0, start: 2, end: 4, form: 1 },
            Occurrence { text: 1, start: 1, end: 3, form: 2 },
            Occurrence { text: 1, start: 4, end: 6, form: 2 },
        ]);
    }

    #[test]
    fn nested_forms_and_astral_characters() {
        let p = phrases(&["杯盘狼籍", "狼籍", "𠀀甲"]);
        let mut got = p.find(&[code_points("𠀀甲杯盘狼籍")]);
        got.sort();
        assert_eq!(got.iter().map(|o| (o.start, o.end, o.form)).collect::<Vec<_>>(), vec![(0, 2, 2), (2, 6, 0), (4, 6, 1)]);
    }

    #[test]
    fn one_character_forms_and_the_reporting_order() {
        let p = phrases(&["帐", "对帐", "核对帐户", "帐户"]);
        let got: Vec<(usize, usize, usize)> =
            p.find(&[code_points("核对帐户")]).iter().map(|o| (o.start, o.end, o.form)).collect();
        assert_eq!(got, vec![(1, 3, 1), (2, 3, 0), (0, 4, 2), (2, 4, 3)]);
    }

    #[test]
    fn empty_lists_and_forms() {
        assert!(phrases(&[]).find(&[code_points("任何")]).is_empty());
        assert!(Phrases::new(&[String::new()]).is_err());
    }
}
