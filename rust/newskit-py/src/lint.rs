//! `newskit._core` lint kernels: thin wrappers over `newskit_core::lint`.
use newskit_core::lint::{clauses, findings, pairs, phrases, punct, reading, repeats, spaces, triggers};
use newskit_core::pieces::PieceMap;
use pyo3::exceptions::PyValueError;
use pyo3::ffi;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use std::ffi::c_void;
use std::sync::{Arc, Mutex, OnceLock};

/// A Python string's code points (one `u32` per character, so indices are Python's), copied once.
/// `PyUnicode_AsUCS4` leaves no UTF-8 copy cached on the string, unlike `to_str`.
pub(crate) fn code_points(text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    let ptr = text.as_ptr();
    // SAFETY: `ptr` is a live str (the Bound holds a reference); the buffer has room for every character.
    unsafe {
        let len = pyo3::ffi::PyUnicode_GetLength(ptr);
        if len < 0 {
            return Err(PyErr::fetch(text.py()));
        }
        let mut buf: Vec<u32> = Vec::with_capacity(len as usize);
        if len > 0 {
            let done = pyo3::ffi::PyUnicode_AsUCS4(ptr, buf.as_mut_ptr(), len, 0);
            if done.is_null() {
                return Err(PyErr::fetch(text.py()));
            }
        }
        buf.set_len(len as usize);
        Ok(buf)
    }
}

/// `model.Document.line_starts`: 0 and the offset after every `\n`, in code points.
#[pyfunction]
fn line_starts(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    let cps = code_points(text)?;
    let mut out = Vec::with_capacity(cps.len() / 32 + 1);
    out.push(0);
    out.extend(cps.iter().enumerate().filter(|&(_, &c)| c == u32::from(b'\n')).map(|(i, _)| i + 1));
    Ok(out)
}

/// `newskit.split.blocks.make_blocks`'s spans: `[(start, end, line_start, line_end), ...]`.
#[pyfunction]
fn blocks(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize, usize, usize)>> {
    let cps = code_points(text)?;
    Ok(reading::blocks(&cps).into_iter().map(|b| (b.start, b.end, b.line_start, b.line_end)).collect())
}

/// R101's repeats: `[(start, unit length), ...]`, the longest Han unit (up to 4) followed by itself at each
/// position.
#[pyfunction]
fn repeated_units(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    Ok(repeats::repeats(&code_points(text)?))
}

/// S101's spaces in many texts in one call (the texts of a dump holding a space): `[(text index, start,
/// end), ...]`, every run of spaces between a Han character and an ASCII digit, in order.
#[pyfunction]
fn han_digit_spaces_in(texts: Vec<Bound<'_, PyString>>) -> PyResult<Vec<(usize, usize, usize)>> {
    in_each(&texts, spaces::han_digit_spaces, |k, (i, j)| (k, i, j))
}

