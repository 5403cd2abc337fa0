//! `newskit._core.SplitTagger`: split's block features, emissions and constrained decoding over a page
//! packed by `newskit/split/features.py` (`_pack`: the blocks' texts as one UTF-8 buffer and their
//! lengths in code points, their lines, their `BlockInfo` as bits).
use newskit_core::split::cues::{CueSource, Cues};
use newskit_core::split::decode::{allowed_labels, BigramSet, FeatureMap, Model, Row, LABELS};
use newskit_core::split::features::{self, Block, Info, Shape};
use newskit_core::split::grams::bigram_of;
use newskit_core::split::lexicon::WordIndex;
use newskit_core::split::records::{BylineSource, Mapped, Record};
use newskit_core::split::{classify, context, Tagger};
use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

use crate::lint::code_points;

/// The blocks of a packed page.
fn unpack<'a>(text: &'a [u8], lengths: &[usize], line_starts: &[i64], line_ends: &[i64], infos: &[u32])
              -> PyResult<Vec<Block<'a>>> {
    let n = lengths.len();
    if line_starts.len() != n || line_ends.len() != n || infos.len() != n {
        return Err(PyValueError::new_err("split: the packed page's lists differ in length"));
    }
    let text = std::str::from_utf8(text).map_err(|e| PyValueError::new_err(format!("split: packed text: {e}")))?;
    let mut out = Vec::with_capacity(n);
    let mut rest = text;
    for k in 0..n {
        let cut = rest.char_indices().nth(lengths[k]).map_or(rest.len(), |(i, _)| i);
        let (block, after) = rest.split_at(cut);
        rest = after;
        let code = infos[k];
        let shape = *Shape::ALL.get((code & 7) as usize).ok_or_else(|| PyValueError::new_err("split: bad shape code"))?;
        out.push(Block {
            text: block,
            line_start: line_starts[k],
            line_end: line_ends[k],
            info: Info {
                shape,
                md_level: (code >> 3) & 15,
                may_head: code & (1 << 7) != 0,
                broken_byline: code & (1 << 8) != 0,
                byline_start: code & (1 << 9) != 0,
            },
        });
    }
    Ok(out)
}

/// Where the cut-word cues look words up: nowhere (the cues are skipped), a Python callable, or the
/// lexicon index's buffer and layout `(buffer, offsets_at, count, words_at)`.
enum Words {
    Skip,
    Call(Py<PyAny>),
    Index(PyBuffer<u8>, usize, usize, usize),
}

impl Words {
    fn from_py(words: Option<&Bound<'_, PyAny>>) -> PyResult<Words> {
        let Some(w) = words else { return Ok(Words::Skip) };
        if let Ok(t) = w.cast::<PyTuple>() {
            let (buf, offsets_at, count, words_at): (Bound<PyAny>, usize, usize, usize) = t.extract()?;
            let buffer = PyBuffer::<u8>::get(&buf)?;
            if !buffer.is_c_contiguous() {
                return Err(PyValueError::new_err("split: the lexicon buffer is not contiguous"));
            }
            return Ok(Words::Index(buffer, offsets_at, count, words_at));
        }
        Ok(Words::Call(w.clone().unbind()))
    }

    /// Runs `f` with a lookup function (None: skip the cues). A failing callable counts as "not a word".
    fn with<R>(&self, py: Python<'_>, f: impl FnOnce(Option<&mut dyn FnMut(&str) -> bool>) -> R) -> PyResult<R> {
        match self {
            Words::Skip => Ok(f(None)),
            Words::Call(call) => {
                let mut error: Option<PyErr> = None;
                let mut lookup = |s: &str| match call.call1(py, (s,)).and_then(|r| r.is_truthy(py)) {
                    Ok(b) => b,
                    Err(e) => {
                        error.get_or_insert(e);
                        false
                    }
                };
                let out = f(Some(&mut lookup));
                error.map_or(Ok(out), Err)
            }
            Words::Index(buffer, offsets_at, count, words_at) => {
                // SAFETY: the buffer is C-contiguous, exported read-only to us for as long as `buffer` lives
                // (this call), and nothing writes to the mmapped index while it is exported.
                let bytes = unsafe { std::slice::from_raw_parts(buffer.buf_ptr() as *const u8, buffer.len_bytes()) };
                let index = WordIndex::new(bytes, *offsets_at, *count, *words_at)
                    .ok_or_else(|| PyValueError::new_err("split: the lexicon layout does not fit its buffer"))?;
                let mut lookup = |s: &str| index.contains(s);
                Ok(f(Some(&mut lookup)))
            }
        }
    }
}

