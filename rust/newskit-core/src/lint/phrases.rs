//! Phrase lists (W101's wrong forms, T103's variant forms): every form of a list found in every text of a
//! page in one call, overlapping occurrences included (`newskit.rules.wrong_words.phrases.Matcher`; the
//! boundary check against the lexicon stays in Python, for the few candidates found).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// One occurrence of form `form` at code points `[start, end)` of text `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    pub text: usize,
    pub start: usize,
    pub end: usize,
    pub form: usize,
}

pub struct Phrases {
    automaton: Option<AhoCorasick>,
    /// each form's length in code points
    lengths: Vec<usize>,
}

impl Phrases {
    /// Empty forms are refused: they would occur everywhere.
    pub fn new(forms: &[String]) -> Result<Phrases, String> {
        if forms.iter().any(|f| f.is_empty()) {
            return Err("a phrase list holds an empty form".to_string());
        }
        let automaton = if forms.is_empty() {
            None
        } else {
            // No prefilter: with thousands of forms sharing lead bytes it only adds work (8 MB bench texts:
            // 0.24 s -> 0.15 s). The crate's DFA halves that again but holds 8 MB against the NFA's 2 MB.
            let builder = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).prefilter(false).build(forms);
            Some(builder.map_err(|e| e.to_string())?)
        };
        Ok(Phrases { automaton, lengths: forms.iter().map(|f| f.chars().count()).collect() })
    }

    /// Every occurrence of every form in `texts` (UTF-8), by text, then in the automaton's order (by end).
    pub fn find<S: AsRef<str>>(&self, texts: &[S]) -> Vec<Occurrence> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let mut out = Vec::new();
        for (k, text) in texts.iter().enumerate() {
            let text = text.as_ref();
            // byte offset -> code point offset, counted forward once per text (matches arrive by end)
            let (mut byte, mut chars) = (0usize, 0usize);
            for m in automaton.find_overlapping_iter(text) {
                let form = m.pattern().as_usize();
                let end_byte = m.end();
                if end_byte >= byte {
                    chars += text[byte..end_byte].chars().count();
                } else {
                    chars -= text[end_byte..byte].chars().count();
                }
                byte = end_byte;
                out.push(Occurrence { text: k, start: chars - self.lengths[form], end: chars, form });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(forms: &[&str]) -> Phrases {
        Phrases::new(&forms.iter().map(|f| f.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn overlapping_occurrences_in_code_points() {
        let p = phrases(&["对帐", "帐户", "按装"]);
        let mut got = p.find(&["核对帐户", "a按装b按装", "干净"]);
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
        let mut got = p.find(&["𠀀甲杯盘狼籍"]);
        got.sort();
        assert_eq!(got.iter().map(|o| (o.start, o.end, o.form)).collect::<Vec<_>>(), vec![(0, 2, 2), (2, 6, 0), (4, 6, 1)]);
    }

    #[test]
    fn empty_lists_and_forms() {
        assert!(phrases(&[]).find(&["任何"]).is_empty());
        assert!(Phrases::new(&[String::new()]).is_err());
    }
}
