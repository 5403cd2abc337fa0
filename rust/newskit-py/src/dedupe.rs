//! `newskit._core.dedupe_winnow` / `dedupe_self_join`: dedupe's fingerprints and candidate counting over
//! NumPy arrays (any C-contiguous buffer of the stated type, read in place), answering raw native-endian
//! bytes that `newskit/dedupe/fingerprint.py` and `candidates.py` view as arrays.
use newskit_core::dedupe;
use pyo3::buffer::{Element, PyBuffer};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyString};

use crate::lint::code_points;

/// A C-contiguous buffer of `T` (PyBuffer checks the item type, size and alignment).
fn buffer<T: Element>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<PyBuffer<T>> {
    let buf = PyBuffer::<T>::get(obj).map_err(|e| PyValueError::new_err(format!("dedupe: {what}: {e}")))?;
    if !buf.is_c_contiguous() {
        return Err(PyValueError::new_err(format!("dedupe: {what} is not contiguous")));
    }
    Ok(buf)
}

/// The buffer's items, read in place.
fn items<T: Element>(buf: &PyBuffer<T>) -> &[T] {
    if buf.item_count() == 0 {
        return &[];
    }
    // SAFETY: the buffer is C-contiguous with items of type T (checked by PyBuffer::get and `buffer`), and
    // stays exported, unmoved, for as long as `buf` lives; the arrays are not written while we read them.
    unsafe { std::slice::from_raw_parts(buf.buf_ptr() as *const T, buf.item_count()) }
}

fn bytes_of<'py, T: Copy>(py: Python<'py>, v: &[T]) -> Bound<'py, PyByteArray> {
    // SAFETY: T is a plain integer type; its bytes are read as they lie in memory (native order).
    let raw = unsafe { std::slice::from_raw_parts(v.as_ptr() as *const u8, std::mem::size_of_val(v)) };
    PyByteArray::new(py, raw)
}

type Three<'py> = (Bound<'py, PyByteArray>, Bound<'py, PyByteArray>, Bound<'py, PyByteArray>);
type Four<'py> = (Bound<'py, PyByteArray>, Bound<'py, PyByteArray>, Bound<'py, PyByteArray>, Bound<'py, PyByteArray>);

/// (unit uint32, hash uint64, counts int64) of `fingerprint.winnow`: `codes` uint32 code points,
/// `ranges` int64 `(start, end)` pairs, flattened.
#[pyfunction]
fn dedupe_winnow<'py>(py: Python<'py>, codes: &Bound<'py, PyAny>, ranges: &Bound<'py, PyAny>, n: usize, window: usize)
                      -> PyResult<Three<'py>> {
    let codes = buffer::<u32>(codes, "codes")?;
    let ranges = buffer::<i64>(ranges, "ranges")?;
    let (codes, flat) = (items(&codes), items(&ranges));
    if !flat.len().is_multiple_of(2) || flat.iter().any(|&x| x < 0) {
        return Err(PyValueError::new_err("dedupe: ranges are (start, end) pairs of offsets"));
    }
    let ranges: Vec<(usize, usize)> = flat.chunks_exact(2).map(|r| (r[0] as usize, r[1] as usize)).collect();
    let p = dedupe::winnow(codes, &ranges, n, window);
    Ok((bytes_of(py, &p.unit), bytes_of(py, &p.hash), bytes_of(py, &p.counts)))
}

/// (a uint32, b uint32, shared uint32, live int64) of `candidates.self_join`.
#[pyfunction]
fn dedupe_self_join<'py>(py: Python<'py>, unit: &Bound<'py, PyAny>, hash: &Bound<'py, PyAny>,
                         unit_group: &Bound<'py, PyAny>, max_df: usize, units: usize) -> PyResult<Four<'py>> {
    let (unit, hash, group) = (buffer::<u32>(unit, "unit")?, buffer::<u64>(hash, "hash")?,
                               buffer::<i64>(unit_group, "unit_group")?);
    let (unit, hash, group) = (items(&unit), items(&hash), items(&group));
    if unit.len() != hash.len() || group.len() < units || unit.iter().any(|&u| u as usize >= units) {
        return Err(PyValueError::new_err("dedupe: postings and unit groups do not match"));
    }
    let c = dedupe::self_join(unit, hash, group, max_df, units);
    Ok((bytes_of(py, &c.a), bytes_of(py, &c.b), bytes_of(py, &c.shared), bytes_of(py, &c.live)))
}

type SmallJoin = (Vec<i64>, Vec<(u32, u32, u32)>);

/// (live counts, [(a, b, shared), ...] sorted) of `engine.small_candidates`: each unit's matching text, its
/// group, the n-gram size and window, the stock threshold.
#[pyfunction]
fn dedupe_small_join(texts: Vec<Bound<'_, PyString>>, unit_group: Vec<i64>, n: usize, window: usize, max_df: usize)
                     -> PyResult<SmallJoin> {
    if unit_group.len() != texts.len() {
        return Err(PyValueError::new_err("dedupe: one group per unit"));
    }
    let codes: Vec<Vec<u32>> = texts.iter().map(code_points).collect::<PyResult<_>>()?;
    Ok(dedupe::small_join_texts(&codes, &unit_group, n, window, max_df))
}

/// The matching-text fold of `newskit/dedupe/normalize.py`, compiled for the characters it has been taught
/// (`learn`, from Python's `_FOLD`); `fold` and `fold_map` answer None for a text it cannot fold alone.
#[pyclass(frozen, module = "newskit._core")]
#[derive(Default)]
struct MatchingFold {
    fold: std::sync::Mutex<dedupe::Fold>,
}

impl MatchingFold {
    fn table(&self) -> std::sync::MutexGuard<'_, dedupe::Fold> {
        self.fold.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn text_of(cps: &[u32]) -> String {
    cps.iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')).collect()
}

#[pymethods]
impl MatchingFold {
    #[new]
    fn new() -> Self {
        MatchingFold::default()
    }

    /// Teach `(code point, what it folds to)` pairs.
    fn learn(&self, pairs: Vec<(u32, Bound<'_, PyString>)>) -> PyResult<()> {
        let mut table = self.table();
        for (code, folded) in pairs {
            table.learn(code, &code_points(&folded)?);
        }
        Ok(())
    }

    /// The distinct characters of `text` not taught yet (in the BMP).
    fn unknown(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
        Ok(self.table().unknown(&code_points(text)?))
    }

    /// `matching_text(text)`, or None.
    fn fold(&self, text: &Bound<'_, PyString>) -> PyResult<Option<String>> {
        Ok(self.table().fold(&code_points(text)?, None).map(|f| text_of(&f)))
    }

    /// `matching_map(text)`: the matching text and the index each character came from, or None.
    fn fold_map(&self, text: &Bound<'_, PyString>) -> PyResult<Option<(String, Vec<usize>)>> {
        let mut origin = Vec::new();
        Ok(self.table().fold(&code_points(text)?, Some(&mut origin)).map(|f| (text_of(&f), origin)))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<MatchingFold>()?;
    m.add_function(wrap_pyfunction!(dedupe_winnow, m)?)?;
    m.add_function(wrap_pyfunction!(dedupe_small_join, m)?)?;
    m.add_function(wrap_pyfunction!(dedupe_self_join, m)?)
}