fn cue_source(src: &Bound<'_, PyAny>) -> PyResult<CueSource> {
    Ok(CueSource {
        patterns: src.get_item("patterns")?.extract()?,
        ad_signals: src.get_item("ad_signals")?.extract()?,
        ad_threshold: src.get_item("ad_threshold")?.extract()?,
        strings: src.get_item("strings")?.extract()?,
        max_head_line: src.get_item("max_head_line")?.extract()?,
    })
}

fn row(values: Vec<f64>, what: &str) -> PyResult<Row> {
    values.try_into().map_err(|_| PyValueError::new_err(format!("split tagger model: {what} does not match the labels")))
}

/// feature -> [(label, weight)] straight from the dict into dense rows: no second copy of the model while loading.
fn feature_rows(weights: &Bound<'_, PyDict>) -> PyResult<FeatureMap> {
    let mut rows = FeatureMap::with_capacity_and_hasher(weights.len(), Default::default());
    for (f, pairs) in weights.iter() {
        let mut r = [0.0; LABELS];
        for pair in pairs.try_iter()? {
            let (k, w): (usize, f64) = pair?.extract()?;
            *r.get_mut(k).ok_or_else(|| PyValueError::new_err("split tagger model: a label index is out of range"))? = w;
        }
        rows.insert(f.extract::<String>()?, r);
    }
    Ok(rows)
}

fn transition_table(transitions: Vec<Vec<f64>>) -> PyResult<[Row; LABELS]> {
    let rows: Vec<Row> = transitions.into_iter().map(|r| row(r, "the transition table")).collect::<PyResult<_>>()?;
    rows.try_into().map_err(|_| PyValueError::new_err("split tagger model: the transition table does not match the labels"))
}

/// A page tagger: the shape rules' patterns and a model, loaded once.
#[pyclass(frozen, name = "SplitTagger", module = "newskit._core")]
pub struct SplitTagger {
    tagger: Tagger,
}

