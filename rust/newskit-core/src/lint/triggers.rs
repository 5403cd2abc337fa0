//! One scan per text for every rule's trigger: a rule whose trigger is absent from a text skips it.
//!
//! A trigger is a pattern every text holding one of the rule's findings matches, with the characters one of
//! which every match holds (its key characters: `[,:;!?()]` for P101, `》` for `》、《`). The scan is one pass
//! over the text's code points that looks each one up in a bitmap of all key characters; only a trigger
//! whose key character occurs is then confirmed with its `regex` (linear time, no backtracking), unless the
//! text holds none of the character pairs every match of the trigger opens with. Patterns that need
//! look-around or backreferences stay in Python.

use regex::{Regex, RegexSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Class, Hir, HirKind};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::lint::chars::{code_points, FxBuild};

/// Whether a character can index the BMP tables of the opening pairs and the literal plans: not astral, and
/// not U+FFFD, which also stands for a lone surrogate in the UTF-8 the regex reads.
fn indexable(c: u32) -> bool {
    c < 0x10000 && c != 0xfffd
}

/// Key characters are looked up once per occurrence in the text: a multiplicative hash, not SipHash.
#[derive(Default)]
struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, c: u32) {
        self.0 = u64::from(c).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type CharMap = HashMap<u32, u64, BuildHasherDefault<CharHasher>>;

/// Whether `pattern` matches exactly the texts holding one of `keys`: a single character class (or one
/// character) made of the key characters. Such a trigger needs no regex once its key is seen.
fn matches_its_keys(hir: &Hir, keys: &str) -> bool {
    let keys: BTreeSet<u32> = keys.chars().map(|c| c as u32).collect();
    let chars: BTreeSet<u32> = match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let size: u32 = class.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            if size as usize != keys.len() {
                return false;
            }
            class.ranges().iter().flat_map(|r| r.start() as u32..=r.end() as u32).collect()
        }
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) if s.chars().count() == 1 => s.chars().map(|c| c as u32).collect(),
            _ => return false,
        },
        _ => return false,
    };
    chars == keys
}

/// The first two characters of each literal that every match of `pattern` starts with (its prefix literals,
/// as `regex` finds them for its own prefilter), or None: a match may start otherwise, or with a one-character
/// literal. A text holding none of these pairs holds no match, which a pass over its code points tells without
/// its UTF-8 or the regex (W102's `悄悄的把` family wakes on every text holding 的 and matches almost none).
fn opening_pairs(hir: &Hir) -> Option<Vec<(u32, u32)>> {
    let seq = Extractor::new().extract(hir);
    let literals = seq.literals().filter(|l| !l.is_empty())?;
    literals
        .iter()
        .map(|literal| {
            let bytes = literal.as_bytes();
            // a literal cut by the extractor's length limit may end inside a character: its whole ones count
            let whole = std::str::from_utf8(bytes).unwrap_or_else(|e| std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""));
            let mut chars = whole.chars();
            Some((chars.next()? as u32, chars.next()? as u32))
        })
        .collect()
}

/// How the dump can answer a trigger from literal searches over its code points instead of the one-pass set,
/// whose automaton reads every byte of the dump's UTF-8: the trigger's alternatives that are plain literals, and
/// the others, each a concatenation holding a literal within a bounded reach, whose regex reads only windows
/// around that literal's occurrences. P103's lone `…` (`(?:^|[^…])…(?:$|[^…])`) alone was half of the P and S
/// rules' dump set.
#[derive(Debug)]
struct LiteralPlan {
    literals: Vec<Vec<u32>>,
    around: Vec<Around>,
}

/// One alternative of a `LiteralPlan`: every match holds one of `needles` and is at most `reach` characters
/// long.
#[derive(Debug)]
struct Around {
    regex: Regex,
    needles: Vec<Vec<u32>>,
    reach: usize,
}

fn literal_plan(hir: &Hir) -> Option<LiteralPlan> {
    let alternatives = match hir.kind() {
        HirKind::Alternation(alternatives) => alternatives.clone(),
        _ => vec![hir.clone()],
    };
    let cps = |bytes: &[u8]| std::str::from_utf8(bytes).ok().map(code_points);
    let (mut literals, mut around) = (Vec::new(), Vec::new());
    for alternative in alternatives {
        match alternative.kind() {
            HirKind::Literal(literal) => literals.push(cps(&literal.0)?),
            HirKind::Concat(parts) => {
                // the part whose words are longest (the rarer windows): W102's `(?:悄悄|默默|…)的[把被…]` reads
                // around its adverbs, not around every 的
                let needles = parts
                    .iter()
                    .filter_map(|part| match part.kind() {
                        HirKind::Literal(literal) => Some(vec![cps(&literal.0)?]),
                        HirKind::Alternation(words) => words
                            .iter()
                            .map(|word| match word.kind() {
                                HirKind::Literal(literal) => cps(&literal.0),
                                _ => None,
                            })
                            .collect(),
                        _ => None,
                    })
                    .rev()
                    .max_by_key(|words: &Vec<Vec<u32>>| words.iter().map(Vec::len).min())?;
                let reach = max_chars(&alternative)?;
                around.push(Around { regex: Regex::new(&alternative.to_string()).ok()?, needles, reach });
            }
            _ => return None,
        }
    }
    plan_of(literals, around)
}

