//! Dedupe's fingerprints and candidate counting (`newskit/dedupe/fingerprint.py`, `candidates.py` are the
//! Python front): winnowed n-gram hashes of many units of one concatenated matching text, and the
//! self-join of those postings on the hash that counts how many fingerprints each unit pair shares.
//!
//! Hash (the archive stores these; `fingerprint.FINGERPRINT` names the scheme): a polynomial over the n
//! code points (each plus one) modulo 2**64, finished with splitmix64's mixer.

pub const BASE: u64 = 0x9E37_79B9_7F4A_7C15 | 1;
pub const MIX1: u64 = 0xBF58_476D_1CE4_E5B9;
pub const MIX2: u64 = 0x94D0_49BB_1331_11EB;

fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(MIX1);
    h ^= h >> 27;
    h = h.wrapping_mul(MIX2);
    h ^ (h >> 31)
}

/// The hash of one n-gram.
pub fn ngram_hash(gram: &[u32]) -> u64 {
    mix(gram.iter().fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(c as u64 + 1)))
}

/// The hash of every n-gram of `codes` (`codes.len() - n + 1` values; n-grams may cross unit ends), by a
/// rolling update of the polynomial: exact modulo 2**64, so the same values as `ngram_hash` of each.
pub fn ngram_hashes(codes: &[u32], n: usize) -> Vec<u64> {
    if n == 0 || codes.len() < n {
        return Vec::new();
    }
    let top = (1..n).fold(1u64, |p, _| p.wrapping_mul(BASE)); // BASE**(n-1)
    let mut h = codes[..n].iter().fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(c as u64 + 1));
    let mut out = Vec::with_capacity(codes.len() - n + 1);
    out.push(mix(h));
    for i in n..codes.len() {
        h = h.wrapping_sub((codes[i - n] as u64 + 1).wrapping_mul(top)).wrapping_mul(BASE).wrapping_add(codes[i] as u64 + 1);
        out.push(mix(h));
    }
    out
}

/// Fingerprints of units: `(unit, hash)` rows sorted by unit then hash, unique; `counts[u]` per unit.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Postings {
    pub unit: Vec<u32>,
    pub hash: Vec<u64>,
    pub counts: Vec<i64>,
}

/// Winnowed fingerprints of every unit `ranges[u] = (start, end)` of `codes`: the smallest hash of every
/// `window` consecutive n-grams inside the unit (a unit with fewer n-grams keeps its smallest), as a set.
pub fn winnow(codes: &[u32], ranges: &[(usize, usize)], n: usize, window: usize) -> Postings {
    let w = window.max(1);
    let n = n.max(1);
    // One pass of hashes over all the text: a part's n-grams are its whole's, hashed once.
    let hashes = ngram_hashes(codes, n);
    let mut out = Postings { unit: Vec::new(), hash: Vec::new(), counts: vec![0; ranges.len()] };
    let mut kept: Vec<u64> = Vec::new();
    for (u, &(start, end)) in ranges.iter().enumerate() {
        let end = end.min(codes.len());
        if end < start + n {
            continue; // no n-gram inside the unit
        }
        let grams = &hashes[start..end + 1 - n];
        kept.clear();
        if grams.len() < w {
            kept.extend(grams.iter().min());
        } else {
            for win in grams.windows(w) {
                let m = *win.iter().min().expect("a window is not empty");
                if kept.last() != Some(&m) {
                    kept.push(m); // consecutive windows often keep the same n-gram
                }
            }
        }
        kept.sort_unstable();
        kept.dedup();
        out.counts[u] = kept.len() as i64;
        out.unit.extend(std::iter::repeat_n(u as u32, kept.len()));
        out.hash.extend_from_slice(&kept);
    }
    out
}

/// Unit pairs (a < b, sorted) with the number of live fingerprints they share, and each unit's live count.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counted {
    pub a: Vec<u32>,
    pub b: Vec<u32>,
    pub shared: Vec<u32>,
    pub live: Vec<i64>,
}

/// The self-join of postings on the hash. A hash held by more than `max_df` passages (distinct
/// `unit_group`s: a part and its whole are one printing) is a stock phrase: its postings are dropped.
/// `unit`/`hash` are sorted by unit (then hash), as `winnow` makes them; `units` is the number of units.
pub fn self_join(unit: &[u32], hash: &[u64], unit_group: &[i64], max_df: usize, units: usize) -> Counted {
    let mut rows: Vec<(u64, u32)> = hash.iter().copied().zip(unit.iter().copied()).collect();
    rows.sort_unstable(); // by hash, then unit: the order a stable sort by hash of unit-sorted rows gives
    let mut live = vec![0i64; units];
    let mut keys: Vec<u64> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let h = rows[i].0;
        let mut j = i + 1;
        while j < rows.len() && rows[j].0 == h {
            j += 1;
        }
        let run = &rows[i..j];
        let mut df = 0;
        let mut last_group = None;
        for &(_, u) in run {
            let g = unit_group[u as usize];
            if last_group != Some(g) {
                df += 1;
                last_group = Some(g);
            }
        }
        if df <= max_df {
            for (x, &(_, ua)) in run.iter().enumerate() {
                live[ua as usize] += 1;
                for &(_, ub) in &run[x + 1..] {
                    keys.push((ua as u64) << 32 | ub as u64);
                }
            }
        }
        i = j;
    }
    keys.sort_unstable();
    let mut out = Counted { live, ..Counted::default() };
    let mut k = 0;
    while k < keys.len() {
        let key = keys[k];
        let mut m = k + 1;
        while m < keys.len() && keys[m] == key {
            m += 1;
        }
        out.a.push((key >> 32) as u32);
        out.b.push(key as u32);
        out.shared.push((m - k) as u32);
        k = m;
    }
    out
}