/// A mapped text as its pieces `[(offset, start, end)]` (Python slices the document for the text).
type Pieces = Vec<(usize, usize, usize)>;
type HeadlineOut = (&'static str, u32, Pieces);
/// (text, credits, the mapped text and its pieces, or None: the first paragraph is the source)
type BylineOut = (String, Vec<(String, Option<String>)>, Option<(String, Pieces)>);
type DatelineOut = (String, Option<u32>, Option<u32>, Option<i64>, bool, bool, Option<u32>, usize, usize);
type RecordOut = (i64, &'static str, i64, i64, Vec<HeadlineOut>, Option<BylineOut>, Option<DatelineOut>,
                  Vec<(bool, u32, Pieces)>, bool, Vec<(i64, i64, &'static str)>, Vec<usize>);

fn record_out(r: Record) -> RecordOut {
    let pieces = |m: Mapped| m.pieces;
    (
        r.id_line,
        r.kind.name(),
        r.line_start,
        r.line_end,
        r.headlines.into_iter().map(|h| (h.role, h.level, pieces(h.source))).collect(),
        r.byline.map(|b| {
            let source = match b.source {
                BylineSource::Mapped(m) => Some((m.text, m.pieces)),
                BylineSource::FirstParagraph => None,
            };
            (b.text, b.credits, source)
        }),
        r.dateline.map(|d| (d.text, d.month, d.day, d.year, d.year_inferred, d.vague, d.weekday, d.start, d.end)),
        r.body.into_iter().map(|p| (p.section, p.level, pieces(p.source))).collect(),
        r.continued,
        r.joins.into_iter().map(|j| (j.before_line, j.after_line, j.reason)).collect(),
        r.blocks,
    )
}

type Packed<'a> = (&'a [u8], Vec<usize>, Vec<i64>, Vec<i64>, Vec<u32>);
/// Labels, and feature strings per block when asked for.
type LabelsAndFeatures = (Vec<usize>, Option<Vec<Vec<String>>>);

impl SplitTagger {
    /// The model that decides the labels: the stacked pass's when there is one.
    fn last_model(&self) -> &Model {
        self.tagger.second.as_ref().unwrap_or(&self.tagger.model)
    }
}

#[pymethods]
impl SplitTagger {
    /// `cues`: the patterns and strings of `features._cue_source()`; `weights`: feature -> [(label, weight)];
    /// `transitions`: 8 rows of 8; `bias`: 8 values; `common`: two-character bigrams.
    /// `second`: the stacked pass's (weights, transitions), same forms, when the model has one.
    #[new]
    #[pyo3(signature = (cues, weights, transitions, bias, common, second=None))]
    fn new(cues: &Bound<'_, PyAny>, weights: &Bound<'_, PyDict>, transitions: Vec<Vec<f64>>,
           bias: Vec<f64>, common: Vec<String>, second: Option<(Bound<'_, PyDict>, Vec<Vec<f64>>)>) -> PyResult<Self> {
        let cues = Cues::new(&cue_source(cues)?).map_err(PyValueError::new_err)?;
        let common: BigramSet = common.iter().filter_map(|b| bigram_of(b)).collect();
        let bias = row(bias, "the label bias")?;
        let model = Model { rows: feature_rows(weights)?, transitions: transition_table(transitions)?, bias, common };
        let mut tagger = Tagger::new(cues, model);
        if let Some((weights, transitions)) = second {
            tagger.second = Some(Model { rows: feature_rows(&weights)?, transitions: transition_table(transitions)?, bias,
                                         common: BigramSet::default() });
        }
        Ok(SplitTagger { tagger })
    }

    /// The labels of a packed page, and its feature strings when `keep_features` (for `--explain`).
    #[pyo3(signature = (page, words, keep_features=false))]
    fn tag(&self, py: Python<'_>, page: Packed<'_>, words: Option<&Bound<'_, PyAny>>, keep_features: bool)
           -> PyResult<LabelsAndFeatures> {
        let blocks = unpack(page.0, &page.1, &page.2, &page.3, &page.4)?;
        let tagged = Words::from_py(words)?.with(py, |w| self.tagger.tag(&blocks, w, keep_features))?;
        Ok((tagged.labels, tagged.features))
    }

    /// A whole page split: `(records, year)`, each record a tuple of code-point slices and lines that
    /// `newskit/split/articles.py` turns into an `Article` (see `record_out`).
    /// `labels`: group by these (one per block) instead of the tagger's.
    #[pyo3(signature = (text, words, labels=None))]
    fn split(&self, py: Python<'_>, text: &Bound<'_, PyString>, words: Option<&Bound<'_, PyAny>>,
             labels: Option<Vec<usize>>) -> PyResult<(Vec<RecordOut>, Option<i64>)> {
        let cps = code_points(text)?;
        let split = Words::from_py(words)?.with(py, |w| self.tagger.split(&cps, w, labels.as_deref()))?
            .ok_or_else(|| PyValueError::new_err("split: one label (0-7) per block"))?;
        Ok((split.records.into_iter().map(record_out).collect(), split.year))
    }

    /// `classify.classify` of one block: the `BlockInfo` bits of `features.pack`.
    fn classify(&self, text: &str) -> u32 {
        let i = classify::classify(text, &self.tagger.cues);
        let shape = Shape::ALL.iter().position(|&s| s == i.shape).unwrap_or(0) as u32;
        shape | i.md_level << 3 | u32::from(i.may_head) << 7 | u32::from(i.broken_byline) << 8 | u32::from(i.byline_start) << 9
    }

    /// The year a text names as current (`split.infer_year`).
    fn infer_year(&self, text: &str) -> Option<i64> {
        self.tagger.dates.infer_year(text)
    }

    /// Every block's feature strings (`settled`: None to settle them here).
    #[pyo3(signature = (page, words, settled=None))]
    fn features(&self, py: Python<'_>, page: Packed<'_>, words: Option<&Bound<'_, PyAny>>, settled: Option<Vec<bool>>)
                -> PyResult<Vec<Vec<String>>> {
        let blocks = unpack(page.0, &page.1, &page.2, &page.3, &page.4)?;
        let settled = settled.unwrap_or_else(|| features::settled_blocks(&blocks, &self.tagger.cues));
        if settled.len() != blocks.len() {
            return Err(PyValueError::new_err("split: one settled flag per block"));
        }
        let t = &self.tagger;
        let mut out = vec![Vec::new(); blocks.len()];
        Words::from_py(words)?.with(py, |w| {
            features::block_features(&blocks, &t.cues, &t.own_patterns, &t.model.common, w, &settled,
                                     |k, f| out[k].push(f.to_string()))
        })?;
        Ok(out)
    }

    fn settled(&self, page: Packed<'_>) -> PyResult<Vec<bool>> {
        let blocks = unpack(page.0, &page.1, &page.2, &page.3, &page.4)?;
        Ok(features::settled_blocks(&blocks, &self.tagger.cues))
    }

    /// Each block's allowed labels as bits (bit k: label k; bit 8: `LEADS_ON`).
    fn constraints(&self, page: Packed<'_>, settled: Vec<bool>) -> PyResult<Vec<u16>> {
        let blocks = unpack(page.0, &page.1, &page.2, &page.3, &page.4)?;
        if settled.len() != blocks.len() {
            return Err(PyValueError::new_err("split: one settled flag per block"));
        }
        Ok(newskit_core::split::decode::block_constraints(&blocks, &self.tagger.cues, &settled))
    }

    /// The stacked pass's features of every block, given the first pass's labels.
    fn context_features(&self, page: Packed<'_>, labels: Vec<usize>, settled: Vec<bool>) -> PyResult<Vec<Vec<String>>> {
        let blocks = unpack(page.0, &page.1, &page.2, &page.3, &page.4)?;
        if labels.len() != blocks.len() || settled.len() != blocks.len() || labels.iter().any(|&l| l >= LABELS) {
            return Err(PyValueError::new_err("split: one label (0-7) and one settled flag per block"));
        }
        let mut out = vec![Vec::new(); blocks.len()];
        context::context_features(&blocks, &labels, &settled, &self.tagger.model.common, |k, f| out[k].push(f.to_string()));
        Ok(out)
    }

    /// One block's score per label under the deciding model: its features' weights summed, plus the bias.
    fn emissions(&self, feats: Vec<String>) -> Vec<f64> {
        self.last_model().emissions(feats.iter().map(String::as_str)).to_vec()
    }

    /// The best label sequence for given feature strings under `allowed` (bits per block).
    fn decode(&self, feats: Vec<Vec<String>>, allowed: Vec<u16>) -> PyResult<Vec<usize>> {
        if feats.len() != allowed.len() {
            return Err(PyValueError::new_err("split: one allowed-label set per block"));
        }
        let m = self.last_model();
        let em: Vec<Row> = feats.iter().map(|f| m.emissions(f.iter().map(String::as_str))).collect();
        Ok(self.tagger.automaton.decode(&m.transitions, &em, &allowed))
    }

    #[staticmethod]
    fn allowed_labels(md_level: u32, wire: bool, may_join: bool) -> u16 {
        allowed_labels(md_level, wire, may_join)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SplitTagger>()
}