/// A trigger no literal plan covers whose matches are bounded in length (`(?:3[01]|29|30|三十一?|二十九)[日号]`,
/// the dates, weekdays and years): every match holds one of its key characters, so its regex reads only
/// windows around their occurrences. These were what kept the full rule set's dump on the one-pass set.
fn key_plan(hir: &Hir, pattern: &str, keys: &str) -> Option<LiteralPlan> {
    let reach = max_chars(hir)?;
    let needles = keys.chars().map(|c| vec![c as u32]).collect();
    plan_of(Vec::new(), vec![Around { regex: Regex::new(pattern).ok()?, needles, reach }])
}

/// The most characters a match of `hir` holds (None: unbounded). `maximum_len` counts bytes, three times as
/// many as characters in Chinese text, and the windows read would be three times as long.
fn max_chars(hir: &Hir) -> Option<usize> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(literal) => Some(String::from_utf8_lossy(&literal.0).chars().count()),
        HirKind::Class(_) => Some(1),
        HirKind::Repetition(repetition) => max_chars(&repetition.sub)?.checked_mul(repetition.max? as usize),
        HirKind::Capture(capture) => max_chars(&capture.sub),
        HirKind::Concat(parts) => parts.iter().try_fold(0usize, |sum, part| sum.checked_add(max_chars(part)?)),
        HirKind::Alternation(parts) => parts.iter().try_fold(0usize, |most, part| Some(most.max(max_chars(part)?))),
    }
}

fn plan_of(literals: Vec<Vec<u32>>, around: Vec<Around>) -> Option<LiteralPlan> {
    for word in literals.iter().chain(around.iter().flat_map(|a| &a.needles)) {
        // the first character is a slot of `PlanIndex`; no character may be U+FFFD
        if word.first().is_none_or(|&c| !indexable(c)) || word.contains(&0xfffd) {
            return None;
        }
    }
    Some(LiteralPlan { literals, around })
}

/// The literals and needles of every planned trigger by first character, so that one pass over a dump's code
/// points tries at each position only the words that start with its character.
#[derive(Debug)]
struct PlanIndex {
    /// BMP code point -> its slot in `words` (0: no word starts with it)
    slot: Vec<u16>,
    words: Vec<Vec<PlanWord>>,
    /// (trigger, index in its plan's `around`) of every windowed alternative
    arounds: Vec<(usize, usize)>,
}

#[derive(Debug)]
struct PlanWord {
    k: usize,
    word: Vec<u32>,
    /// a needle's alternative (index into `arounds`), or None for a literal
    around: Option<usize>,
}

impl PlanIndex {
    /// None when the words start with more distinct characters than a slot can number.
    fn new(plans: &[Option<LiteralPlan>]) -> Option<PlanIndex> {
        let mut index = PlanIndex { slot: vec![0; 0x10000], words: vec![Vec::new()], arounds: Vec::new() };
        for (k, plan) in plans.iter().enumerate() {
            let Some(plan) = plan else { continue };
            for word in &plan.literals {
                index.add(PlanWord { k, word: word.clone(), around: None })?;
            }
            for (j, around) in plan.around.iter().enumerate() {
                index.arounds.push((k, j));
                for needle in &around.needles {
                    index.add(PlanWord { k, word: needle.clone(), around: Some(index.arounds.len() - 1) })?;
                }
            }
        }
        Some(index)
    }

    fn add(&mut self, word: PlanWord) -> Option<()> {
        let c = word.word[0] as usize; // below 0x10000 (`literal_plan`)
        if self.slot[c] == 0 {
            self.slot[c] = u16::try_from(self.words.len()).ok()?;
            self.words.push(Vec::new());
        }
        self.words[self.slot[c] as usize].push(word);
        Some(())
    }

    /// Which of the triggers `wanted` (all with plans in `plans`) `text` (code points) holds a match of.
    fn matches(&self, plans: &[Option<LiteralPlan>], wanted: u64, text: &[u32]) -> u64 {
        let mut matched = 0u64;
        let mut needles = vec![Vec::new(); self.arounds.len()];
        for (i, &c) in text.iter().enumerate() {
            let slot = match self.slot.get(c as usize) {
                Some(&slot) if slot != 0 => slot as usize,
                _ => continue,
            };
            let rest = &text[i..];
            for w in &self.words[slot] {
                let bit = 1u64 << w.k;
                let n = w.word.len();
                if wanted & !matched & bit == 0 || rest.len() < n || (n > 1 && rest[1] != w.word[1]) || rest[2.min(n)..n] != w.word[2.min(n)..] {
                    continue;
                }
                match w.around {
                    None if matched | bit == wanted => return wanted,
                    None => matched |= bit,
                    Some(a) => needles[a].push(i),
                }
            }
        }
        for (&(k, j), found) in self.arounds.iter().zip(&needles) {
            let bit = 1u64 << k;
            if wanted & !matched & bit != 0 && plans[k].as_ref().is_some_and(|plan| plan.around[j].is_match(text, found)) {
                matched |= bit;
            }
        }
        matched
    }
}

