//! The tagger's model (state weights per feature, transitions, a per-label bias), each block's allowed
//! labels, and the constrained Viterbi decoder (see `newskit/split/tagger.py` for the rules it enforces).
use std::collections::{HashMap, HashSet};

use super::cues::Cues;
use super::features::{is_sentence_mark, Block, Shape};

pub const LABELS: usize = 8;
pub const HEAD: usize = 0;
pub const HEAD_MORE: usize = 1;
pub const BYLINE: usize = 2;
pub const BODY: usize = 3;
pub const JOIN: usize = 4;
pub const SECTION: usize = 5;
pub const CAPTION: usize = 6;
pub const CLOSING: usize = 7;
/// Blocks in one headline stack: a public-service box is a head, five slogans and its sponsor (001:103).
pub const MAX_STACK: usize = 7;

/// A set of labels as bits (bit k: label k), and the `LEADS_ON` flag.
pub type Labels = u16;
const fn bit(label: usize) -> Labels {
    1 << label
}
pub const ALL: Labels = 0xff;
/// Not a label: the block's text announces what follows it (it ends in `：` or `——`: `彭宝林：`,
/// `世贸组织总干事——`), so no article ends on it and, as body text, it is never followed by a new headline.
/// On a plain page such a line right before a headline is that headline's kicker.
pub const LEADS_ON: Labels = 1 << LABELS;
const HEADING_ONLY: Labels = bit(HEAD) | bit(HEAD_MORE) | bit(SECTION); // a markdown heading
const WIRE_ONLY: Labels = bit(BODY) | bit(BYLINE); // a block opening with 本报讯 / a 电头
const SETTLED: Labels = bit(BODY);
const STACK_ONLY: Labels = bit(HEAD_MORE);
const HEADLINE_ONLY: Labels = bit(HEAD) | bit(HEAD_MORE);
const TITLES: Labels = bit(HEAD) | bit(HEAD_MORE) | bit(SECTION);
/// Running text (`running_text`) is longer than this.
const RUNNING_TEXT: usize = 40;
const SECTION_ONLY: Labels = bit(SECTION);

pub type Row = [f64; LABELS];

/// A fast hash for feature strings (the Fx hash of rustc: multiply-rotate per 8 bytes). The model's keys are
/// its own short feature strings, not input an attacker picks, so SipHash's flood resistance buys nothing.
#[derive(Default, Clone, Copy)]
pub struct FeatureHasher(u64);

impl std::hash::Hasher for FeatureHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FeatureMap = HashMap<String, Row, std::hash::BuildHasherDefault<FeatureHasher>>;
/// Character bigrams as numbers (`grams::bigram_of`): the model's common ones. The topic-shift measure
/// looks every bigram of the text around a short block up here, so a 64K-bit filter answers most of them
/// (the uncommon ones) before the hash set is asked.
#[derive(Default, Clone)]
pub struct BigramSet {
    set: HashSet<u64, std::hash::BuildHasherDefault<FeatureHasher>>,
    bits: Vec<u64>,
}

impl BigramSet {
    fn slot(p: u64) -> usize {
        ((p >> 32) as usize).wrapping_mul(31).wrapping_add(p as u32 as usize) & 0xffff
    }

    pub fn contains(&self, p: &u64) -> bool {
        let s = Self::slot(*p);
        self.bits.get(s >> 6).is_some_and(|w| w >> (s & 63) & 1 == 1) && self.set.contains(p)
    }
}

impl FromIterator<u64> for BigramSet {
    fn from_iter<I: IntoIterator<Item = u64>>(iter: I) -> Self {
        let mut out = BigramSet { set: HashSet::default(), bits: vec![0; 1 << 10] };
        for p in iter {
            let s = Self::slot(p);
            out.bits[s >> 6] |= 1 << (s & 63);
            out.set.insert(p);
        }
        out
    }
}

pub struct Model {
    /// feature -> weight per label (zero where crfsuite kept none)
    pub rows: FeatureMap,
    /// transitions[a][b]: weight of label b following label a
    pub transitions: [Row; LABELS],
    pub bias: Row,
    /// Han bigrams too common to tell topics apart (the topic-shift feature leaves them out)
    pub common: BigramSet,
}

/// Sums a block's emission row feature by feature, in the order Python's `sum` adds them.
pub struct Emission {
    pub row: Row,
}

impl Emission {
    pub fn new() -> Self {
        Emission { row: [0.0; LABELS] }
    }

    pub fn add(&mut self, model: &Model, feature: &str) {
        if let Some(w) = model.rows.get(feature) {
            for (acc, x) in self.row.iter_mut().zip(w) {
                *acc += x;
            }
        }
    }