/// `self_join` for a few units (lint's R201: some paragraphs of one article) given each unit's fingerprint
/// set: a hash is stock when its holders span more than `max_df` distinct groups, counted exactly.
/// Returns each unit's live count and the pairs `(a, b, shared)`, a < b, sorted.
pub fn small_join(prints: &[Vec<u64>], unit_group: &[i64], max_df: usize) -> (Vec<i64>, Vec<(u32, u32, u32)>) {
    // Sorted (hash, unit) rows instead of hash maps: a few thousand rows sort faster than they hash.
    let mut rows: Vec<(u64, u32)> = Vec::with_capacity(prints.iter().map(Vec::len).sum());
    for (u, hashes) in prints.iter().enumerate() {
        rows.extend(hashes.iter().map(|&h| (h, u as u32)));
    }
    rows.sort_unstable();
    rows.dedup(); // a set per unit
    let mut live = vec![0i64; prints.len()];
    let mut keys: Vec<u64> = Vec::new();
    let mut groups: Vec<i64> = Vec::new();
    for run in rows.chunk_by(|x, y| x.0 == y.0) {
        if run.len() > max_df {
            // more holders than max_df: stock only if they span more than max_df distinct groups
            groups.clear();
            groups.extend(run.iter().map(|&(_, u)| unit_group[u as usize]));
            groups.sort_unstable();
            groups.dedup();
            if groups.len() > max_df {
                continue;
            }
        }
        for (x, &(_, a)) in run.iter().enumerate() {
            live[a as usize] += 1;
            keys.extend(run[x + 1..].iter().map(|&(_, b)| (a as u64) << 32 | b as u64));
        }
    }
    keys.sort_unstable();
    let pairs = keys.chunk_by(|x, y| x == y).map(|k| ((k[0] >> 32) as u32, k[0] as u32, k.len() as u32)).collect();
    (live, pairs)
}

/// `small_join` over the units' matching texts (code points) instead of their fingerprint sets: each unit
/// winnowed on its own (n-grams never cross two units), as `keys.fingerprints` does one text.
pub fn small_join_texts(texts: &[Vec<u32>], unit_group: &[i64], n: usize, window: usize, max_df: usize)
                        -> (Vec<i64>, Vec<(u32, u32, u32)>) {
    let prints: Vec<Vec<u64>> = texts.iter().map(|codes| winnow(codes, &[(0, codes.len())], n, window).hash).collect();
    small_join(&prints, unit_group, max_df)
}

/// The matching-text fold (`newskit/dedupe/normalize.py`: NFKC, lower case, letters and digits only) of
/// the Basic Multilingual Plane as a table, learnt from Python's own fold (`unicodedata`) for the
/// characters texts bring: a text whose characters are all learnt folds here without a Python call per
/// character. A character that folds to several, or lies past the BMP, is left to Python.
pub struct Fold {
    table: Vec<u32>,
}

/// Table values that are no character: not learnt yet, folds to nothing, folds to several.
const UNKNOWN: u32 = u32::MAX;
const DROPPED: u32 = u32::MAX - 1;
const SEVERAL: u32 = u32::MAX - 2;
const PLANE: usize = 0x10000;

impl Default for Fold {
    fn default() -> Self {
        Fold { table: vec![UNKNOWN; PLANE] }
    }
}

impl Fold {
    /// Character `code` folds to `folded`.
    pub fn learn(&mut self, code: u32, folded: &[u32]) {
        if let Some(slot) = self.table.get_mut(code as usize) {
            *slot = match folded {
                [] => DROPPED,
                [c] if *c < SEVERAL => *c,
                _ => SEVERAL,
            };
        }
    }