/// Windows are read a few KB at a time, one `is_match` each: a regex call per window cost more than the windows.
const WINDOWS_CHUNK: usize = 4096;

impl Around {
    /// `regex.is_match` of `text`, read in windows around the needles' occurrences `found` (every one, in
    /// order), written one after another with U+FFFD between them. A match holds an occurrence and is at most
    /// `reach` long, so it lies inside that occurrence's window, clear of its edges: so no match of the windows
    /// touches a cut edge, and the regex's anchors and boundaries read a window as they read the text. No
    /// needle holds U+FFFD (`plan_of`), so none is made by joining two windows.
    fn is_match(&self, text: &[u32], found: &[usize]) -> bool {
        let (n, reach) = (self.needles.iter().map(Vec::len).max().unwrap_or(0), self.reach);
        let mut windows = String::new();
        let mut k = 0;
        while k < found.len() {
            let start = found[k].saturating_sub(reach);
            let mut end = found[k] + n + reach;
            k += 1;
            while k < found.len() && found[k].saturating_sub(reach) <= end {
                end = found[k] + n + reach;
                k += 1;
            }
            if !windows.is_empty() {
                windows.push('\u{fffd}');
            }
            windows.extend(text[start..end.min(text.len())].iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')));
            if windows.len() >= WINDOWS_CHUNK || k == found.len() {
                if self.regex.is_match(&windows) {
                    return true;
                }
                windows.clear();
            }
        }
        false
    }
}

/// At most this many triggers: a text's answer is one `u64`, a bit per trigger.
pub const MAX_TRIGGERS: usize = 64;

#[derive(Debug)]
pub struct Triggers {
    patterns: Vec<Regex>,
    /// the triggers (not exact) asked about the dumps of this page and of the one before, and the one-pass
    /// set made from the page before's (`dump_set`)
    asked: Mutex<Asked>,
    pages: AtomicU64,
    dump_set: Mutex<Option<DumpSet>>,
    sets_made: AtomicU64,
    /// the triggers that hold wherever one of their key characters occurs (no regex to run)
    exact: u64,
    /// astral key character -> the triggers it may start
    astral: CharMap,
    /// BMP code point -> its slot in `masks` (0: no key character), so a character costs two loads
    slot: Vec<u16>,
    /// slot -> the triggers its key character may start (slot 0: none)
    masks: Vec<u64>,
    /// per trigger whose every match starts with one of a few pairs of characters (`opening_pairs`): a bit per
    /// BMP code point that starts one of them, then one per code point that ends one (a pair is looked up only
    /// when both bits are set); the pairs of all such triggers (`pair_key`s)
    opening_bits: Vec<Option<Box<[u64]>>>,
    opening: HashSet<u64, FxBuild>,
    /// per trigger, how the dump answers it from literal searches, if it can (`literal_plan`)
    plans: Vec<Option<LiteralPlan>>,
    /// the triggers with a plan, and their words by first character
    planned: u64,
    plan_index: PlanIndex,
}

/// Words of a bitmap over the BMP.
const BMP_WORDS: usize = 0x10000 / 64;

/// Trigger `k`'s opening pair `a b` as one key.
fn pair_key(k: usize, a: u32, b: u32) -> u64 {
    (k as u64) << 42 | u64::from(a) << 21 | u64::from(b)
}

impl Triggers {
    /// `triggers` are (pattern, key characters) pairs; every match of a pattern must hold a key character.
    pub fn new(triggers: &[(String, String)]) -> Result<Triggers, String> {
        if triggers.len() > MAX_TRIGGERS {
            return Err(format!("{} triggers; at most {MAX_TRIGGERS}", triggers.len()));
        }
        let mut patterns = Vec::with_capacity(triggers.len());
        let mut astral = CharMap::default();
        let mut exact = 0u64;
        let mut slot = vec![0u16; 0x10000];
        let mut masks = vec![0u64];
        let mut openings = Vec::new();
        let mut plans: Vec<Option<LiteralPlan>> = Vec::with_capacity(triggers.len());
        for (k, (pattern, chars)) in triggers.iter().enumerate() {
            patterns.push(Regex::new(pattern).map_err(|e| e.to_string())?);
            if chars.is_empty() {
                return Err(format!("trigger {pattern:?} has no key characters"));
            }
            // the pattern's syntax, parsed once for what the scan may skip (`regex` compiled it above)
            let hir = regex_syntax::Parser::new().parse(pattern).ok();
            if hir.as_ref().is_some_and(|h| matches_its_keys(h, chars)) {
                exact |= 1u64 << k;
                plans.push(None);
            } else {
                if let Some(pairs) = hir.as_ref().and_then(opening_pairs) {
                    openings.push((k, pairs));
                }
                plans.push(hir.as_ref().and_then(|h| literal_plan(h).or_else(|| key_plan(h, pattern, chars))));
            }
            for c in chars.chars() {
                let c = c as u32;
                if c >= 0x10000 {
                    *astral.entry(c).or_default() |= 1u64 << k;
                    continue;
                }
                if slot[c as usize] == 0 {
                    slot[c as usize] = u16::try_from(masks.len()).map_err(|_| "more than 65535 key characters")?;
                    masks.push(0);
                }
                masks[slot[c as usize] as usize] |= 1u64 << k;
            }
        }
        let mut opening_bits: Vec<Option<Box<[u64]>>> = vec![None; triggers.len()];
        let mut opening = HashSet::default();
        for (k, pairs) in openings {
            // a trigger with an opening character the bitmaps cannot hold is never ruled out by its pairs
            if pairs.iter().any(|&(a, b)| !indexable(a) || !indexable(b)) {
                continue;
            }
            let mut starts = vec![0u64; 2 * BMP_WORDS].into_boxed_slice();
            for (a, b) in pairs {
                starts[a as usize / 64] |= 1u64 << (a % 64);
                starts[BMP_WORDS + b as usize / 64] |= 1u64 << (b % 64);
                opening.insert(pair_key(k, a, b));
            }
            opening_bits[k] = Some(starts);
        }
        let (planned, plan_index) = match PlanIndex::new(&plans) {
            Some(index) => (plans.iter().enumerate().filter(|(_, p)| p.is_some()).fold(0u64, |m, (k, _)| m | 1u64 << k), index),
            None => (0, PlanIndex::new(&[]).expect("an empty index")),
        };
        Ok(Triggers { patterns, exact, astral, slot, masks, opening_bits, opening, plans, planned, plan_index,
                      asked: Mutex::new(Asked::default()),
                      pages: AtomicU64::new(0), dump_set: Mutex::new(None), sets_made: AtomicU64::new(0) })
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The triggers whose key characters occur in `text` (a superset of those that match).
    pub fn candidates(&self, text: &[u32]) -> u64 {
        let mut mask = 0u64;
        for &c in text {
            mask |= match self.slot.get(c as usize) {
                Some(&slot) => self.masks[slot as usize],
                None => self.astral.get(&c).copied().unwrap_or(0),
            };
        }
        mask
    }

    /// Whether `text` may hold trigger `k` as far as its opening pairs tell (always, for a trigger without them).
    pub fn may_open(&self, text: &[u32], k: usize) -> bool {
        let Some(bits) = &self.opening_bits[k] else { return true };
        let (starts, ends) = bits.split_at(BMP_WORDS);
        let has = |half: &[u64], c: u32| c < 0x10000 && half[(c as usize >> 6) & (BMP_WORDS - 1)] >> (c & 63) & 1 == 1;
        text.windows(2).any(|w| has(starts, w[0]) && has(ends, w[1]) && self.opening.contains(&pair_key(k, w[0], w[1])))
    }

    /// Bit `k` is set when trigger `k` occurs in `text` (code points).
    pub fn mask(&self, text: &[u32]) -> u64 {
        let candidates = self.candidates(text);
        let to_confirm = candidates & !self.exact;
        if to_confirm == 0 {
            return candidates;
        }
        let utf8 = utf8(text);
        (0..self.patterns.len())
            .filter(|&k| to_confirm >> k & 1 == 1 && self.patterns[k].is_match(&utf8))
            .fold(candidates & self.exact, |mask, k| mask | (1u64 << k))
    }
}

/// The triggers a page's rules ask about its dump, confirmed in one pass (`RegexSet`: what each pattern's
/// `is_match` answers, the dump read once instead of once per trigger). Made from the triggers asked on
/// earlier pages (the same rules ask the same triggers of every page), so a one-page run never pays to
/// compile it.
#[derive(Debug)]
struct DumpSet {
    mask: u64,
    set: Arc<RegexSet>,
    /// the trigger of each pattern of the set
    ks: Vec<usize>,
}

/// Which triggers were asked about a dump: on page `page` so far, and on the page before it.
#[derive(Debug, Default)]
struct Asked {
    page: u64,
    current: u64,
    previous: u64,
}

/// Dump sets made at most (the asked triggers settle after the first page; a run whose rules kept asking
/// new ones falls back to one regex per trigger).
const MAX_DUMP_SETS: u64 = 4;

impl Triggers {
    /// Page `page` asked about trigger `bit` of its dump.
    fn note_ask(&self, page: u64, bit: u64) {
        let mut asked = self.asked.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if asked.page != page {
            asked.previous = if asked.page + 1 == page { asked.current } else { 0 };
            (asked.page, asked.current) = (page, 0);
        }
        asked.current |= bit;
    }

