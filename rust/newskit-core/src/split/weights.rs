//! Both passes' feature weights packed for the tagger's hot path.
//!
//! A page asks the model about a million feature strings per 8 MB of text, and the models' hash maps (a
//! `String` key and a dense row of eight weights per feature, two maps) were too big to stay in the cache
//! beside a page's bigram tables: a lookup cost a cache miss on the bucket and another on the key. Here a
//! feature is one probe of a small slot array that holds its hash beside its entry number, its key is in
//! one byte arena, and its weights are only those the model kept (most features weigh one to three labels),
//! for both passes at once. The sums are the same as the dense rows' to the bit: a label crfsuite kept no
//! weight for would have added 0.0.
use std::hash::Hasher;

use super::decode::{FeatureHasher, FeatureMap, Row};

/// Where one pass's weights of a feature are in `FeatureTable::labels` / `weights`.
#[derive(Clone, Copy, Default, Debug)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    key_start: u32,
    key_len: u32,
    passes: [Span; 2],
}

/// A feature's weights in each pass, as (label, weight) lists.
#[derive(Clone, Copy)]
pub struct Found<'t> {
    table: &'t FeatureTable,
    entry: &'t Entry,
}

impl<'t> Found<'t> {
    /// Labels and weights of pass `pass` (0: the first, 1: the stacked second), in label order.
    pub fn weights(&self, pass: usize) -> impl Iterator<Item = (usize, f64)> + 't {
        let r = self.entry.passes[pass].range();
        let t = self.table;
        t.labels[r.clone()].iter().zip(&t.weights[r]).map(|(&l, &w)| (l as usize, w))
    }
}

#[derive(Default)]
pub struct FeatureTable {
    /// 0 when empty, else the feature's hash (high 32 bits) and its entry number plus one (low 32)
    slots: Vec<u64>,
    shift: u32,
    entries: Vec<Entry>,
    keys: Vec<u8>,
    labels: Vec<u8>,
    weights: Vec<f64>,
}

fn hash(key: &[u8]) -> u64 {
    let mut h = FeatureHasher::default();
    h.write(key);
    // Fx leaves its low bits weak: spread them before the slot takes the high ones
    h.finish().wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl FeatureTable {
    /// The features of the first pass's rows and, when there is one, the second's.
    pub fn new(first: &FeatureMap, second: Option<&FeatureMap>) -> Self {
        let mut names: Vec<&String> = first.keys().chain(second.into_iter().flat_map(|m| m.keys())).collect();
        names.sort_unstable();
        names.dedup();
        let bits = (usize::BITS - (2 * names.len().max(1)).leading_zeros()).max(4);
        let mut t = FeatureTable { slots: vec![0; 1 << bits], shift: 64 - bits, ..Default::default() };
        for name in names {
            let mut passes = [Span::default(); 2];
            for (pass, rows) in [Some(first), second].into_iter().enumerate() {
                if let Some(row) = rows.and_then(|m| m.get(name.as_str())) {
                    passes[pass] = t.push_row(row);
                }
            }
            let entry = Entry { key_start: t.keys.len() as u32, key_len: name.len() as u32, passes };
            t.keys.extend_from_slice(name.as_bytes());
            t.entries.push(entry);
            let h = hash(name.as_bytes());
            let mask = t.slots.len() - 1;
            let mut s = (h >> t.shift) as usize;
            while t.slots[s] != 0 {
                s = (s + 1) & mask;
            }
            t.slots[s] = (h & !0xffff_ffff) | t.entries.len() as u64;
        }
        t
    }

    fn push_row(&mut self, row: &Row) -> Span {
        let start = self.labels.len() as u32;
        for (label, &w) in row.iter().enumerate().filter(|(_, &w)| w != 0.0) {
            self.labels.push(label as u8);
            self.weights.push(w);
        }
        Span { start, len: self.labels.len() as u32 - start }
    }

    pub fn get(&self, feature: &str) -> Option<Found<'_>> {
        if self.entries.is_empty() {
            return None;
        }
        let key = feature.as_bytes();
        let h = hash(key);
        let mask = self.slots.len() - 1;
        let mut s = (h >> self.shift) as usize;
        loop {
            let slot = self.slots[s];
            if slot == 0 {
                return None;
            }
            if slot & !0xffff_ffff == h & !0xffff_ffff {
                let entry = &self.entries[(slot & 0xffff_ffff) as usize - 1];
                let at = entry.key_start as usize;
                if &self.keys[at..at + entry.key_len as usize] == key {
                    return Some(Found { table: self, entry });
                }
            }
            s = (s + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(rows: &[(&str, Row)]) -> FeatureMap {
        rows.iter().map(|(f, r)| (f.to_string(), *r)).collect()
    }

    #[test]
    fn a_feature_holds_each_pass_weights_the_model_kept() {
        let mut a = [0.0; 8];
        a[3] = 1.5;
        a[0] = -2.0;
        let mut b = [0.0; 8];
        b[7] = 0.25;
        let first = map(&[("sh=body", a), ("e2=——", b)]);
        let second = map(&[("c:lab=b", b), ("sh=body", b)]);
        let t = FeatureTable::new(&first, Some(&second));
        let found = |f: &str, pass: usize| t.get(f).map(|x| x.weights(pass).collect::<Vec<_>>());
        assert_eq!(found("sh=body", 0), Some(vec![(0, -2.0), (3, 1.5)]));
        assert_eq!(found("sh=body", 1), Some(vec![(7, 0.25)]));
        assert_eq!(found("c:lab=b", 0), Some(vec![]), "a second-pass feature weighs nothing in the first");
        assert_eq!(found("e2=——", 1), Some(vec![]));
        assert_eq!(found("sh=bod", 0), None);
        assert_eq!(found("", 0), None);
        assert!(FeatureTable::new(&FeatureMap::default(), None).get("sh=body").is_none());
    }

    #[test]
    fn every_feature_of_a_big_table_is_found_and_no_other() {
        let rows: Vec<(String, Row)> = (0..5000).map(|i| (format!("x2={i}"), [i as f64; 8])).collect();
        let first: FeatureMap = rows.iter().cloned().collect();
        let t = FeatureTable::new(&first, None);
        for (f, r) in &rows {
            let w: Vec<(usize, f64)> = t.get(f).expect("a model feature is found").weights(0).collect();
            let dense: Vec<(usize, f64)> = r.iter().copied().enumerate().filter(|(_, w)| *w != 0.0).collect();
            assert_eq!(w, dense);
        }
        assert!((5000..6000).all(|i| t.get(&format!("x2={i}")).is_none()));
    }
}
