//! Split's block tagger: block features, emissions and the constrained Viterbi decoder
//! (`newskit/split/features.py` and `tagger.py` are the Python front over these).
pub mod context;
pub mod cues;
pub mod decode;
pub mod features;
pub mod lexicon;
pub mod text;

use cues::Cues;
use decode::{Automaton, Emission, Labels, Model, Row};
use features::{Block, FeaturePatterns};

/// Everything a page is tagged with, loaded once: the shape rules' patterns, the model, the automaton.
pub struct Tagger {
    pub cues: Cues,
    pub own_patterns: FeaturePatterns,
    pub model: Model,
    pub automaton: Automaton,
    /// The stacked second pass (`context`): a model over the block features and the first pass's articles.
    pub second: Option<Model>,
}

/// A page's labels, and (when asked for, for `--explain`) every block's feature strings.
pub struct Tagged {
    pub labels: Vec<usize>,
    pub features: Option<Vec<Vec<String>>>,
}

impl Tagger {
    pub fn new(cues: Cues, model: Model) -> Self {
        Tagger { cues, own_patterns: FeaturePatterns::default(), model, automaton: Automaton::new(), second: None }
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
        features::block_features(blocks, &self.cues, &self.own_patterns, &self.model.common, word, &settled, |k, f| {
            rows[k].add(&self.model, f);
            if let Some(second) = &self.second {
                second_rows[k].add(second, f);
            }
            if let Some(kept) = kept.as_mut() {
                kept[k].push(f.to_string());
            }
        });
        let emissions: Vec<Row> = rows.into_iter().map(|e| e.finish(&self.model)).collect();
        let allowed = decode::block_constraints(blocks, &self.cues, &settled);
        let labels = self.decode(&emissions, &allowed);
        let Some(second) = &self.second else { return Tagged { labels, features: kept } };
        context::context_features(blocks, &labels, &settled, &self.model.common, |k, f| {
            second_rows[k].add(second, f);
            if let Some(kept) = kept.as_mut() {
                kept[k].push(f.to_string());
            }
        });
        let emissions: Vec<Row> = second_rows.into_iter().map(|e| e.finish(second)).collect();
        let labels = self.automaton.decode(&second.transitions, &emissions, &allowed);
        Tagged { labels, features: kept }
    }

    pub fn decode(&self, emissions: &[Row], allowed: &[Labels]) -> Vec<usize> {
        self.automaton.decode(&self.model.transitions, emissions, allowed)
    }
}
