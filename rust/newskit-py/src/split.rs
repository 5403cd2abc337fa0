//! `newskit._core.SplitTagger`: split's block features, emissions and constrained decoding over a page
//! packed by `newskit/split/features.py` (`_pack`: the blocks' texts as one UTF-8 buffer and their
//! lengths in code points, their lines, their `BlockInfo` as bits).
use newskit_core::split::cues::{CueSource, Cues};
use newskit_core::split::decode::{allowed_labels, BigramSet, FeatureMap, Model, Row, LABELS};
use newskit_core::split::features::{self, Block, Info, Shape};
use newskit_core::split::grams::{bigram_of, PageGrams};
use newskit_core::split::lexicon::{FirstChars, WordIndex};
use newskit_core::split::records::{BylineSource, Mapped, Record};
use newskit_core::par::map_balanced;
use newskit_core::split::{classify, context, Split, Tagger};
use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::intern;
use pyo3::BoundObject;
use pyo3::types::{PyBool, PyDict, PyString, PyTuple};
use std::sync::{Arc, Mutex};

use crate::lint::{code_points, filler_of, Filler};
use crate::segment::substring;

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
    /// `ranges` keeps the first-character ranges of the last index searched (made once per index, not per page).
    fn with<R>(&self, py: Python<'_>, ranges: &IndexRanges,
               f: impl FnOnce(Option<&mut dyn FnMut(&str) -> bool>) -> R) -> PyResult<R> {
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
            Words::Index(..) => {
                let (index, first) = self.index(ranges)?.expect("an index");
                let mut lookup = |s: &str| first.find(&index, s).is_some();
                Ok(f(Some(&mut lookup)))
            }
        }
    }

    /// Runs `f` with a lookup any thread may call (None: skip the cues); None when the words are a Python
    /// callable, which only the thread holding the GIL may call (the caller then works on that thread).
    fn with_shared<R>(&self, ranges: &IndexRanges, f: impl FnOnce(Option<&(dyn Fn(&str) -> bool + Sync)>) -> R)
                      -> PyResult<Option<R>> {
        match self {
            Words::Skip => Ok(Some(f(None))),
            Words::Call(_) => Ok(None),
            Words::Index(..) => {
                let (index, first) = self.index(ranges)?.expect("an index");
                let lookup = |s: &str| first.find(&index, s).is_some();
                Ok(Some(f(Some(&lookup))))
            }
        }
    }

    /// The lexicon index and its first-character ranges (None unless the words are an index).
    fn index(&self, ranges: &IndexRanges) -> PyResult<Option<(WordIndex<'_>, Arc<FirstChars>)>> {
        let Words::Index(buffer, offsets_at, count, words_at) = self else { return Ok(None) };
        // SAFETY: the buffer is C-contiguous, exported read-only to us for as long as `buffer` lives (this
        // call), and nothing writes to the mmapped index while it is exported.
        let bytes = unsafe { std::slice::from_raw_parts(buffer.buf_ptr() as *const u8, buffer.len_bytes()) };
        let index = WordIndex::new(bytes, *offsets_at, *count, *words_at)
            .ok_or_else(|| PyValueError::new_err("split: the lexicon layout does not fit its buffer"))?;
        let first = ranges.of(bytes, *offsets_at, &index);
        Ok(Some((index, first)))
    }
}

/// The `FirstChars` of the lexicon index last searched, and what identifies that index: its header (magic and
/// metadata, which hold the dictionary's key and the file's size) and layout. A page's lookups then start in
/// their first character's range without a pass over the index per page.
#[derive(Default)]
struct IndexRanges(Mutex<Option<(Vec<u8>, Arc<FirstChars>)>>);