    /// The triggers the page before `page` asked about its dump.
    fn asked_before(&self, page: u64) -> u64 {
        let a = self.asked.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if a.page + 1 == page { a.current } else if a.page == page { a.previous } else { 0 }
    }

    /// The one-pass set for the triggers `asked`, made now if they changed (None: fewer than two, or too many
    /// sets made already).
    fn dump_set(&self, asked: u64) -> Option<(u64, Arc<RegexSet>, Vec<usize>)> {
        if asked.count_ones() < 2 {
            return None;
        }
        let mut known = self.dump_set.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if known.as_ref().is_none_or(|d| d.mask != asked) {
            if self.sets_made.fetch_add(1, Ordering::Relaxed) >= MAX_DUMP_SETS {
                return known.as_ref().map(|d| (d.mask, d.set.clone(), d.ks.clone()));
            }
            let ks: Vec<usize> = (0..self.patterns.len()).filter(|&k| asked >> k & 1 == 1).collect();
            let set = RegexSet::new(ks.iter().map(|&k| self.patterns[k].as_str())).ok()?;
            *known = Some(DumpSet { mask: asked, set: Arc::new(set), ks });
        }
        known.as_ref().map(|d| (d.mask, d.set.clone(), d.ks.clone()))
    }
}

/// The UTF-8 of code points (a lone surrogate becomes U+FFFD), its room reserved once.
fn utf8(text: &[u32]) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    out.extend(text.iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')));
    out
}

/// One page's texts against a trigger set, confirmed lazily: the key characters of every text are found in
/// one pass at the start, but a trigger's regex runs on a text only when a rule asks for that trigger, and
/// on no text at all when the page itself lacks it. A run of a few rules (the P and S families) then pays
/// for their triggers only.
pub struct PageScan {
    /// the page's texts, as code points; the UTF-8 made on first confirmation
    texts: Vec<Vec<u32>>,
    utf8: Vec<Option<String>>,
    /// per text: the triggers whose key characters occur, the triggers decided so far, and those present
    candidates: Vec<u64>,
    decided: Vec<u64>,
    present: Vec<u64>,
    /// whether the dump (text 0) was confirmed against the dump set already; this page's number
    dump_set_run: bool,
    page: u64,
}

impl PageScan {
    pub fn new(triggers: &Triggers, texts: Vec<Vec<u32>>) -> PageScan {
        let candidates: Vec<u64> = texts.iter().map(|t| triggers.candidates(t)).collect();
        // A candidate of an exact trigger is present; a trigger without candidates is absent.
        let decided = candidates.iter().map(|&c| !c | triggers.exact).collect();
        let present = candidates.iter().map(|&c| c & triggers.exact).collect();
        let utf8 = vec![None; texts.len()];
        let page = triggers.pages.fetch_add(1, Ordering::Relaxed) + 1;
        PageScan { texts, utf8, candidates, decided, present, dump_set_run: false, page }
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Text `t`'s code points (other kernels read the page's texts from here: they are converted once).
    pub fn text(&self, t: usize) -> &[u32] {
        &self.texts[t]
    }

