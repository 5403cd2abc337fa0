//! Word segmentation of short windows (W101, R101, X104, X105): jieba's no-HMM algorithm over the lexicon
//! index (`split::lexicon`, jieba's dictionary mmapped by `newskit/text/lexicon.py`), as `jieba.cut(window,
//! HMM=False)` and `jieba.posseg.cut(window, HMM=False)` answer. A window is cut into blocks of word
//! characters (the two tokenizers' block patterns differ: posseg keeps `%` and `-` out); in a block, the DAG
//! of dictionary words starting at each character and the route of highest total log-probability (ties go
//! to the longer word, as jieba's `max` over `(score, end)` tuples does), single Latin letters and digits
//! run together; outside a block every character is a word, `\r\n` one. Windows are code points, words
//! come back as code-point ranges of the window.

use crate::split::lexicon::{FirstChars, Lexicon};

/// Which of jieba's two tokenizers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// `jieba.cut`: blocks of `[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]`
    Cut,
    /// `jieba.posseg.cut`: blocks of `[\u4E00-\u9FD5a-zA-Z0-9+#&._]`
    Tag,
}

/// A word's part-of-speech tag as posseg gives it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tag {
    /// a run of single Latin letters and digits
    Eng,
    /// outside a block, or a word the index has no tag for
    X,
    /// an entry's tag: an index into the index's tag table (whose empty tag reads as `x`)
    Entry(u16),
}

fn in_block(c: u32, mode: Mode) -> bool {
    matches!(c, 0x4E00..=0x9FD5)
        || char::from_u32(c).is_some_and(|ch| {
            ch.is_ascii_alphanumeric() || matches!(ch, '+' | '#' | '&' | '.' | '_') || (mode == Mode::Cut && matches!(ch, '%' | '-'))
        })
}

fn is_eng(c: u32) -> bool {
    char::from_u32(c).is_some_and(|ch| ch.is_ascii_alphanumeric())
}

/// The word ending at character `end` (of frequency `freq`) as the start's choice if it scores higher, or as
/// high with a later end: jieba's `max` over `(log(freq) - log(total) + route[end + 1], end)`.
fn consider(choice: &mut Option<(f64, usize)>, end: usize, freq: u32, log_total: f64, best: &[(f64, usize)]) {
    let score = (freq as f64).ln() - log_total + best[end + 1].0;
    if choice.is_none_or(|(s, e)| score > s || (score == s && end > e)) {
        *choice = Some((score, end));
    }
}

/// The route through one block (every character a block character): the words as `(start, end)` code-point
/// ranges of the block.
fn route(lex: &Lexicon, first: &FirstChars, block: &[u32]) -> Vec<(usize, usize)> {
    let n = block.len();
    // Block characters are Han or ASCII: valid chars, encoded once; bounds[k] is character k's byte offset.
    let mut utf8 = String::with_capacity(3 * n);
    let mut bounds = Vec::with_capacity(n + 1);
    for &c in block {
        bounds.push(utf8.len());
        utf8.push(char::from_u32(c).expect("block characters are valid"));
    }
    bounds.push(utf8.len());
    let bytes = utf8.as_bytes();
    let log_total = lex.log_total();
    // best[k] = (score, last character of the first word) of the route from k; jieba's `calc`.
    let mut best = vec![(0.0f64, 0usize); n + 1];
    for k in (0..n).rev() {
        let mut choice: Option<(f64, usize)> = None;
        // jieba's `get_DAG`: a candidate grows while it is the prefix of some entry (the entries starting with
        // the first character are its range; each longer candidate narrows it).
        let (mut lo, mut hi) = first.range(char::from_u32(block[k]).expect("block characters are valid"));
        for i in k..n {
            let frag = &bytes[bounds[k]..bounds[i + 1]];
            if i > k {
                (lo, hi) = lex.words.prefix_range(frag, lo, hi);
            }
            if lo == hi {
                break;
            }
            let freq = lex.freq(lo);
            if freq != 0 && lex.words.word_len(lo) == frag.len() {
                consider(&mut choice, i, freq, log_total, &best);
            }
        }
        if choice.is_none() {
            consider(&mut choice, k, 1, log_total, &best); // jieba scores a lone character FREQ.get(ch) or 1
        }
        best[k] = choice.expect("every start has a word");
    }
    let mut out = Vec::new();
    let mut x = 0;
    while x < n {
        let y = best[x].1 + 1;
        out.push((x, y));
        x = y;
    }
    out
}

