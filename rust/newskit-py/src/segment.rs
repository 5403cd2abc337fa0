//! `newskit._core.Segmenter`: jieba's no-HMM segmentation (`newskit_core::lint::segment`) over the lexicon
//! index that `newskit/text/lexicon.py` has mmapped, read in place for as long as the segmenter lives.
use newskit_core::lint::segment::{self, Mode, Tag};
use newskit_core::split::lexicon::{FirstChars, Lexicon};
use std::sync::OnceLock;
use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

use crate::lint::code_points;

/// The lexicon index's buffer and layout, checked once; `segment` and `tagged` answer as `jieba.cut` and
/// `jieba.posseg.cut` do with `HMM=False`.
#[pyclass(frozen, module = "newskit._core")]
pub struct Segmenter {
    buffer: PyBuffer<u8>,
    offsets_at: usize,
    count: usize,
    words_at: usize,
    total: u64,
    /// the index's tag table as Python strings made once (None: the empty tag), and posseg's own two
    tags: Vec<Option<Py<PyString>>>,
    eng: Py<PyString>,
    x: Py<PyString>,
    /// the index's first-character ranges, made on the first lookup
    first: OnceLock<FirstChars>,
}

impl Segmenter {
    fn lexicon(&self) -> Lexicon<'_> {
        // SAFETY: the buffer is C-contiguous (checked in `new`) and stays exported, read-only to us, for as
        // long as `self.buffer` lives; nothing writes to the mmapped index.
        let bytes = unsafe { std::slice::from_raw_parts(self.buffer.buf_ptr() as *const u8, self.buffer.len_bytes()) };
        Lexicon::new(bytes, self.offsets_at, self.count, self.words_at, self.total).expect("the layout was checked in new")
    }

    fn words<'py>(&self, window: &Bound<'py, PyString>, mode: Mode) -> PyResult<Vec<(Bound<'py, PyString>, Tag)>> {
        let cps = code_points(window)?;
        let lex = self.lexicon();
        segment::words(&lex, self.first(&lex), &cps, mode)
            .into_iter()
            .map(|(a, b, tag)| Ok((substring(window, a, b)?, tag)))
            .collect()
    }
}

impl Segmenter {
    /// Tag `k` of the table (None for the empty tag, or for an id past the table's end).
    fn tag<'py>(&self, py: Python<'py>, k: u16) -> Option<Bound<'py, PyString>> {
        self.tags.get(k as usize)?.as_ref().map(|t| t.bind(py).clone())
    }

    /// The entry spelled by `word` (None for a text that is no entry, or not valid Unicode).
    fn entry(&self, lex: &Lexicon, word: &Bound<'_, PyString>) -> Option<usize> {
        self.first(lex).find(&lex.words, word.to_str().ok()?)
    }

    fn first(&self, lex: &Lexicon) -> &FirstChars {
        self.first.get_or_init(|| FirstChars::new(&lex.words))
    }
}

/// `window[a:b]` (code points), surrogates and all.
pub(crate) fn substring<'py>(window: &Bound<'py, PyString>, a: usize, b: usize) -> PyResult<Bound<'py, PyString>> {
    // SAFETY: `window` is a live str and `a <= b <= len(window)`; the result is a new reference or NULL.
    unsafe {
        let obj = pyo3::ffi::PyUnicode_Substring(window.as_ptr(), a as isize, b as isize);
        Ok(Bound::from_owned_ptr_or_err(window.py(), obj)?.cast_into_unchecked::<PyString>())
    }
}

#[pymethods]
impl Segmenter {
    /// `layout` is `Lexicon.layout()`'s `(buffer, offsets_at, count, words_at)`; `total` and `tags` are the
    /// index's metadata.
    #[new]
    fn new(py: Python<'_>, buffer: &Bound<'_, PyAny>, offsets_at: usize, count: usize, words_at: usize, total: u64,
           tags: Vec<String>) -> PyResult<Self> {
        let buffer = PyBuffer::<u8>::get(buffer)?;
        if !buffer.is_c_contiguous() {
            return Err(PyValueError::new_err("Segmenter: the lexicon buffer is not contiguous"));
        }
        let seg = Segmenter {
            buffer,
            offsets_at,
            count,
            words_at,
            total,
            tags: tags.iter().map(|t| (!t.is_empty()).then(|| PyString::intern(py, t).unbind())).collect(),
            eng: PyString::intern(py, "eng").unbind(),
            x: PyString::intern(py, "x").unbind(),
            first: OnceLock::new(),
        };
        // SAFETY: as in `lexicon`, once the buffer is known to be contiguous.
        let bytes = unsafe { std::slice::from_raw_parts(seg.buffer.buf_ptr() as *const u8, seg.buffer.len_bytes()) };
        if Lexicon::new(bytes, offsets_at, count, words_at, total).is_none() {
            return Err(PyValueError::new_err("Segmenter: the lexicon layout does not fit its buffer"));
        }
        Ok(seg)
    }

    /// The word's frequency in the dictionary, or None when it is not an entry (`Lexicon.freq`).
    fn freq(&self, word: &Bound<'_, PyString>) -> Option<u32> {
        let lex = self.lexicon();
        self.entry(&lex, word).map(|i| lex.freq(i))
    }

    /// The word's tag in the dictionary, or None when it is not an entry or has none (`Lexicon.pos`).
    fn pos<'py>(&self, word: &Bound<'py, PyString>) -> Option<Bound<'py, PyString>> {
        let lex = self.lexicon();
        self.tag(word.py(), lex.tag(self.entry(&lex, word)?))
    }

    /// The words of `window`, as `jieba.cut(window, HMM=False)`.
    fn segment<'py>(&self, window: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
        let words = self.words(window, Mode::Cut)?;
        PyList::new(window.py(), words.into_iter().map(|(w, _)| w))
    }

    /// `(word, tag)` pairs of `window`, as `jieba.posseg.cut(window, HMM=False)`.
    fn tagged<'py>(&self, window: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
        let py = window.py();
        let words = self.words(window, Mode::Tag)?;
        let pairs = words.into_iter().map(|(w, tag)| {
            let tag = match tag {
                Tag::Eng => self.eng.bind(py).clone(),
                Tag::X => self.x.bind(py).clone(),
                Tag::Entry(k) => self.tag(py, k).unwrap_or_else(|| self.x.bind(py).clone()),
            };
            PyTuple::new(py, [w.into_any(), tag.into_any()])
        });
        PyList::new(py, pairs.collect::<PyResult<Vec<_>>>()?)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Segmenter>()
}
