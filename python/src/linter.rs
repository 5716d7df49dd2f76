//! `mtlint.Linter`: one configuration compiled once into its rules, then `check`, `fix` and
//! `score` on as many texts as needed, each call run without the GIL.

use crate::{config::ConfigSource, errors};
use mtlint::{document::LineIndex, formats::Format, render::json};
use pyo3::{
    exceptions::PyValueError,
    prelude::*,
    sync::PyOnceLock,
    types::{PyString, PyTuple},
};
use std::path::Path;

/// The path reported for a text when the caller names none (the signatures below spell it
/// out, so that `help()` shows it).
pub const DEFAULT_PATH: &str = "<text>";

/// Linter(lang=None, config=None): the rules of one configuration, built once (about 30 ms);
/// then `check`, `fix` and `score` on many texts. Calls from several threads run in
/// parallel: the GIL is released while a text is linted.
///
/// `lang` is `"auto"` (detect per text), `"fr"`, `"en"`, `"de"`, `"es"`, `"it"` or `"pt"`
/// (None: the configuration's, `auto` by default). `config` is None (the defaults), a `str`
/// of TOML (an `mtlint.toml`'s content), a `dict` of the same settings, or an
/// `os.PathLike` naming an `mtlint.toml`. An invalid configuration raises
/// `mtlint.ConfigError`.
#[pyclass(name = "Linter", module = "mtlint", frozen)]
pub struct PyLinter {
    linter: mtlint::Linter,
    /// The arguments it was built from, to pickle it.
    lang: Option<String>,
    config: Py<PyAny>,
}

#[pymethods]
impl PyLinter {
    /// Builds the rules of the configuration (see the class).
    #[new]
    #[pyo3(signature = (lang=None, config=None))]
    fn new(
        py: Python<'_>,
        lang: Option<String>,
        config: Option<Bound<'_, PyAny>>,
    ) -> PyResult<PyLinter> {
        let source = ConfigSource::from_py(config.as_ref())?;
        let linter = py.detach(|| source.build(lang.as_deref()))?;
        Ok(PyLinter {
            linter,
            lang,
            config: config.map_or_else(|| py.None(), Bound::unbind),
        })
    }

    /// The problems of `text`, one dict each in the JSON output contract: `path`, `rule`,
    /// `category`, `severity`, `message`, `start` and `end` (`line`, `column`, `offset`) and
    /// `fix` (None, or `applicability`, `message` and `edits`). `path` is the file name
    /// reported, whose extension gives the format unless `format` (`"text"`, `"markdown"`)
    /// is given. Offsets are byte offsets into the UTF-8 encoding of `text`.
    #[pyo3(signature = (text, *, path="<text>", format=None))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        path: &str,
        format: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = resolve_format(path, format)?;
        let records = py.detach(|| {
            self.linter
                .check(Path::new(path), text, format)
                .map(|found| {
                    json_array(&json::render_objects(
                        path,
                        text,
                        &LineIndex::new(text),
                        &found,
                    ))
                })
        });
        match records {
            Ok(records) => loads(py, &records),
            Err(error) => Err(errors::format_error(py, path, text, format, error)),
        }
    }

    /// `text` with its fixes applied: the safe ones, and the unsafe ones too when `unsafe`
    /// is true. A text with nothing to fix comes back unchanged.
    #[pyo3(signature = (text, *, path="<text>", format=None, r#unsafe=false))]
    fn fix(
        &self,
        py: Python<'_>,
        text: &str,
        path: &str,
        format: Option<&str>,
        r#unsafe: bool,
    ) -> PyResult<String> {
        let format = resolve_format(path, format)?;
        py.detach(|| {
            self.linter
                .fix(Path::new(path), text, format, r#unsafe)
                .map(|outcome| outcome.text)
        })
        .map_err(|error| errors::format_error(py, path, text, format, error))
    }

    /// How damaged `text` is: a dict of `words`, `problems`, `per_1000_words`,
    /// `categories` and `severities` (problems by each, every one listed) and
    /// `foreign_share` (the share of its words in paragraphs in another language, 0 to 1).
    #[pyo3(signature = (text, *, path="<text>", format=None))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        path: &str,
        format: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = resolve_format(path, format)?;
        let score = py.detach(|| {
            self.linter
                .score(Path::new(path), text, format)
                .map(|score| serde_json::to_string(&score).expect("a score always serializes"))
        });
        match score {
            Ok(score) => loads(py, &score),
            Err(error) => Err(errors::format_error(py, path, text, format, error)),
        }
    }

    /// The language texts are linted as: `auto` or a two-letter code.
    #[getter]
    fn lang(&self) -> String {
        self.linter.settings().lang.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "mtlint.Linter(lang={}, config={})",
            self.lang.as_deref().into_pyobject(py)?.repr()?,
            self.config.bind(py).repr()?
        ))
    }

    /// Pickles as the arguments it was built from: unpickling builds the rules again (from
    /// the same file path, for a configuration given as a path).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let args = (this.lang.clone(), this.config.clone_ref(py));
        (slf.get_type(), args).into_pyobject(py)
    }
}

/// The format of a text: the one named, or the one its path's extension gives.
fn resolve_format(path: &str, name: Option<&str>) -> PyResult<Format> {
    let Some(name) = name else {
        return Ok(Format::from_path(path));
    };
    Format::ALL
        .into_iter()
        .find(|f| f.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            PyValueError::new_err(format!(
                "format: unknown format `{name}`, expected one of {}",
                names.join(", ")
            ))
        })
}

/// A JSON array of the serialized `objects`.
fn json_array(objects: &[String]) -> String {
    let mut array = String::with_capacity(2 + objects.iter().map(|o| o.len() + 1).sum::<usize>());
    array.push('[');
    for (i, object) in objects.iter().enumerate() {
        if i > 0 {
            array.push(',');
        }
        array.push_str(object);
    }
    array.push(']');
    array
}

/// The Python value of the JSON `text`, parsed by the standard library's `json.loads`.
fn loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((PyString::new(py, text),))
}
