//! `newskit._core`: thin PyO3 wrappers over newskit-core. Logic lives in newskit-core, where it is tested.
use pyo3::prelude::*;

mod dedupe;
mod lint;
mod segment;
mod split;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", newskit_core::VERSION)?;
    dedupe::register(m)?;
    lint::register(m)?;
    segment::register(m)?;
    split::register(m)?;
    Ok(())
}