/// The words of `window` as `(start, end, tag)` (tags only mean something in `Mode::Tag`).
pub fn words(lex: &Lexicon, first: &FirstChars, window: &[u32], mode: Mode) -> Vec<(usize, usize, Tag)> {
    let mut out = Vec::new();
    let n = window.len();
    let mut i = 0;
    while i < n {
        if !in_block(window[i], mode) {
            let end = if window[i] == '\r' as u32 && window.get(i + 1) == Some(&('\n' as u32)) { i + 2 } else { i + 1 };
            out.push((i, end, Tag::X));
            i = end;
            continue;
        }
        let start = i;
        while i < n && in_block(window[i], mode) {
            i += 1;
        }
        let block = &window[start..i];
        let mut eng: Option<(usize, usize)> = None; // single Latin letters and digits run together: 2020, COVID
        for (a, b) in route(lex, first, block) {
            if b == a + 1 && is_eng(block[a]) {
                eng = Some(eng.map_or((a, b), |(s, _)| (s, b)));
                continue;
            }
            if let Some((s, e)) = eng.take() {
                out.push((start + s, start + e, Tag::Eng));
            }
            let tag = match mode {
                Mode::Cut => Tag::X,
                Mode::Tag => lex.entry_of(first, &block[a..b]).map_or(Tag::X, |k| Tag::Entry(lex.tag(k))),
            };
            out.push((start + a, start + b, tag));
        }
        if let Some((s, e)) = eng {
            out.push((start + s, start + e, Tag::Eng));
        }
    }
    out
}

impl Lexicon<'_> {
    fn log_total(&self) -> f64 {
        if self.total > 0 { (self.total as f64).ln() } else { 0.0 }
    }

    /// The entry spelled by `word` (valid chars), if any.
    fn entry_of(&self, first: &FirstChars, word: &[u32]) -> Option<usize> {
        let s: String = word.iter().filter_map(|&c| char::from_u32(c)).collect();
        first.find(&self.words, &s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    /// An index of `(word, freq, tag)` entries, sorted, in the on-disk layout.
    fn index(entries: &[(&str, u32, u16)]) -> (Vec<u8>, usize, usize) {
        let mut e = entries.to_vec();
        e.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut buf = b"head".to_vec();
        let mut at = 0u32;
        buf.extend_from_slice(&at.to_ne_bytes());
        for (w, _, _) in &e {
            at += w.len() as u32;
            buf.extend_from_slice(&at.to_ne_bytes());
        }
        for (_, f, _) in &e {
            buf.extend_from_slice(&f.to_ne_bytes());
        }
        for (_, _, t) in &e {
            buf.extend_from_slice(&t.to_ne_bytes());
        }
        let words_at = buf.len();
        for (w, _, _) in &e {
            buf.extend_from_slice(w.as_bytes());
        }
        (buf, e.len(), words_at)
    }

    const TINY: &[(&str, u32, u16)] = &[
        ("研究", 20, 1), ("生命", 10, 0), ("研究生", 10, 0), ("命", 20, 0), ("中国", 100, 2), ("中", 10, 0),
        ("国", 10, 0), ("人民", 70, 3), ("人", 20, 0), ("民", 20, 0), ("中国人", 30, 0), ("中国人民", 60, 4),
        ("银行", 40, 0), ("国人", 0, 0), ("AT&T", 5, 3),
    ];

    fn cut(lex: &Lexicon, text: &str, mode: Mode) -> Vec<(String, Tag)> {
        let cps = code_points(text);
        words(lex, &FirstChars::new(&lex.words), &cps, mode)
            .into_iter()
            .map(|(a, b, t)| (cps[a..b].iter().filter_map(|&c| char::from_u32(c)).collect(), t))
            .collect()
    }

    fn texts(lex: &Lexicon, text: &str, mode: Mode) -> Vec<String> {
        cut(lex, text, mode).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn the_best_route_and_ties_to_the_longer_word() {
        let (buf, count, at) = index(TINY);
        let total = TINY.iter().map(|e| e.1 as u64).sum();
        let lex = Lexicon::new(&buf, 4, count, at, total).unwrap();
        assert_eq!(texts(&lex, "中国人民银行", Mode::Cut), ["中国人民", "银行"]);
        // 研究|生命 and 研究生|命 score the same: the longer first word wins
        assert_eq!(texts(&lex, "研究生命", Mode::Cut), ["研究生", "命"]);
        // 国人 has frequency 0: a prefix, no word
        assert_eq!(texts(&lex, "国人", Mode::Cut), ["国", "人"]);
    }

    #[test]
    fn latin_runs_blocks_and_tags() {
        let (buf, count, at) = index(TINY);
        let lex = Lexicon::new(&buf, 4, count, at, 400).unwrap();
        assert_eq!(texts(&lex, "AT&T中国 x2中国人", Mode::Cut), ["AT&T", "中国", " ", "x2", "中国人"]);
        assert_eq!(texts(&lex, "中国\r\n人民，。", Mode::Cut), ["中国", "\r\n", "人民", "，", "。"]);
        assert_eq!(texts(&lex, "5%-中", Mode::Cut), ["5", "%", "-", "中"]);
        assert_eq!(texts(&lex, "5%-中", Mode::Tag), ["5", "%", "-", "中"]);
        assert_eq!(cut(&lex, "x2人民%", Mode::Tag),
                   [("x2".to_string(), Tag::Eng), ("人民".to_string(), Tag::Entry(3)), ("%".to_string(), Tag::X)]);
        assert_eq!(cut(&lex, "书", Mode::Tag), [("书".to_string(), Tag::X)]);
        assert!(texts(&lex, "", Mode::Cut).is_empty());
    }
}
