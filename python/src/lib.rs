//! The native module `mtlint._mtlint` of the `mtlint` Python package: the library's
//! [`mtlint::Linter`] as a Python class, its errors as Python exceptions. The package's
//! `__init__.py` adds the module-level functions on top.

mod config;
mod errors;
mod linter;

use pyo3::prelude::*;

/// Native part of the `mtlint` package: `Linter`, `ConfigError`, `FormatError`.
#[pymodule]
fn _mtlint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<linter::PyLinter>()?;
    m.add("ConfigError", py.get_type::<errors::ConfigError>())?;
    m.add("FormatError", py.get_type::<errors::FormatError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_PATH", linter::DEFAULT_PATH)?;
    let formats: Vec<&str> = mtlint::formats::Format::ALL
        .iter()
        .map(|f| f.name())
        .collect();
    m.add("FORMATS", formats)?;
    let mut languages = vec!["auto"];
    languages.extend(mtlint::config::LANGUAGES);
    m.add("LANGUAGES", languages)?;
    Ok(())
}