impl IndexRanges {
    fn of(&self, bytes: &[u8], offsets_at: usize, index: &WordIndex) -> Arc<FirstChars> {
        let mut id = bytes[..offsets_at.min(bytes.len())].to_vec();
        for n in [bytes.len(), offsets_at, index.len()] {
            id.extend_from_slice(&n.to_le_bytes());
        }
        let mut known = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match &*known {
            Some((k, first)) if *k == id => first.clone(),
            _ => {
                let first = Arc::new(FirstChars::new(index));
                *known = Some((id, first.clone()));
                first
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
    ranges: IndexRanges,
}

/// The fields of `newskit.model`'s record classes, in order.
const PIECE_FIELDS: [&str; 3] = ["offset", "start", "end"];
const MAPPED_FIELDS: [&str; 2] = ["text", "pieces"];
const PARAGRAPH_FIELDS: [&str; 3] = ["source", "section", "level"];
const HEADLINE_FIELDS: [&str; 4] = ["role", "value", "source", "level"];
const CREDIT_FIELDS: [&str; 2] = ["name", "role"];
const BYLINE_FIELDS: [&str; 3] = ["text", "credits", "source"];
const DATELINE_FIELDS: [&str; 9] = ["text", "month", "day", "year", "year_inferred", "vague", "weekday", "start", "end"];
const JOIN_FIELDS: [&str; 3] = ["before_line", "after_line", "reason"];
const ARTICLE_FIELDS: [&str; 13] = ["uri", "kind", "path", "line_start", "line_end", "headlines", "byline", "dateline",
                                    "body", "continued", "joins", "blocks", "extra"];

/// One model class and how its instances are made: filled slot by slot, or (None) by calling the class.
struct Maker<'py> {
    class: Bound<'py, PyAny>,
    filler: Option<Arc<Filler>>,
}

impl<'py> Maker<'py> {
    fn new(classes: &Bound<'py, PyAny>, name: &str, fields: &[&str]) -> PyResult<Self> {
        let class = classes.getattr(name)?;
        let filler = filler_of(&class, fields);
        Ok(Maker { class, filler })
    }

    fn make(&self, values: &[Bound<'py, PyAny>]) -> PyResult<Bound<'py, PyAny>> {
        match &self.filler {
            Some(f) => f.fill(&self.class, values),
            None => self.class.call1(PyTuple::new(self.class.py(), values)?),
        }
    }
}

/// Builds a page's records as `newskit.model.Article`s, with every object in them, without a Python call
/// each (a page is hundreds of pieces, mapped texts and paragraphs).
struct Records<'py> {
    doc: Bound<'py, PyString>,
    uri: String,
    path: Bound<'py, PyAny>,
    /// `Kind` by value, looked up once per kind a page has
    kind_class: Bound<'py, PyAny>,
    kinds: std::cell::RefCell<Vec<(&'static str, Bound<'py, PyAny>)>>,
    piece: Maker<'py>,
    mapped: Maker<'py>,
    paragraph: Maker<'py>,
    headline: Maker<'py>,
    credit: Maker<'py>,
    byline: Maker<'py>,
    dateline: Maker<'py>,
    join: Maker<'py>,
    article: Maker<'py>,
}

impl<'py> Records<'py> {
    /// `model`: the module (or any object) holding the record classes and `Kind`; `uri`: the records' id
    /// prefix (`newskit:<document id>:`, the id line follows), `path` the document's.
    fn new(doc: &Bound<'py, PyString>, model: &Bound<'py, PyAny>, uri: String, path: Bound<'py, PyAny>) -> PyResult<Self> {
        Ok(Records {
            doc: doc.clone(),
            uri,
            path,
            kind_class: model.getattr("Kind")?,
            kinds: std::cell::RefCell::new(Vec::new()),
            piece: Maker::new(model, "Piece", &PIECE_FIELDS)?,
            mapped: Maker::new(model, "MappedText", &MAPPED_FIELDS)?,
            paragraph: Maker::new(model, "Paragraph", &PARAGRAPH_FIELDS)?,
            headline: Maker::new(model, "Headline", &HEADLINE_FIELDS)?,
            credit: Maker::new(model, "Credit", &CREDIT_FIELDS)?,
            byline: Maker::new(model, "Byline", &BYLINE_FIELDS)?,
            dateline: Maker::new(model, "Dateline", &DATELINE_FIELDS)?,
            join: Maker::new(model, "Join", &JOIN_FIELDS)?,
            article: Maker::new(model, "Article", &ARTICLE_FIELDS)?,
        })
    }

    fn py(&self) -> Python<'py> {
        self.doc.py()
    }

    /// A split page's records and year (None: the labels given were not one per block).
    fn page(&self, split: Option<Split>) -> PyResult<(Vec<Bound<'py, PyAny>>, Option<i64>)> {
        let split = split.ok_or_else(|| PyValueError::new_err("split: one label (0-7) per block"))?;
        Ok((split.records.into_iter().map(|r| self.record(r)).collect::<PyResult<_>>()?, split.year))
    }

    fn int(&self, v: impl IntoPyObject<'py>) -> PyResult<Bound<'py, PyAny>> {
        v.into_pyobject(self.py()).map(|o| o.into_any().into_bound()).map_err(Into::into)
    }

    fn opt(&self, v: Option<impl IntoPyObject<'py>>) -> PyResult<Bound<'py, PyAny>> {
        match v {
            Some(v) => self.int(v),
            None => Ok(self.py().None().into_bound(self.py())),
        }
    }

    fn bool(&self, v: bool) -> Bound<'py, PyAny> {
        PyBool::new(self.py(), v).to_owned().into_any()
    }

    fn kind(&self, name: &'static str) -> PyResult<Bound<'py, PyAny>> {
        if let Some((_, k)) = self.kinds.borrow().iter().find(|(n, _)| *n == name) {
            return Ok(k.clone());
        }
        let k = self.kind_class.call1((name,))?;
        self.kinds.borrow_mut().push((name, k.clone()));
        Ok(k)
    }

    fn pieces(&self, pieces: &[(usize, usize, usize)]) -> PyResult<Bound<'py, PyTuple>> {
        let made = pieces.iter()
            .map(|&(o, s, e)| self.piece.make(&[self.int(o)?, self.int(s)?, self.int(e)?]))
            .collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(self.py(), made)
    }

    /// `MappedText` of the document slices `pieces`: its text sliced from the document (one piece: the slice
    /// itself, at offset 0), its pieces in order.
    fn mapped_text(&self, m: &Mapped) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py();
        let (text, pieces) = if let [(_, s, e)] = m.pieces[..] {
            (substring(&self.doc, s, e)?, self.pieces(&[(0, s, e)])?)
        } else {
            let parts = m.pieces.iter().map(|&(_, s, e)| substring(&self.doc, s, e)).collect::<PyResult<Vec<_>>>()?;
            let text = PyString::new(py, "").call_method1(intern!(py, "join"), (parts,))?.cast_into::<PyString>()?;
            (text, self.pieces(&m.pieces)?)
        };
        self.mapped.make(&[text.into_any(), pieces.into_any()])
    }

    fn record(&self, r: Record) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py();
        let headlines = r.headlines.iter().map(|h| {
            let source = self.mapped_text(&h.source)?;
            let value = source.getattr(intern!(py, "text"))?;
            self.headline.make(&[PyString::new(py, h.role).into_any(), value, source, self.int(h.level)?])
        }).collect::<PyResult<Vec<_>>>()?;
        let body = r.body.iter().map(|p| {
            self.paragraph.make(&[self.mapped_text(&p.source)?, self.bool(p.section), self.int(p.level)?])
        }).collect::<PyResult<Vec<_>>>()?;
        let body = PyTuple::new(py, body)?;
        let byline = match r.byline {
            None => py.None().into_bound(py),
            Some(b) => {
                let credits = b.credits.iter()
                    .map(|(name, role)| self.credit.make(&[PyString::new(py, name).into_any(), self.opt(role.as_deref())?]))
                    .collect::<PyResult<Vec<_>>>()?;
                let source = match b.source {
                    // a byline's own mapped text: its text as the builder made it, its pieces
                    BylineSource::Mapped(m) => {
                        self.mapped.make(&[PyString::new(py, &m.text).into_any(), self.pieces(&m.pieces)?.into_any()])?
                    }
                    // a caption's credit: the first paragraph is the source
                    BylineSource::FirstParagraph => body.get_item(0)?.getattr(intern!(py, "source"))?,
                };
                self.byline.make(&[PyString::new(py, &b.text).into_any(), PyTuple::new(py, credits)?.into_any(), source])?
            }
        };
        let dateline = match r.dateline {
            None => py.None().into_bound(py),
            Some(d) => self.dateline.make(&[PyString::new(py, &d.text).into_any(), self.opt(d.month)?, self.opt(d.day)?,
                                            self.opt(d.year)?, self.bool(d.year_inferred), self.bool(d.vague),
                                            self.opt(d.weekday)?, self.int(d.start)?, self.int(d.end)?])?,
        };
        let joins = r.joins.iter()
            .map(|j| self.join.make(&[self.int(j.before_line)?, self.int(j.after_line)?, PyString::new(py, j.reason).into_any()]))
            .collect::<PyResult<Vec<_>>>()?;
        self.article.make(&[
            // The id names the record's first own line (its headline); the source range covers every line it
            // owns, which for an untangled interleave starts earlier (002: 你们逆行 owns 65–67 and 81–99).
            PyString::new(py, &format!("{}{}", self.uri, r.id_line)).into_any(),
            self.kind(r.kind.name())?,
            self.path.clone(),
            self.int(r.line_start)?,
            self.int(r.line_end)?,
            PyTuple::new(py, headlines)?.into_any(),
            byline,
            dateline,
            body.into_any(),
            self.bool(r.continued),
            PyTuple::new(py, joins)?.into_any(),
            PyTuple::new(py, r.blocks)?.into_any(),
            PyTuple::empty(py).into_any(),
        ])
    }
}

type Packed<'a> = (&'a [u8], Vec<usize>, Vec<i64>, Vec<i64>, Vec<u32>);
/// Labels, and feature strings per block when asked for.
type LabelsAndFeatures = (Vec<usize>, Option<Vec<Vec<String>>>);