/// What `scan` finds in each text, one list for all of them, each answer tagged with its text's index.
fn in_each<T, R>(texts: &[Bound<'_, PyString>], scan: impl Fn(&[u32]) -> Vec<T>,
                 tag: impl Fn(usize, T) -> R) -> PyResult<Vec<R>> {
    let mut out = Vec::new();
    for (k, text) in texts.iter().enumerate() {
        out.extend(scan(&code_points(text)?).into_iter().map(|found| tag(k, found)));
    }
    Ok(out)
}

/// S102's spaces in many texts in one call (the texts of a dump holding a space): `[(text index, start,
/// end), ...]`, every run of spaces between two Han characters, in order.
#[pyfunction]
fn han_spaces_in(texts: Vec<Bound<'_, PyString>>) -> PyResult<Vec<(usize, usize, usize)>> {
    in_each(&texts, spaces::han_spaces, |k, (i, j)| (k, i, j))
}

/// One of S103's runs of spaces: (text index, start, end, word start, word end).
type LatinSpace = (usize, usize, usize, usize, usize);

/// S103's spaces in many texts in one call (the texts of a dump holding a space): `[(text index, start, end,
/// word start, word end), ...]`, every run of spaces between a Han character and an ASCII letter and the
/// letters next to it, in order.
#[pyfunction]
fn han_latin_spaces_in(texts: Vec<Bound<'_, PyString>>) -> PyResult<Vec<LatinSpace>> {
    in_each(&texts, spaces::han_latin_spaces, |k, (i, j, a, b)| (k, i, j, a, b))
}

/// R201's cheap test over every run of paragraphs of a dump in one call: `texts` are the runs' paragraphs one
/// run after another, `lengths` how many each run has. For each run in which some paragraph shares a clause
/// of 8+ characters with one at most `max_gap` before it: `(run, positions, clauses)`, the positions in the
/// run (sorted) and the clauses they share.
#[pyfunction]
fn shared_clauses_in(texts: Vec<Bound<'_, PyString>>, lengths: Vec<usize>, max_gap: usize) -> PyResult<Vec<RunClauses>> {
    if lengths.iter().sum::<usize>() != texts.len() {
        return Err(PyValueError::new_err("shared_clauses_in: the run lengths do not add up to the texts"));
    }
    let cps = texts.iter().map(code_points).collect::<PyResult<Vec<_>>>()?;
    let refs: Vec<&[u32]> = cps.iter().map(Vec::as_slice).collect();
    let mut out = Vec::new();
    let mut first = 0;
    for (run, &n) in lengths.iter().enumerate() {
        let (involved, shared) = clauses::shared_clauses(&refs[first..first + n], max_gap);
        first += n;
        if !involved.is_empty() {
            let shared = shared.iter().map(|c| c.iter().map(|&u| char::from_u32(u).unwrap_or('\u{fffd}')).collect()).collect();
            out.push((run, involved, shared));
        }
    }
    Ok(out)
}

/// `shared_clauses_in`'s answer for one run: (run, positions, clauses).
type RunClauses = (usize, Vec<usize>, Vec<String>);

/// P106's quick test: every paired mark nests (ASCII parentheses as full-width ones; an apostrophe is no mark).
#[pyfunction]
fn balanced_pairs(text: &Bound<'_, PyString>) -> PyResult<bool> {
    Ok(pairs::balanced(&code_points(text)?))
}

/// Every rule trigger in one automaton: `scan_page(texts)` says which texts hold which triggers.
#[pyclass(frozen, module = "newskit._core")]
struct TriggerSet {
    inner: triggers::Triggers,
}

#[pymethods]
impl TriggerSet {
    /// `triggers`: (pattern, key characters) pairs, every match of a pattern holding a key character.
    #[new]
    fn new(triggers: Vec<(String, String)>) -> PyResult<Self> {
        triggers::Triggers::new(&triggers).map(|inner| TriggerSet { inner }).map_err(PyValueError::new_err)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// A page's texts, scanned for key characters now and confirmed trigger by trigger when asked
    /// (`PageTriggers.holds`, `PageTriggers.holding`).
    fn scan_page(slf: &Bound<'_, Self>, texts: Vec<Bound<'_, PyString>>) -> PyResult<PageTriggers> {
        let cps = texts.iter().map(code_points).collect::<PyResult<Vec<_>>>()?;
        let scan = triggers::PageScan::new(&slf.get().inner, cps);
        Ok(PageTriggers { set: slf.clone().unbind(), scan })
    }
}

/// `TriggerSet.scan_page`'s answer: which texts of one page hold which triggers, each trigger's regex run
/// the first time a rule asks for it.
#[pyclass(module = "newskit._core")]
struct PageTriggers {
    set: Py<TriggerSet>,
    scan: triggers::PageScan,
}

impl PageTriggers {
    fn check(&self, k: usize, text: usize) -> PyResult<()> {
        if k >= self.set.get().inner.len() || text >= self.scan.len() {
            return Err(PyValueError::new_err("PageTriggers: no such trigger or text"));
        }
        Ok(())
    }
}

#[pymethods]
impl PageTriggers {
    fn __len__(&self) -> usize {
        self.scan.len()
    }

    /// Whether trigger `k` occurs in text `text`.
    fn holds(&mut self, k: usize, text: usize) -> PyResult<bool> {
        self.check(k, text)?;
        Ok(self.scan.holds(&self.set.get().inner, text, k))
    }

    /// The texts from `first` on holding trigger `k`, in order.
    #[pyo3(signature = (k, first=0))]
    fn holding(&mut self, k: usize, first: usize) -> PyResult<Vec<usize>> {
        self.check(k, 0)?;
        Ok(self.scan.holding(&self.set.get().inner, k, first))
    }

    /// `repeated_units` of the texts from `first` on (R101 reads every text of the dump: most hold no
    /// repeat): `[(text, start, unit length), ...]` in order.
    #[pyo3(signature = (first=0))]
    fn repeated_units(&self, first: usize) -> Vec<(usize, usize, usize)> {
        (first..self.scan.len())
            .flat_map(|t| repeats::repeats(self.scan.text(t)).into_iter().map(move |(i, n)| (t, i, n)))
            .collect()
    }

    /// The texts from `first` on that `balanced_pairs` does not settle, in order (P106 walks only these:
    /// most texts of a page are balanced, and they are read here without converting them again).
    #[pyo3(signature = (first=0))]
    fn unbalanced(&self, first: usize) -> Vec<usize> {
        (first..self.scan.len()).filter(|&t| !pairs::balanced(self.scan.text(t))).collect()
    }
}

/// A phrase list's forms in one automaton: `find(texts)` gives every occurrence in every text at once.
#[pyclass(frozen, module = "newskit._core")]
struct PhraseSet {
    inner: phrases::Phrases,
}

#[pymethods]
impl PhraseSet {
    #[new]
    fn new(forms: Vec<String>) -> PyResult<Self> {
        phrases::Phrases::new(&forms).map(|inner| PhraseSet { inner }).map_err(PyValueError::new_err)
    }

    /// `[(text index, start, end, form index), ...]`, overlapping occurrences included, in code points.
    fn find(&self, texts: Vec<Bound<'_, PyString>>) -> PyResult<Vec<(usize, usize, usize, usize)>> {
        let cps = texts.iter().map(code_points).collect::<PyResult<Vec<_>>>()?;
        Ok(self.inner.find(&cps).into_iter().map(|o| (o.text, o.start, o.end, o.form)).collect())
    }

    /// `find` over the texts of a page scan from `first` on (read where the scan holds them, not converted
    /// again): `[(text, start, end, form index), ...]`, text numbered as in the scan.
    #[pyo3(signature = (page, first=0))]
    fn find_on(&self, page: PyRef<'_, PageTriggers>, first: usize) -> Vec<(usize, usize, usize, usize)> {
        let texts: Vec<&[u32]> = (first..page.scan.len()).map(|t| page.scan.text(t)).collect();
        self.inner.find(&texts).into_iter().map(|o| (first + o.text, o.start, o.end, o.form)).collect()
    }
}

/// One document for building findings in bulk (`LintContext.findings`): its code points and line starts.
#[pyclass(frozen, module = "newskit._core")]
struct Page {
    inner: findings::Page,
    /// the document's own string: most excerpts are a slice of it
    text: Py<PyString>,
    /// how this page's findings, fixes and edits are made (the classes of the first call)
    finding_filler: OnceLock<Option<Arc<Filler>>>,
    fix_filler: OnceLock<Option<Arc<Filler>>>,
    edit_filler: OnceLock<Option<Arc<Filler>>>,
}

/// The fields of `newskit.model.Finding`, `Fix` and `Edit`, in order.
const FINDING_FIELDS: [&str; 16] = ["code", "name", "severity", "message", "path", "line", "column", "end_line",
                                    "end_column", "start", "end", "article", "excerpt", "excerpt_offset", "fix",
                                    "fingerprint"];
const FIX_FIELDS: [&str; 3] = ["edits", "applicability", "title"];
const EDIT_FIELDS: [&str; 3] = ["start", "end", "replacement"];

/// Builds instances of a frozen, slotted dataclass without running Python: the object allocated by its
/// type, each field set through its slot's descriptor (what the dataclass's `__init__` does, less the frame
/// and one Python call per field: a page of half-width commas makes hundreds of findings, and their
/// constructors were a quarter of the P and S rules' time).
///
/// The instances of a frozen dataclass are left untracked by the cyclic garbage collector: frozen, they can
/// be in no reference cycle of their own making, and a lint run keeps tens of thousands of findings (and a
/// page's pieces and paragraphs) that every full collection walked again (about 5% of a lint run).
pub(crate) struct Filler {
    class: Py<PyAny>,
    alloc: ffi::allocfunc,
    slots: Vec<(Py<PyAny>, ffi::descrsetfunc)>,
    /// where each field's slot lies in an instance, in bytes, when found (see `slot_offsets`): a field is then
    /// stored there directly, as its descriptor would store it, without a call per field
    offsets: Option<Vec<usize>>,
    untrack: bool,
}

/// The byte offset of each slot of `slots` in an instance of `class`: each field of a probe instance set
/// through its descriptor to an object of its own, then looked for among the instance's words (the limited
/// API does not show a member descriptor's offset). None unless each probe is found once, past the object
/// header, inside `__basicsize__`.
fn slot_offsets(class: &Bound<'_, PyType>, alloc: ffi::allocfunc, slots: &[(Py<PyAny>, ffi::descrsetfunc)])
                -> Option<Vec<usize>> {
    let py = class.py();
    let basicsize: usize = class.getattr("__basicsize__").ok()?.extract().ok()?;
    let word = std::mem::size_of::<*mut ffi::PyObject>();
    let header = std::mem::size_of::<ffi::PyObject>();
    let probes: Vec<Bound<'_, PyList>> = slots.iter().map(|_| PyList::empty(py)).collect();
    // SAFETY: a live type and its own allocator; the probe is owned here and released at the end of the
    // block (its slots then hold the probes, released with it); the reads stay inside `__basicsize__`.
    unsafe {
        let obj = alloc(class.as_type_ptr(), 0);
        if obj.is_null() {
            PyErr::fetch(py);
            return None;
        }
        let obj = Bound::from_owned_ptr(py, obj);
        for ((descr, set), probe) in slots.iter().zip(&probes) {
            if set(descr.as_ptr(), obj.as_ptr(), probe.as_ptr()) < 0 {
                PyErr::fetch(py);
                return None;
            }
        }
        let words = obj.as_ptr().cast::<*mut ffi::PyObject>();
        let mut offsets = Vec::with_capacity(slots.len());
        for probe in &probes {
            let mut found = (header / word..basicsize / word).filter(|&w| *words.add(w) == probe.as_ptr());
            match (found.next(), found.next()) {
                (Some(w), None) => offsets.push(w * word),
                _ => return None,
            }
        }
        Some(offsets)
    }
}

impl Filler {
    /// None (the class is then called) unless `class` is a dataclass whose fields are `names`, in order,
    /// each a slot, with no `__post_init__`.
    fn new(class: &Bound<'_, PyAny>, names: &[&str]) -> Option<Filler> {
        let py = class.py();
        let class_type = class.cast::<PyType>().ok()?;
        let fields = py.import("dataclasses").ok()?.getattr("fields").ok()?.call1((class,)).ok()?;
        let found: Vec<String> = fields.try_iter().ok()?
            .map(|f| f.and_then(|f| f.getattr("name")?.extract::<String>()))
            .collect::<PyResult<_>>().ok()?;
        if found != names || class.hasattr("__post_init__").ok()? {
            return None;
        }
        let frozen = class.getattr("__dataclass_params__").and_then(|p| p.getattr("frozen")?.is_truthy()).ok()?;
        let own = class.getattr("__dict__").ok()?;
        let member_type = py.import("types").ok()?.getattr("MemberDescriptorType").ok()?;
        let mut slots = Vec::with_capacity(names.len());
        for name in names {
            let descr = own.get_item(name).ok()?;
            if !descr.get_type().is(&member_type) {
                return None;
            }
            // SAFETY: a live type object; PyType_GetSlot accepts static types since 3.10.
            let set = unsafe { ffi::PyType_GetSlot(ffi::Py_TYPE(descr.as_ptr()), ffi::Py_tp_descr_set) };
            if set.is_null() {
                return None;
            }
            // SAFETY: the slot Py_tp_descr_set holds a descrsetfunc.
            slots.push((descr.unbind(), unsafe { std::mem::transmute::<*mut c_void, ffi::descrsetfunc>(set) }));
        }
        // SAFETY: a live heap type; Py_tp_alloc holds an allocfunc.
        let alloc = unsafe { ffi::PyType_GetSlot(class_type.as_type_ptr(), ffi::Py_tp_alloc) };
        if alloc.is_null() {
            return None;
        }
        let alloc = unsafe { std::mem::transmute::<*mut c_void, ffi::allocfunc>(alloc) };
        // SAFETY: a live type object. Only an instance of a GC type has the header untracking works on.
        let gc = unsafe { ffi::PyType_GetFlags(class_type.as_type_ptr()) } & ffi::Py_TPFLAGS_HAVE_GC != 0;
        let offsets = slot_offsets(class_type, alloc, &slots);
        Some(Filler { class: class.clone().unbind(), alloc, slots, offsets, untrack: frozen && gc })
    }

    pub(crate) fn fill<'py>(&self, class: &Bound<'py, PyAny>, values: &[Bound<'py, PyAny>]) -> PyResult<Bound<'py, PyAny>> {
        let py = class.py();
        // SAFETY: `class` is this filler's type (checked by `make`); the object is owned here until returned,
        // and every value is a live object whose reference the slot setter takes.
        unsafe {
            let obj = (self.alloc)(class.as_ptr().cast::<ffi::PyTypeObject>(), 0);
            if obj.is_null() {
                return Err(PyErr::fetch(py));
            }
            let obj = Bound::from_owned_ptr(py, obj);
            match &self.offsets {
                // What a slot's descriptor does to a fresh instance (its slots are all NULL): store a new
                // reference. A field left without a value stays unset, as through the descriptor.
                Some(offsets) => {
                    let base = obj.as_ptr().cast::<u8>();
                    for (&offset, value) in offsets.iter().zip(values) {
                        *base.add(offset).cast::<*mut ffi::PyObject>() = value.clone().into_ptr();
                    }
                }
                None => {
                    for ((descr, set), value) in self.slots.iter().zip(values) {
                        if set(descr.as_ptr(), obj.as_ptr(), value.as_ptr()) < 0 {
                            return Err(PyErr::fetch(py));
                        }
                    }
                }
            }
            if self.untrack {
                ffi::PyObject_GC_UnTrack(obj.as_ptr().cast()); // a GC type's instance (checked in new)
            }
            Ok(obj)
        }
    }
}

/// A class a filler was asked for, with its filler (None: the class is called).
type KnownFiller = (Py<PyAny>, Option<Arc<Filler>>);
/// Every class a filler was asked for in this process.
static FILLERS: Mutex<Vec<KnownFiller>> = Mutex::new(Vec::new());

/// The filler of `class`, made once per process (reading a dataclass's fields costs more than a page's
/// findings). The lock is never held while Python runs (an import may let another thread in).
pub(crate) fn filler_of(class: &Bound<'_, PyAny>, names: &[&str]) -> Option<Arc<Filler>> {
    let known = |class: &Bound<'_, PyAny>| {
        let fillers = FILLERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        fillers.iter().find(|(c, _)| c.as_ptr() == class.as_ptr()).map(|(_, f)| f.clone())
    };
    if let Some(filler) = known(class) {
        return filler;
    }
    let filler = Filler::new(class, names).map(Arc::new);
    FILLERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((class.clone().unbind(), filler.clone()));
    filler
}

/// An instance of `class` with fields `values` (in field order): filled directly when the page's filler is
/// for this class, else by calling it.
fn make<'py>(filler: &OnceLock<Option<Arc<Filler>>>, class: &Bound<'py, PyAny>, names: &[&str],
             values: &[Bound<'py, PyAny>]) -> PyResult<Bound<'py, PyAny>> {
    match filler.get_or_init(|| filler_of(class, names)) {
        Some(f) if f.class.bind(class.py()).is(class) && values.len() == f.slots.len() => f.fill(class, values),
        _ => class.call1(PyTuple::new(class.py(), values)?),
    }
}

#[pymethods]
impl Page {
    /// `text` and `line_starts` as `Document` holds them.
    #[new]
    fn new(text: &Bound<'_, PyString>, line_starts: Vec<usize>) -> PyResult<Self> {
        if line_starts.first() != Some(&0) || line_starts.windows(2).any(|w| w[0] > w[1]) {
            return Err(PyValueError::new_err("Page: line_starts must start at 0 and be sorted"));
        }
        Ok(Page {
            inner: findings::Page::new(code_points(text)?, line_starts),
            text: text.clone().unbind(),
            finding_filler: OnceLock::new(),
            fix_filler: OnceLock::new(),
            edit_filler: OnceLock::new(),
        })
    }

    /// `finding_class(code, name, severity, message, path, line, column, end_line, end_column, start, end,
    /// article, excerpt, excerpt_offset, fix, fingerprint)` for every row `(start, end, message, severity,
    /// article, fix)` of rule `code`, in order.
    fn findings<'py>(&self, finding_class: &Bound<'py, PyAny>, code: &Bound<'py, PyString>,
                     name: &Bound<'py, PyAny>, path: &Bound<'py, PyAny>, rows: &Bound<'py, PyList>)
                     -> PyResult<Bound<'py, PyList>> {
        let py = rows.py();
        let rule = Rule { finding_class, code, code_str: code.to_str()?, name, path };
        let out = PyList::empty(py);
        for row in rows.iter() {
            let row = row.cast_into::<PyTuple>()?;
            if row.len() != 6 {
                return Err(PyValueError::new_err("Page.findings: a row is (start, end, message, severity, article, fix)"));
            }
            let start: usize = row.get_item(0)?.extract()?;
            let end: usize = row.get_item(1)?.extract()?;
            out.append(self.finding(&rule, (start, end), None, row.get_item(2)?, row.get_item(3)?, row.get_item(4)?,
                                    row.get_item(5)?)?)?;
        }
        Ok(out)
    }

    /// `findings` for spans inside one mapped text (`MappedText`'s `pieces`, each with `offset`, `start` and
    /// `end`, and the text's length): every row `(i, j, message, severity, article, replacement, applicability,
    /// title)` is a finding at `text[i:j]` mapped back to the document, with, when `replacement` is not None
    /// and the span lies inside one piece, the fix `fix_class((edit_class(start, end, replacement),),
    /// applicability, title)`.
    #[allow(clippy::too_many_arguments)]
    fn findings_in<'py>(&self, finding_class: &Bound<'py, PyAny>, fix_class: &Bound<'py, PyAny>,
                        edit_class: &Bound<'py, PyAny>, code: &Bound<'py, PyString>, name: &Bound<'py, PyAny>,
                        path: &Bound<'py, PyAny>, pieces: &Bound<'py, PyAny>, text_len: i64,
                        rows: &Bound<'py, PyList>) -> PyResult<Bound<'py, PyList>> {
        let py = rows.py();
        let rule = Rule { finding_class, code, code_str: code.to_str()?, name, path };
        let spans = piece_spans(pieces)?;
        let mapped = PieceMap { pieces: &spans, len: text_len };
        let out = PyList::empty(py);
        for row in rows.iter() {
            let row = row.cast_into::<PyTuple>()?;
            if row.len() != 8 {
                return Err(PyValueError::new_err(
                    "Page.findings_in: a row is (i, j, message, severity, article, replacement, applicability, title)"));
            }
            let (i, j): (i64, i64) = (row.get_item(0)?.extract()?, row.get_item(1)?.extract()?);
            out.append(self.mapped_finding(&rule, (fix_class, edit_class), &mapped, i, j, row.get_item(2)?,
                                           row.get_item(3)?, row.get_item(4)?,
                                           [row.get_item(5)?, row.get_item(6)?, row.get_item(7)?])?)?;
        }
        Ok(out)
    }

    /// P101's findings in the mapped texts of one dump, each `(pieces, text, article)`: each half-width mark
    /// that `halfwidth_marks` finds alone is the finding `findings_in` makes of the row `(i, j, message,
    /// severity, article, full, applicability, title)`, `(full, message, title)` being `marks[text[i]]`, in
    /// text order. The parenthesis pairs, `(text index, open, close)`, are returned for the rule to report (a
    /// fix of two edits). One call per dump: a page of half-width commas has hundreds of texts to read.
    #[allow(clippy::too_many_arguments)]
    fn halfwidth_findings<'py>(&self, finding_class: &Bound<'py, PyAny>, fix_class: &Bound<'py, PyAny>,
                               edit_class: &Bound<'py, PyAny>, code: &Bound<'py, PyString>,
                               name: &Bound<'py, PyAny>, path: &Bound<'py, PyAny>, texts: &Bound<'py, PyList>,
                               marks: &Bound<'py, PyDict>, severity: &Bound<'py, PyAny>,
                               applicability: &Bound<'py, PyAny>)
                               -> PyResult<MarkFindings<'py>> {
        let py = texts.py();
        let rule = Rule { finding_class, code, code_str: code.to_str()?, name, path };
        let out = PyList::empty(py);
        let mut pairs = Vec::new();
        // The few marks a page holds, each looked up in `marks` once: (mark, full, message, title).
        let mut said: Vec<(u32, [Bound<'py, PyAny>; 3])> = Vec::new();
        for (t, entry) in texts.iter().enumerate() {
            let entry = entry.cast_into::<PyTuple>()?;
            if entry.len() != 3 {
                return Err(PyValueError::new_err("Page.halfwidth_findings: a text is (pieces, text, article)"));
            }
            let cps = code_points(entry.get_item(1)?.cast::<PyString>()?)?;
            let spans = piece_spans(&entry.get_item(0)?)?;
            let article = entry.get_item(2)?;
            let mapped = PieceMap { pieces: &spans, len: cps.len() as i64 };
            for mark in punct::halfwidth_marks(&cps) {
                let (i, j) = match mark {
                    punct::Mark::Pair { open, close } => {
                        pairs.push((t, open, close));
                        continue;
                    }
                    punct::Mark::Single { start, end } => (start, end),
                };
                let c = cps[i];
                let k = match said.iter().position(|s| s.0 == c) {
                    Some(k) => k,
                    None => {
                        let half = PyString::new(py, &char::from_u32(c).unwrap_or('\u{fffd}').to_string());
                        let entry = marks.get_item(half)?.ok_or_else(|| PyValueError::new_err("halfwidth_findings: a mark not in marks"))?;
                        let entry = entry.cast_into::<PyTuple>()?;
                        said.push((c, [entry.get_item(0)?, entry.get_item(1)?, entry.get_item(2)?]));
                        said.len() - 1
                    }
                };
                let [full, message, title] = &said[k].1;
                out.append(self.mapped_finding(&rule, (fix_class, edit_class), &mapped, i as i64, j as i64,
                                               message.clone(), severity.clone(), article.clone(),
                                               [full.clone(), applicability.clone(), title.clone()])?)?;
            }
        }
        Ok((out, pairs))
    }
}

/// `halfwidth_findings`' answer: the findings of the single marks, and the parenthesis pairs.
type MarkFindings<'py> = (Bound<'py, PyList>, Vec<(usize, usize, usize)>);

/// `tuple`, left to the cyclic garbage collector only if one of its items is: a fix's one-edit tuple holds an
/// untracked frozen `Edit` (what a collection would find and untrack it for), and a page of half-width commas
/// makes hundreds, each of which would otherwise count towards the next collection.
fn untracked_if_leaf(tuple: Bound<'_, PyTuple>) -> PyResult<Bound<'_, PyAny>> {
    // SAFETY: live objects; a tuple is a GC type, and untracking one whose items are all untracked is what
    // the collector itself does (it can be part of no cycle).
    unsafe {
        if tuple.iter().all(|item| ffi::PyObject_GC_IsTracked(item.as_ptr()) == 0) {
            ffi::PyObject_GC_UnTrack(tuple.as_ptr().cast());
        }
    }
    Ok(tuple.into_any())
}

/// A mapped text's pieces as (offset, start, end).
fn piece_spans(pieces: &Bound<'_, PyAny>) -> PyResult<Vec<(i64, i64, i64)>> {
    let py = pieces.py();
    let mut spans = Vec::new();
    for piece in pieces.try_iter()? {
        let piece = piece?;
        spans.push((piece.getattr(intern!(py, "offset"))?.extract()?, piece.getattr(intern!(py, "start"))?.extract()?,
                    piece.getattr(intern!(py, "end"))?.extract()?));
    }
    Ok(spans)
}

/// What every finding of one rule shares.
struct Rule<'a, 'py> {
    finding_class: &'a Bound<'py, PyAny>,
    code: &'a Bound<'py, PyString>,
    code_str: &'a str,
    name: &'a Bound<'py, PyAny>,
    path: &'a Bound<'py, PyAny>,
}

impl Page {
    /// The finding at text `[i, j)` of `mapped`; with a `replacement` (`fix` is `[replacement,
    /// applicability, title]`) not None and the span inside one piece, its fix.
    #[allow(clippy::too_many_arguments)]
    fn mapped_finding<'py>(&self, rule: &Rule<'_, 'py>, (fix_class, edit_class): (&Bound<'py, PyAny>, &Bound<'py, PyAny>),
                           mapped: &PieceMap<'_>, i: i64, j: i64, message: Bound<'py, PyAny>,
                           severity: Bound<'py, PyAny>, article: Bound<'py, PyAny>,
                           [replacement, applicability, title]: [Bound<'py, PyAny>; 3]) -> PyResult<Bound<'py, PyAny>> {
        let py = message.py();
        let (start, end) = mapped.source_span(i, j);
        let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
            return Err(PyValueError::new_err("Page.findings_in: a span maps before the document"));
        };
        let bounds = [start.into_pyobject(py)?.into_any(), end.into_pyobject(py)?.into_any()];
        let fix = match mapped.contiguous_span(i, j) {
            Some((a, b)) if !replacement.is_none() => {
                // The edit's ends are the finding's own in all but a few spans: the same int objects then.
                let [a, b] = [(a, start, &bounds[0]), (b, end, &bounds[1])]
                    .map(|(x, y, same)| if x == y as i64 { Ok(same.clone()) } else { x.into_pyobject(py).map(Bound::into_any) });
                let edit = make(&self.edit_filler, edit_class, &EDIT_FIELDS, &[a?, b?, replacement])?;
                make(&self.fix_filler, fix_class, &FIX_FIELDS, &[untracked_if_leaf(PyTuple::new(py, [edit])?)?, applicability, title])?
            }
            _ => py.None().into_bound(py),
        };
        self.finding(rule, (start, end), Some(bounds), message, severity, article, fix)
    }

    #[allow(clippy::too_many_arguments)]
    /// The finding at document `[start, end)`; `bounds`, when given, are those two offsets as ints already made.
    fn finding<'py>(&self, rule: &Rule<'_, 'py>, (start, end): (usize, usize), bounds: Option<[Bound<'py, PyAny>; 2]>,
                    message: Bound<'py, PyAny>, severity: Bound<'py, PyAny>, article: Bound<'py, PyAny>,
                    fix: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = message.py();
        let at = self.inner.locate(rule.code_str, start, end);
        let [start_int, end_int] = match bounds {
            Some([s, e]) if at.end == end => [s, e],
            _ => [start.into_pyobject(py)?.into_any(), at.end.into_pyobject(py)?.into_any()],
        };
        let (lo, hi) = (at.excerpt_start, at.excerpt_end);
        let excerpt = if self.inner.excerpt_is_verbatim(lo, hi) {
            // SAFETY: a live str; PyUnicode_Substring clamps the range to the string and returns a new reference.
            let slice = unsafe { ffi::PyUnicode_Substring(self.text.as_ptr(), lo as ffi::Py_ssize_t, hi as ffi::Py_ssize_t) };
            if slice.is_null() {
                return Err(PyErr::fetch(py));
            }
            unsafe { Bound::from_owned_ptr(py, slice) }
        } else {
            PyString::new(py, &self.inner.excerpt(lo, hi)).into_any()
        };
        let values = [
            rule.code.clone().into_any(),
            rule.name.clone(),
            severity,
            message,
            rule.path.clone(),
            at.line.into_pyobject(py)?.into_any(),
            at.column.into_pyobject(py)?.into_any(),
            at.end_line.into_pyobject(py)?.into_any(),
            at.end_column.into_pyobject(py)?.into_any(),
            start_int,
            end_int,
            article,
            excerpt,
            at.excerpt_offset.into_pyobject(py)?.into_any(),
            fix,
            PyString::new(py, &at.fingerprint).into_any(),
        ];
        make(&self.finding_filler, rule.finding_class, &FINDING_FIELDS, &values)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(blocks, m)?)?;
    m.add_function(wrap_pyfunction!(line_starts, m)?)?;
    m.add_function(wrap_pyfunction!(repeated_units, m)?)?;
    m.add_function(wrap_pyfunction!(balanced_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(shared_clauses_in, m)?)?;
    m.add_function(wrap_pyfunction!(han_digit_spaces_in, m)?)?;
    m.add_function(wrap_pyfunction!(han_latin_spaces_in, m)?)?;
    m.add_function(wrap_pyfunction!(han_spaces_in, m)?)?;
    m.add_class::<TriggerSet>()?;
    m.add_class::<Page>()?;
    m.add_class::<PageTriggers>()?;
    m.add_class::<PhraseSet>()?;
    Ok(())
}