    /// The distinct characters of `text` not learnt yet (in the BMP), in order of first appearance.
    pub fn unknown(&self, text: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for &c in text {
            if self.table.get(c as usize) == Some(&UNKNOWN) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// The matching text of `text`, and with `origin` the index in `text` each of its characters came from;
    /// None when a character is not learnt yet, folds to several or lies past the BMP.
    pub fn fold(&self, text: &[u32], mut origin: Option<&mut Vec<usize>>) -> Option<Vec<u32>> {
        let mut out = Vec::with_capacity(text.len());
        for (i, &c) in text.iter().enumerate() {
            match *self.table.get(c as usize)? {
                DROPPED => {}
                UNKNOWN | SEVERAL => return None,
                f => {
                    out.push(f);
                    if let Some(o) = origin.as_deref_mut() {
                        o.push(i);
                    }
                }
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn small_join_counts_live_shared_fingerprints() {
        // hash 7 is held by three groups (stock at max_df 2), hash 5 by units 0 and 2
        let prints = vec![vec![5, 7, 9], vec![7], vec![5, 7], vec![9, 1]];
        let (live, pairs) = small_join(&prints, &[0, 1, 2, 0], 2);
        assert_eq!(live, vec![2, 0, 1, 2]);
        assert_eq!(pairs, vec![(0, 2, 1), (0, 3, 1)]);
        let (live, pairs) = small_join(&prints, &[0, 1, 2, 0], 3);
        assert_eq!(live, vec![3, 1, 2, 2]);
        assert_eq!(pairs, vec![(0, 1, 1), (0, 2, 2), (0, 3, 1), (1, 2, 1)]);
    }

    #[test]
    fn the_fold_answers_only_what_it_has_learnt() {
        let mut fold = Fold::default();
        let text = codes("Ａ，b");
        assert_eq!(fold.fold(&text, None), None);
        assert_eq!(fold.unknown(&codes("Ａ，bＡ")), codes("Ａ，b"));
        fold.learn('Ａ' as u32, &codes("a"));
        fold.learn('，' as u32, &[]);
        fold.learn('b' as u32, &codes("b"));
        let mut origin = Vec::new();
        assert_eq!(fold.fold(&text, Some(&mut origin)), Some(codes("ab")));
        assert_eq!(origin, vec![0, 2]);
        fold.learn('ﬁ' as u32, &codes("fi"));
        assert_eq!(fold.fold(&codes("ﬁb"), None), None, "several characters: Python's");
        assert_eq!(fold.fold(&codes("\u{20000}"), None), None, "past the BMP: Python's");
        assert!(fold.unknown(&codes("ﬁ\u{20000}")).is_empty());
    }

    #[test]
    fn small_join_of_texts_winnows_each_unit_alone() {
        let texts: Vec<Vec<u32>> = ["城市书房开放时间", "书房开放时间延长", "天地人和"].iter().map(|s| codes(s)).collect();
        let prints: Vec<Vec<u64>> = texts.iter().map(|c| winnow(c, &[(0, c.len())], 3, 1).hash).collect();
        let groups = [0, 1, 2];
        assert_eq!(small_join_texts(&texts, &groups, 3, 1, 50), small_join(&prints, &groups, 50));
        let (_, pairs) = small_join_texts(&texts, &groups, 3, 1, 50);
        assert_eq!(pairs, vec![(0, 1, 4)]); // 书房开 房开放 开放时 放时间
    }

    #[test]
    fn a_part_has_a_subset_of_its_wholes_fingerprints() {
        let text = codes("市图书馆宣布推出夜间阅读服务读者下班后也能借阅图书");
        let p = winnow(&text, &[(0, text.len()), (5, 20), (0, 3)], 5, 4);
        let of = |u: u32| -> Vec<u64> { p.unit.iter().zip(&p.hash).filter(|(x, _)| **x == u).map(|(_, h)| *h).collect() };
        assert!(of(1).iter().all(|h| of(0).contains(h)));
        assert!(of(2).is_empty() && p.counts[2] == 0);
        assert_eq!(p.counts[0] as usize, of(0).len());
    }

    #[test]
    fn rolling_hashes_are_each_n_grams_own() {
        let text = codes("市图书馆宣布推出夜间阅读服务𝟘a1");
        for n in 1..6 {
            let want: Vec<u64> = text.windows(n).map(ngram_hash).collect();
            assert_eq!(ngram_hashes(&text, n), want);
        }
        assert!(ngram_hashes(&text[..2], 3).is_empty());
    }

    #[test]
    fn a_short_unit_keeps_its_smallest_n_gram() {
        let text = codes("城市书房亮灯");
        let p = winnow(&text, &[(0, 6)], 5, 4);
        let smallest = text.windows(5).map(ngram_hash).min().unwrap();
        assert_eq!(p.hash, vec![smallest]);
    }

    #[test]
    fn pairs_count_shared_live_fingerprints_and_drop_stock_phrases() {
        // units 0,1,2 in groups 0,1,2: hash 7 held by all three (stock at max_df 2), hash 9 by 0 and 1
        let unit = [0, 0, 1, 1, 2];
        let hash = [7, 9, 7, 9, 7];
        let c = self_join(&unit, &hash, &[0, 1, 2], 2, 3);
        assert_eq!((c.a, c.b, c.shared, c.live), (vec![0], vec![1], vec![1], vec![1, 1, 0]));
        let c = self_join(&unit, &hash, &[0, 1, 2], 3, 3);
        assert_eq!((c.a, c.b, c.shared), (vec![0, 0, 1], vec![1, 2, 2], vec![2, 1, 1]));
    }
}