impl SplitTagger {
    /// The model that decides the labels: the stacked pass's when there is one.
    fn last_model(&self) -> &Model {
        self.tagger.second().unwrap_or(&self.tagger.model)
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
            tagger = tagger.with_second(Model { rows: feature_rows(&weights)?, transitions: transition_table(transitions)?,
                                                bias, common: BigramSet::default() });
        }
        Ok(SplitTagger { tagger, ranges: IndexRanges::default() })
    }

    /// The labels of a packed page, and its feature strings when `keep_features` (for `--explain`).
    #[pyo3(signature = (page, words, keep_features=false))]
    fn tag(&self, py: Python<'_>, page: Packed<'_>, words: Option<&Bound<'_, PyAny>>, keep_features: bool)
           -> PyResult<LabelsAndFeatures> {
        let blocks = unpack(page.0, &page.1, &page.2, &page.3, &page.4)?;
        let tagged = Words::from_py(words)?.with(py, &self.ranges, |w| self.tagger.tag(&blocks, w, keep_features))?;
        Ok((tagged.labels, tagged.features))
    }

    /// A whole page split: `(records, year)`, each record a `model.Article` (see `Records::record`) whose id
    /// is `uri` and its first own line, of document `path`.
    /// `labels`: group by these (one per block) instead of the tagger's.
    #[pyo3(signature = (text, words, model, uri, path, labels=None))]
    #[allow(clippy::too_many_arguments)]
    fn split<'py>(&self, py: Python<'py>, text: &Bound<'py, PyString>, words: Option<&Bound<'py, PyAny>>,
                  model: &Bound<'py, PyAny>, uri: String, path: Bound<'py, PyAny>, labels: Option<Vec<usize>>)
                  -> PyResult<(Vec<Bound<'py, PyAny>>, Option<i64>)> {
        let records = Records::new(text, model, uri, path)?;
        let cps = code_points(text)?;
        let split = Words::from_py(words)?.with(py, &self.ranges, |w| self.tagger.split(&cps, w, labels.as_deref()))?;
        records.page(split)
    }

    /// Many pages split: `(records, year)` per text, as `split` gives them, in order. The compiled work (blocks,
    /// tagging, grouping) runs with the GIL released on `threads` threads, each a contiguous run of the pages
    /// about as long as the others' (`newskit_core::par`); then the records are built on this thread. A Python
    /// callable as `words` needs the GIL: the pages are then split here, one by one.
    #[pyo3(signature = (texts, words, model, uris, paths, threads=1))]
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn split_many<'py>(&self, py: Python<'py>, texts: Vec<Bound<'py, PyString>>, words: Option<&Bound<'py, PyAny>>,
                       model: &Bound<'py, PyAny>, uris: Vec<String>, paths: Vec<Bound<'py, PyAny>>, threads: usize)
                       -> PyResult<Vec<(Vec<Bound<'py, PyAny>>, Option<i64>)>> {
        if uris.len() != texts.len() || paths.len() != texts.len() {
            return Err(PyValueError::new_err("split_many: one uri and one path per text"));
        }
        let pages: Vec<Vec<u32>> = texts.iter().map(code_points).collect::<PyResult<_>>()?;
        let words = Words::from_py(words)?;
        let tagger = &self.tagger;
        let shared = words.with_shared(&self.ranges, |lookup| {
            py.detach(|| {
                map_balanced(&pages, Vec::len, threads, |cps| tagger.split(cps, lookup.map(|l| move |s: &str| l(s)), None))
            })
        })?;
        let splits = match shared {
            Some(splits) => splits,
            None => words.with(py, &self.ranges, |mut w| {
                pages.iter().map(|cps| tagger.split(cps, w.as_mut().map(|l| |s: &str| l(s)), None)).collect()
            })?,
        };
        splits.into_iter().zip(texts).zip(uris).zip(paths)
            .map(|(((split, text), uri), path)| Records::new(&text, model, uri, path)?.page(split))
            .collect()
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
        Words::from_py(words)?.with(py, &self.ranges, |w| {
            features::block_features(&blocks, &t.cues, &t.own_patterns, &mut PageGrams::for_blocks(&blocks, &t.model.common), w, &settled,
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
        let mut grams = PageGrams::for_blocks(&blocks, &self.tagger.model.common);
        context::context_features(&blocks, &labels, &settled, &mut grams, |k, f| out[k].push(f.to_string()));
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