    /// Whether trigger `k` of `triggers` (the set this scan was made with) occurs in text `text`.
    pub fn holds(&mut self, triggers: &Triggers, text: usize, k: usize) -> bool {
        let bit = 1u64 << k;
        if text == 0 && triggers.exact & bit == 0 {
            triggers.note_ask(self.page, bit); // every ask, decided or not: the next page's set needs them all
            if !self.dump_set_run && self.decided[0] & bit == 0 {
                self.dump_set_run = true;
                self.confirm_dump(triggers);
            }
        }
        if text == 0 && self.decided[0] & bit == 0 && triggers.planned & bit != 0 {
            // the dump answers from literal searches, without its UTF-8
            self.present[0] |= triggers.plan_index.matches(&triggers.plans, bit, &self.texts[0]);
            self.decided[0] |= bit;
        }
        if self.decided[text] & bit == 0 {
            if self.utf8[text].is_none() && !triggers.may_open(&self.texts[text], k) {
                self.decided[text] |= bit; // no match can start in it: absent, without its UTF-8
                return false;
            }
            let utf8 = self.utf8[text].get_or_insert_with(|| utf8(&self.texts[text]));
            if triggers.patterns[k].is_match(utf8) {
                self.present[text] |= bit;
            }
            self.decided[text] |= bit;
        }
        self.present[text] & bit != 0
    }