    /// Add a feature's (label, weight) pairs (`weights::Found`): the same sums as its dense row.
    pub fn add_weights(&mut self, weights: impl Iterator<Item = (usize, f64)>) {
        for (label, w) in weights {
            self.row[label] += w;
        }
    }

    pub fn finish(mut self, model: &Model) -> Row {
        for (acc, x) in self.row.iter_mut().zip(&model.bias) {
            *acc += x;
        }
        self.row
    }
}

impl Default for Emission {
    fn default() -> Self {
        Self::new()
    }
}

impl Model {
    pub fn emissions<'f>(&self, features: impl IntoIterator<Item = &'f str>) -> Row {
        let mut e = Emission::new();
        for f in features {
            e.add(self, f);
        }
        e.finish(self)
    }
}

/// What a block may be: a markdown heading only a headline or section title, a block opening with an
/// explicit 电头 only a paragraph or byline line; `join` only after a paragraph cut mid-sentence.
pub fn allowed_labels(md_level: u32, wire: bool, may_join: bool) -> Labels {
    if md_level > 0 {
        return HEADING_ONLY;
    }
    let labels = if wire { WIRE_ONLY } else { ALL };
    if may_join { labels } else { labels & !bit(JOIN) }
}

/// Is block k next to another markdown heading (a kicker or subhead of a marked stack)?
fn md_neighbour(blocks: &[Block], k: usize) -> bool {
    (k > 0 && blocks[k - 1].info.md_level > 0) || (k + 1 < blocks.len() && blocks[k + 1].info.md_level > 0)
}

/// Does this text end by announcing what follows (`：`, `:`, `——`)? See `LEADS_ON`.
pub fn leads_on(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['：', ':']) || t.ends_with("——")
}

/// Does the text read as running text: over `RUNNING_TEXT` characters holding two sentence marks or more?
/// Hardly a title does (3 of the 8,710 title lines of the training months: summary subheads of a
/// meeting report); a paragraph that ends on `（讲话全文见第二版）` instead of `。` is running text, however its
/// end looks, and used to be read as a headline for it.
pub fn running_text(text: &str) -> bool {
    let mut chars = 0;
    let mut sentences = 0;
    for c in text.chars().filter(|&c| c != '\n') {
        chars += 1;
        sentences += usize::from(is_sentence_mark(c));
    }
    chars > RUNNING_TEXT && sentences >= 2
}

/// Each block's allowed labels, from its shape and the text before it; a settled block is body text.
/// `LEADS_ON` marks a block whose text announces the next and that may open a headline stack itself.
pub fn block_constraints(blocks: &[Block], cues: &Cues, settled: &[bool]) -> Vec<Labels> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut prev_text: Option<&str> = None; // the last block before this one that is not caption-shaped
    let mut boxed = 0; // slogan lines still to come under a public-service box head
    let top = blocks.iter().map(|b| b.info.md_level).filter(|&l| l > 0).min().unwrap_or(0);
    for (k, b) in blocks.iter().enumerate() {
        let info = b.info;
        let mut may_join = prev_text.is_some_and(|t| !cues.ends_paragraph(t));
        let heading = info.shape == Shape::Heading && info.md_level == 0;
        if boxed > 0 && heading {
            out.push(STACK_ONLY);
            boxed -= 1;
        } else if (heading || info.md_level > 0) && k + 1 < blocks.len() && blocks[k + 1].info.shape == Shape::Byline {
            out.push(HEADLINE_ONLY); // a byline line under a title: the title is a headline, not a section
            boxed = 0;
        } else if info.md_level > top && !md_neighbour(blocks, k) {
            out.push(SECTION_ONLY); // a deeper markdown heading standing alone in running text
            boxed = 0;
        } else {
            boxed = if heading && cues.box_head.is_match(b.text) { MAX_STACK - 1 } else { 0 };
            // a closing line or a credit line is never the rest of a cut paragraph
            may_join = may_join && info.shape != Shape::Closing && info.shape != Shape::Byline;
            let labels = allowed_labels(info.md_level, info.byline_start || info.broken_byline, may_join);
            out.push(if settled[k] {
                SETTLED
            } else if info.md_level == 0 && running_text(b.text) {
                labels & !TITLES
            } else if info.shape == Shape::Closing {
                labels & !HEADLINE_ONLY // a closing line ends an article: it never opens one
            } else {
                labels
            });
        }
        if info.shape != Shape::Caption {
            prev_text = if info.md_level > 0 { None } else { Some(b.text) };
        }
        // Only where the block may itself open the stack, so the constraint never leaves a page without a
        // labelling; a markdown heading's place is certain already.
        let last = out.last_mut().expect("a block's labels were pushed");
        if info.md_level == 0 && *last & bit(HEAD) != 0 && leads_on(b.text) {
            *last |= LEADS_ON;
        }
    }
    out
}

