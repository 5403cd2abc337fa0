//! Split's block tagger: block features, emissions and the constrained Viterbi decoder
//! (`newskit/split/features.py` and `tagger.py` are the Python front over these).
pub mod classify;
pub mod context;
pub mod cues;
pub mod dates;
pub mod decode;
pub mod features;
pub mod grams;
pub mod lexicon;
pub mod records;
pub mod text;
pub mod weights;

use cues::Cues;
use dates::Dates;
use decode::{Automaton, Emission, Labels, Model, Row};
use features::{Block, FeaturePatterns};
use grams::PageGrams;
use records::{Builder, Page, Record};
use weights::FeatureTable;

use crate::lint::reading;

/// Everything a page is tagged with, loaded once: the shape rules' patterns, the model, the automaton.
pub struct Tagger {
    pub cues: Cues,
    pub own_patterns: FeaturePatterns,
    pub model: Model,
    pub automaton: Automaton,
    pub dates: Dates,
    /// The stacked second pass (`context`): a model over the block features and the first pass's articles.
    /// Set with `with_second`, which also refills `weights`.
    second: Option<Model>,
    /// Both passes' weights of every feature, packed: the hot path finds a feature once for both passes.
    weights: FeatureTable,
}

/// A split page: its records and the year it names as current.
pub struct Split {
    pub records: Vec<Record>,
    pub year: Option<i64>,
}

/// A page's labels, and (when asked for, for `--explain`) every block's feature strings.
pub struct Tagged {
    pub labels: Vec<usize>,
    pub features: Option<Vec<Vec<String>>>,
}

impl Tagger {
    pub fn new(cues: Cues, model: Model) -> Self {
        Tagger { cues, own_patterns: FeaturePatterns::default(), automaton: Automaton::new(), dates: Dates::default(),
                 second: None, weights: FeatureTable::new(&model.rows, None), model }
    }

    pub fn second(&self) -> Option<&Model> {
        self.second.as_ref()
    }

    /// This tagger with a stacked second pass.
    pub fn with_second(mut self, second: Model) -> Self {
        self.weights = FeatureTable::new(&self.model.rows, Some(&second.rows));
        self.second = Some(second);
        self
    }

    /// Settle, featurise, constrain and decode one page. Features go straight into the emission rows.
    pub fn tag<W: FnMut(&str) -> bool>(&self, blocks: &[Block], word: Option<W>, keep_features: bool) -> Tagged {
        let settled = features::settled_blocks(blocks, &self.cues);
        let mut rows: Vec<Emission> = (0..blocks.len()).map(|_| Emission::new()).collect();
        let mut second_rows: Vec<Emission> = match self.second {
            Some(_) => (0..blocks.len()).map(|_| Emission::new()).collect(),
            None => Vec::new(),
        };
        let mut kept: Option<Vec<Vec<String>>> = keep_features.then(|| vec![Vec::new(); blocks.len()]);
        let mut grams = PageGrams::for_blocks(blocks, &self.model.common);
        features::block_features(blocks, &self.cues, &self.own_patterns, &mut grams, word, &settled, |k, f| {
            if let Some(found) = self.weights.get(f) {
                rows[k].add_weights(found.weights(0));
                if self.second.is_some() {
                    second_rows[k].add_weights(found.weights(1));
                }
            }
            if let Some(kept) = kept.as_mut() {
                kept[k].push(f.to_string());
            }
        });
        let emissions: Vec<Row> = rows.into_iter().map(|e| e.finish(&self.model)).collect();
        let allowed = decode::block_constraints(blocks, &self.cues, &settled);
        let labels = self.decode(&emissions, &allowed);
        let Some(second) = &self.second else { return Tagged { labels, features: kept } };
        context::context_features(blocks, &labels, &settled, &mut grams, |k, f| {
            if let Some(found) = self.weights.get(f) {
                second_rows[k].add_weights(found.weights(1));
            }
            if let Some(kept) = kept.as_mut() {
                kept[k].push(f.to_string());
            }
        });
        let emissions: Vec<Row> = second_rows.into_iter().map(|e| e.finish(second)).collect();
        let labels = self.automaton.decode(&second.transitions, &emissions, &allowed);
        Tagged { labels, features: kept }
    }

    /// A whole page, from its code points (Python's string, so offsets are Python's) to its records: cut
    /// into blocks, classify, tag, group. One pass of each; nothing goes back to Python in between.
    /// `labels`: the blocks' labels to group by instead of the tagger's (tests: any labels keep a page
    /// lossless); None when it does not hold one label per block.
    pub fn split<W: FnMut(&str) -> bool>(&self, cps: &[u32], word: Option<W>, labels: Option<&[usize]>) -> Option<Split> {
        // The text as UTF-8 for the patterns (a lone surrogate, never in a decoded file, becomes one "?"),
        // with the byte offset of every code point.
        let mut text = String::with_capacity(cps.len() * 3);
        let mut byte_at = Vec::with_capacity(cps.len() + 1);
        let mut newlines = Vec::new();
        for &c in cps {
            byte_at.push(text.len());
            if c == u32::from(b'\n') {
                newlines.push(text.len());
            }
            text.push(char::from_u32(c).unwrap_or('?'));
        }
        byte_at.push(text.len());
        let spans = reading::blocks(cps);
        let starts: Vec<usize> = spans.iter().map(|s| byte_at[s.start]).collect();
        let blocks: Vec<Block> = spans
            .iter()
            .map(|s| {
                let t = &text[byte_at[s.start]..byte_at[s.end]];
                Block { text: t, line_start: s.line_start as i64, line_end: s.line_end as i64,
                        info: classify::classify(t, &self.cues) }
            })
            .collect();
        let labels = match labels {
            Some(given) if given.len() != blocks.len() || given.iter().any(|&l| l >= decode::LABELS) => return None,
            Some(given) => given.to_vec(),
            None => self.tag(&blocks, word, false).labels,
        };
        let page = Page { text: &text, blocks: &blocks, starts: &starts, labels: &labels, byte_at: &byte_at,
                          newlines: &newlines };
        let (records, year) = Builder { cues: &self.cues, dates: &self.dates }.records(&page);
        Some(Split { records, year })
    }

    pub fn decode(&self, emissions: &[Row], allowed: &[Labels]) -> Vec<usize> {
        self.automaton.decode(&self.model.transitions, emissions, allowed)
    }
}