    /// Decide every undecided trigger the page before asked about in two passes over the dump at most: the
    /// triggers with a literal plan in one pass over its code points (no UTF-8), the others with the dump set.
    fn confirm_dump(&mut self, triggers: &Triggers) {
        let asked = triggers.asked_before(self.page);
        let planned = asked & triggers.planned & !self.decided[0];
        if planned != 0 {
            self.present[0] |= triggers.plan_index.matches(&triggers.plans, planned, &self.texts[0]);
            self.decided[0] |= planned;
        }
        if (asked & !self.decided[0]).count_ones() < 2 {
            return; // one regex is as fast as the set
        }
        let Some((_, set, ks)) = triggers.dump_set(asked & !triggers.planned) else { return };
        let utf8 = self.utf8[0].get_or_insert_with(|| utf8(&self.texts[0]));
        let matched = set.matches(utf8);
        for (j, &k) in ks.iter().enumerate() {
            let bit = 1u64 << k;
            if self.decided[0] & bit == 0 {
                if matched.matched(j) {
                    self.present[0] |= bit;
                }
                self.decided[0] |= bit;
            }
        }
    }

    /// The texts from `first` on that hold trigger `k`, in order.
    pub fn holding(&mut self, triggers: &Triggers, k: usize, first: usize) -> Vec<usize> {
        (first..self.texts.len()).filter(|&t| self.candidates[t] >> k & 1 == 1 && self.holds(triggers, t, k)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    fn hir(pattern: &str) -> Hir {
        regex_syntax::Parser::new().parse(pattern).unwrap()
    }

    fn triggers(specs: &[(&str, &str)]) -> Triggers {
        Triggers::new(&specs.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn later_pages_confirm_their_dump_in_one_pass_with_the_same_answers() {
        let t = triggers(&[("(?:^|[^…])…(?:$|[^…])|\\.\\.\\.", "…."), ("[〇一二三]+年", "年"), ("--|——", "-—"),
                           ("[,:;]", ",:;"), ("[（(] *续", "（("), ("[〇一二三]年", "年")]);
        let pages = ["第一段…第二段--（ 续", "二〇二〇年……", "……1.5年(续", "3...5 一年—— ", "无"];
        for round in 0..3 {
            for page in pages {
                let mut scan = PageScan::new(&t, vec![code_points(page)]);
                for k in [0, 1, 2, 4, 5] {
                    let want = t.patterns[k].is_match(page);
                    assert_eq!(scan.holds(&t, 0, k), want, "round {round}, {page:?}, trigger {k}");
                }
            }
        }
        assert_eq!(t.planned, 0b100101, "literal plans, and key windows for the bounded year");
        assert!(t.dump_set.lock().unwrap().as_ref().is_some_and(|d| d.mask == 0b10010), "the later pages used a dump set for the rest");
        assert_eq!(t.sets_made.load(Ordering::Relaxed), 1, "made once: every page asks the same triggers");
    }

    #[test]
    fn a_bit_per_trigger_present() {
        let t = triggers(&[("[,:;!?()]", ",:;!?()"), ("》、《", "》"), ("[０-９]", "０１２３４５６７８９")]);
        assert_eq!(t.mask(&code_points("本报讯(记者)")), 0b001);
        assert_eq!(t.mask(&code_points("《甲》、《乙》，１２")), 0b110);
        assert_eq!(t.mask(&code_points("《甲》《乙》")), 0); // the key character alone is not the trigger
        assert_eq!(t.mask(&code_points("干净的一段。")), 0);
    }

    #[test]
    fn single_classes_of_their_keys_need_no_regex() {
        assert!(matches_its_keys(&hir("[,:;!?()]"), ",:;!?()"));
        assert!(matches_its_keys(&hir("[ \\t\u{a0}]"), " \t\u{a0}"));
        assert!(matches_its_keys(&hir("的"), "的"));
        assert!(matches_its_keys(&hir("[０-９]"), "０１２３４５６７８９"));
        assert!(!matches_its_keys(&hir("[０-９]"), "０１２"));
        assert!(!matches_its_keys(&hir("显的"), "显"));
        assert!(!matches_its_keys(&hir("》、《"), "》"));
        assert!(!matches_its_keys(&hir("[a-z]"), "abc"));
        let t = triggers(&[("[,:;!?()]", ",:;!?()"), ("的", "的"), ("显的", "显")]);
        assert_eq!(t.exact, 0b011);
        assert_eq!(t.mask(&code_points("显得好,的")), 0b011);
        assert_eq!(t.mask(&code_points("显的")), 0b110);
    }

    #[test]
    fn a_page_scan_answers_like_mask() {
        let t = triggers(&[("[,:;!?()]", ",:;!?()"), ("》、《", "》"), ("显的", "显"), ("的", "的")]);
        let texts = ["本报讯(记者)", "《甲》、《乙》", "《甲》《乙》显得", "显的", ""];
        let mut scan = PageScan::new(&t, texts.iter().map(|s| code_points(s)).collect());
        for k in 0..4 {
            for (i, text) in texts.iter().enumerate() {
                assert_eq!(scan.holds(&t, i, k), t.mask(&code_points(text)) >> k & 1 == 1, "{k} {text}");
            }
        }
        let mut fresh = PageScan::new(&t, texts.iter().map(|s| code_points(s)).collect());
        assert_eq!(fresh.holding(&t, 1, 1), vec![1]);
        assert_eq!(fresh.holding(&t, 2, 0), vec![3]);
        assert_eq!(fresh.holding(&t, 3, 0), vec![3]);
        assert_eq!(fresh.len(), 5);
    }

    #[test]
    fn opening_pairs_are_the_first_two_characters_of_every_prefix_literal() {
        let pairs = opening_pairs(&hir("(?:悄悄|默默)的[把被]")).unwrap();
        assert!(pairs.contains(&('悄' as u32, '悄' as u32)) && pairs.contains(&('默' as u32, '默' as u32)));
        assert!(pairs.iter().all(|p| [('悄' as u32, '悄' as u32), ('默' as u32, '默' as u32)].contains(p)));
        assert_eq!(opening_pairs(&hir("显的(?:很|非常)")), Some(vec![('显' as u32, '的' as u32); 2]));
        assert_eq!(opening_pairs(&hir("(?:^|[^…])…")), None, "a match may start with any character");
        assert_eq!(opening_pairs(&hir("[０-９]")), None, "one-character literals");
        assert_eq!(opening_pairs(&hir("a?bc")), Some(vec![('a' as u32, 'b' as u32), ('b' as u32, 'c' as u32)]), "`abc` or `bc`");
        assert_eq!(opening_pairs(&hir("[a-z]+x")), None);
    }

    /// A small deterministic generator (no dependency): texts of a few pieces each, so that matches occur.
    fn texts_over(pieces: &[&str], n: usize, seed: u64) -> Vec<String> {
        let mut x = seed;
        let mut next = move || {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            x
        };
        (0..n)
            .map(|_| {
                let len = (next() >> 59) as usize;
                (0..len).map(|_| pieces[(next() >> 33) as usize % pieces.len()]).collect()
            })
            .collect()
    }

    #[test]
    fn texts_ruled_out_by_their_opening_pairs_are_the_ones_the_regex_rejects() {
        let specs = [("(?:悄悄|默默|不断)的(?:[把被将])", "的"), ("显的(?:很|非常)", "显"), ("截止(?:[0-9]{1,4}年|今年)", "截"),
                     ("(?:3[01]|29|三十一?)[日号]", "日号"), ("a?bc", "c"), ("(?:^|[^c])c", "c")];
        let t = triggers(&specs);
        let with_openings: Vec<bool> = t.opening_bits.iter().map(Option::is_some).collect();
        assert_eq!(with_openings, [true, true, true, true, true, false], "each but the last has opening pairs");
        let pieces = ["悄", "悄悄", "默默", "不断", "的", "把", "被", "显", "显的", "很", "非常", "截止", "20", "1", "9", "年", "今年",
                      "三十", "一", "日", "号", "a", "b", "c", "，"];
        let texts = texts_over(&pieces, 4000, 7);
        let mut scan = PageScan::new(&t, texts.iter().map(|s| code_points(s)).collect());
        let mut held = [0usize; 6];
        for (k, held) in held.iter_mut().enumerate() {
            for (i, text) in texts.iter().enumerate() {
                let want = t.patterns[k].is_match(text);
                assert_eq!(scan.holds(&t, i, k), want, "trigger {k} on {text:?}");
                *held += usize::from(want);
            }
        }
        assert!(held.iter().all(|&n| n > 0), "every trigger matches some texts: {held:?}");
    }

    #[test]
    fn literal_plans_answer_as_the_regex_does() {
        let patterns = [r"(?:^|[^…])…(?:$|[^…])|\.\.\.|。。。|⋯|···", "--|－－|―|— |———", "，，|、、|。。", "》、《", r"\ba…b", "截止(?:[0-9]{1,4}年|今年)",
                        "x(?:^|y)…$", "(?:悄悄|默默)的[把被]"];
        let plans: Vec<Option<LiteralPlan>> = patterns.iter().map(|p| Some(literal_plan(&hir(p)).unwrap_or_else(|| panic!("{p} has a plan")))).collect();
        let index = PlanIndex::new(&plans).unwrap();
        assert!(literal_plan(&hir("(?:3[01]|29)[日号]")).is_none(), "no literal in the concatenation");
        let adverbs = literal_plan(&hir("(?:悄悄|默默)的[把被]")).unwrap();
        assert_eq!(adverbs.around[0].needles, [code_points("悄悄"), code_points("默默")], "the longer words, not 的");
        assert!(literal_plan(&hir("[（(]")).is_none() && literal_plan(&hir("a+…")).is_none(), "a class alone; no bounded reach");
        let pieces = ["…", "……", ".", "...", "。", "。。", "。。。", "⋯", "·", "-", "--", "－", "―", "—", " ", "》", "、", "《", "，",
                      "a", "b", "x", "y", "截止", "2019", "年", "今年", "中", "文", "悄悄", "默", "的", "把"];
        let regexes: Vec<Regex> = patterns.iter().map(|p| Regex::new(p).unwrap()).collect();
        let mut held = [0usize; 8];
        for (k, text) in texts_over(&pieces, 6000, 13).iter().enumerate() {
            let cps = code_points(text);
            for (j, regex) in regexes.iter().enumerate() {
                let want = regex.is_match(text);
                assert_eq!(index.matches(&plans, 1 << j, &cps) == 1 << j, want, "{} on text {k} {text:?}", patterns[j]);
                held[j] += usize::from(want);
            }
            let want = regexes.iter().enumerate().filter(|(_, r)| r.is_match(text)).fold(0u64, |m, (j, _)| m | 1u64 << j);
            assert_eq!(index.matches(&plans, (1 << plans.len()) - 1, &cps), want, "all plans in one pass on text {k} {text:?}");
        }
        assert!(held.iter().all(|&n| n > 0), "every pattern matches some texts: {held:?}");
    }

    #[test]
    fn key_windows_answer_as_the_regex_does() {
        let specs = [("(?:3[01]|29|30|三十一?|二十九)[日号]", "日号"), ("(?:星期|礼拜|周)[一二三四五六日天]", "星礼周"),
                     ("[一二三四五六七八九〇][零○OoＯ0]|[零○OoＯ0][一二三四五六七八九〇]", "零○OoＯ0"),
                     ("[〇零○一二三四五六七八九]{4}年|[〇零○一二三四五六七八九十][月日号]", "年月日号"), (r"\b[0O]\b", "0O"), ("^[ab]|[ab]$", "ab")];
        let plans: Vec<Option<LiteralPlan>> = specs
            .iter()
            .map(|&(p, keys)| Some(key_plan(&hir(p), p, keys).unwrap_or_else(|| panic!("{p} has key windows"))))
            .collect();
        let literal: Vec<bool> = specs.iter().map(|(p, _)| literal_plan(&hir(p)).is_some()).collect();
        assert_eq!(literal, [false, true, false, false, false, false], "the weekdays' words are literals");
        assert!(key_plan(&hir("[（(][ \u{3000}]*待续"), "[（(][ \u{3000}]*待续", "（(").is_none(), "unbounded");
        assert!(key_plan(&hir("a\u{fffd}?"), "a\u{fffd}?", "a\u{fffd}").is_none(), "U+FFFD is no slot");
        assert_eq!(max_chars(&hir(specs[3].0)), Some(5), "characters, not bytes");
        assert_eq!(max_chars(&hir("(?:^|[^…])…(?:$|[^…])")), Some(3));
        assert_eq!(max_chars(&hir("下转[^（）]{0,20}")), Some(22));
        assert_eq!(max_chars(&hir("a+…")), None);
        let index = PlanIndex::new(&plans).unwrap();
        let pieces = ["3", "30", "31", "29", "三十", "三十一", "二十九", "日", "号", "星期", "礼拜", "周", "一", "天", "二〇", "零", "○", "O",
                      "o", "Ｏ", "0", "〇", "年", "月", "十", "a", "b", " ", "x", "，"];
        let regexes: Vec<Regex> = specs.iter().map(|(p, _)| Regex::new(p).unwrap()).collect();
        let mut held = [0usize; 6];
        for (k, text) in texts_over(&pieces, 6000, 5).iter().enumerate() {
            let cps = code_points(text);
            let want = regexes.iter().enumerate().filter(|(_, r)| r.is_match(text)).fold(0u64, |m, (j, _)| m | 1u64 << j);
            for (j, held) in held.iter_mut().enumerate() {
                assert_eq!(index.matches(&plans, 1 << j, &cps), want & 1 << j, "{} on text {k} {text:?}", specs[j].0);
                *held += usize::from(want >> j & 1 == 1);
            }
            assert_eq!(index.matches(&plans, (1 << plans.len()) - 1, &cps), want, "all in one pass on text {k} {text:?}");
        }
        assert!(held.iter().all(|&n| n > 0 && n < 6000), "every pattern matches some texts, not all: {held:?}");
    }

    #[test]
    fn bad_patterns_and_too_many_are_errors() {
        assert!(Triggers::new(&[("(?<=a)b".to_string(), "b".to_string())]).is_err());
        assert!(Triggers::new(&[("a".to_string(), String::new())]).is_err());
        assert!(Triggers::new(&vec![("a".to_string(), "a".to_string()); MAX_TRIGGERS + 1]).is_err());
    }
}