/// The decoding automaton: states are labels, with head+ expanded by its position in the stack.
pub struct Automaton {
    /// the label of each state
    label: Vec<usize>,
    /// preds[s][p]: may state p precede state s
    preds: Vec<Vec<bool>>,
    /// states a page may start in
    start: Vec<bool>,
}

impl Default for Automaton {
    fn default() -> Self {
        Self::new()
    }
}

impl Automaton {
    pub fn new() -> Self {
        let mut label = vec![HEAD];
        label.extend(std::iter::repeat_n(HEAD_MORE, MAX_STACK - 1));
        label.extend([BYLINE, BODY, JOIN, SECTION, CAPTION, CLOSING]);
        let n = label.len();
        let stack = |s: usize| if s < MAX_STACK { Some(1 + s) } else { None }; // position in the stack (1 = head)
        let mut preds = vec![vec![false; n]; n];
        for s in 0..n {
            let lab = label[s];
            for p in 0..n {
                let plab = label[p];
                preds[s][p] = match lab {
                    HEAD => !matches!(plab, HEAD | HEAD_MORE | BYLINE),
                    HEAD_MORE => {
                        let pos = stack(s).unwrap_or(0);
                        (matches!(plab, HEAD | HEAD_MORE) && stack(p) == Some(pos - 1)) || (plab == BYLINE && pos == 2)
                    }
                    JOIN => matches!(plab, BODY | JOIN | CAPTION),
                    CLOSING => !matches!(plab, HEAD | HEAD_MORE),
                    _ => true,
                };
            }
        }
        let start = label.iter().map(|&l| l != HEAD_MORE && l != JOIN).collect();
        Automaton { label, preds, start }
    }

    /// The best label sequence under the constraints (`allowed[k]`: block k's labels), by exact Viterbi
    /// over the automaton's states; ties go to the lower state, as in the Python decoder this replaces.
    pub fn decode(&self, transitions: &[Row; LABELS], emissions: &[Row], allowed: &[Labels]) -> Vec<usize> {
        let n = emissions.len();
        if n == 0 {
            return vec![];
        }
        let states = self.label.len();
        let mut back: Vec<Vec<Option<usize>>> = Vec::with_capacity(n);
        let mut prev: Vec<Option<f64>> = vec![None; states];
        for k in 0..n {
            let em = &emissions[k];
            let mut cur: Vec<Option<f64>> = vec![None; states];
            let mut ptr: Vec<Option<usize>> = vec![None; states];
            for s in 0..states {
                let lab = self.label[s];
                if allowed[k] & bit(lab) == 0 {
                    continue;
                }
                if k == 0 {
                    if self.start[s] {
                        cur[s] = Some(em[lab]);
                    }
                    continue;
                }
                // text that announces what follows does not end an article (`LEADS_ON`)
                let announced = lab == HEAD && allowed[k - 1] & LEADS_ON != 0;
                let mut best: Option<(f64, usize)> = None;
                for (p, score) in prev.iter().enumerate() {
                    let Some(score) = score else { continue };
                    if self.preds[s][p] && !(announced && matches!(self.label[p], BODY | JOIN | SECTION)) {
                        let score = score + transitions[self.label[p]][lab];
                        if best.is_none_or(|(b, _)| score > b) {
                            best = Some((score, p));
                        }
                    }
                }
                if let Some((score, p)) = best {
                    cur[s] = Some(score + em[lab]);
                    ptr[s] = Some(p);
                }
            }
            if cur.iter().all(Option::is_none) {
                // the constraints left nothing (a damaged page): take the block's best label alone
                let mut lab = None;
                for l in (0..LABELS).filter(|&l| allowed[k] & bit(l) != 0) {
                    if lab.is_none_or(|b: usize| em[l] > em[b]) {
                        lab = Some(l);
                    }
                }
                let lab = lab.unwrap_or(BODY);
                let s = self.label.iter().position(|&l| l == lab).unwrap_or(0);
                let top = best_state(&prev, |_| true);
                cur[s] = Some(top.map_or(0.0, |t| prev[t].unwrap_or(0.0)) + em[lab]);
                ptr[s] = top;
            }
            back.push(ptr);
            prev = cur;
        }
        // The page ends: an article has body text, so it does not end on a headline stack when it can help it.
        let mut s = best_state(&prev, |st| !matches!(self.label[st], HEAD | HEAD_MORE))
            .or_else(|| best_state(&prev, |_| true))
            .unwrap_or(0);
        let mut path = vec![s];
        for k in (1..n).rev() {
            s = back[k][s].unwrap_or(0);
            path.push(s);
        }
        path.reverse();
        path.into_iter().map(|s| self.label[s]).collect()
    }
}

/// The live state with the highest score among those `keep` accepts; the first one on a tie.
fn best_state(scores: &[Option<f64>], keep: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for (s, v) in scores.iter().enumerate() {
        if let Some(v) = *v {
            if keep(s) && best.is_none_or(|(b, _)| v > b) {
                best = Some((v, s));
            }
        }
    }
    best.map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_hot(label: usize, w: f64) -> Row {
        let mut r = [0.0; LABELS];
        r[label] = w;
        r
    }

    #[test]
    fn a_stack_is_at_most_max_stack_blocks_and_a_page_does_not_end_on_one() {
        let a = Automaton::new();
        let t = [[0.0; LABELS]; LABELS];
        // every block wants head+ most, then head: the decoder must open a new stack after MAX_STACK
        let em: Vec<Row> = (0..MAX_STACK + 2).map(|_| { let mut r = one_hot(HEAD_MORE, 2.0); r[HEAD] = 1.0; r }).collect();
        let allowed = vec![bit(HEAD) | bit(HEAD_MORE) | bit(BODY); em.len()];
        let labels = a.decode(&t, &em, &allowed);
        let mut more = 0;
        for (k, &l) in labels.iter().enumerate() {
            more = if l == HEAD_MORE { more + 1 } else { 0 };
            assert!(more < MAX_STACK, "{labels:?}");
            assert!(l != HEAD_MORE || k > 0 && matches!(labels[k - 1], HEAD | HEAD_MORE), "{labels:?}");
        }
        assert!(labels.contains(&HEAD_MORE) && !matches!(labels.last(), Some(&HEAD) | Some(&HEAD_MORE)), "{labels:?}");
    }

    #[test]
    fn a_join_follows_body_text_and_never_opens_a_page() {
        let a = Automaton::new();
        let t = [[0.0; LABELS]; LABELS];
        let em = vec![one_hot(JOIN, 5.0), one_hot(JOIN, 5.0)];
        let labels = a.decode(&t, &em, &[ALL, ALL]);
        assert_ne!(labels[0], JOIN);
        assert_eq!(labels[1], JOIN);
    }

    #[test]
    fn text_that_announces_the_next_block_is_not_the_end_of_an_article() {
        let a = Automaton::new();
        let t = [[0.0; LABELS]; LABELS];
        // body text, a line ending in a colon that wants to be body, a headline, body
        let mut kicker = [-5.0; LABELS]; // a body line or a kicker, nothing else
        kicker[BODY] = 2.0;
        kicker[HEAD] = 1.0;
        let em = vec![one_hot(BODY, 5.0), kicker, one_hot(HEAD, 5.0), one_hot(BODY, 5.0)];
        let mut more = one_hot(HEAD, 5.0);
        more[HEAD_MORE] = 4.0;
        let em_more = vec![em[0], em[1], more, em[3]];
        assert_eq!(a.decode(&t, &em, &[ALL; 4]), vec![BODY, BODY, HEAD, BODY], "no flag: as the model says");
        let flagged = [ALL, ALL | LEADS_ON, ALL, ALL];
        assert_ne!(&a.decode(&t, &em, &flagged)[1..3], &[BODY, HEAD]);
        assert_eq!(a.decode(&t, &em_more, &flagged), vec![BODY, HEAD, HEAD_MORE, BODY], "the line is the kicker");
        assert!(leads_on("彭宝林：") && leads_on("世贸组织总干事—— ") && leads_on("最高检:") && !leads_on("他说。"));
    }

    #[test]
    fn allowed_labels_follow_markdown_wire_and_cuts() {
        assert_eq!(allowed_labels(2, false, true), HEADING_ONLY);
        assert_eq!(allowed_labels(0, true, false), WIRE_ONLY);
        assert_eq!(allowed_labels(0, false, false), ALL & !bit(JOIN));
    }

    #[test]
    fn emissions_add_known_features_and_the_bias() {
        let mut rows = FeatureMap::default();
        rows.insert("sh=heading".to_string(), one_hot(HEAD, 1.5));
        let m = Model { rows, transitions: [[0.0; LABELS]; LABELS], bias: one_hot(BODY, -1.0), common: BigramSet::default() };
        let e = m.emissions(["sh=heading", "unknown", "sh=heading"]);
        assert_eq!((e[HEAD], e[BODY], e[JOIN]), (3.0, -1.0, 0.0));
    }
}
