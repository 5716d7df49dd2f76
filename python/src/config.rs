//! Where a linter's configuration comes from (nothing, a file, TOML text or a dict) and how
//! the library builds a linter from it.

use crate::errors::BuildError;
use mtlint::{
    Linter,
    config::{ConfigFile, LANGUAGES, Overrides},
};
use pyo3::{
    exceptions::{PyTypeError, PyValueError},
    prelude::*,
    types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple},
};
use std::path::{Path, PathBuf};

/// The name configurations given as TOML text are reported under.
const TEXT_NAME: &str = "<config>";
/// The name configurations given as a dict are reported under (the TOML they become).
const DICT_NAME: &str = "<dict>";

/// A configuration as a Python caller gives it.
pub enum ConfigSource {
    /// None: the built-in defaults (no configuration file is looked for).
    Defaults,
    /// An `os.PathLike`: the `mtlint.toml` file at that path (and the files it extends).
    File(PathBuf),
    /// A `str` (the content of an `mtlint.toml`) or a `dict` (turned into that TOML).
    Text {
        /// The name errors are reported under.
        name: &'static str,
        /// The TOML text.
        text: String,
    },
}

impl ConfigSource {
    /// The configuration `config` names: None, a `str` of TOML, an `os.PathLike` or a `dict`.
    pub fn from_py(config: Option<&Bound<'_, PyAny>>) -> PyResult<ConfigSource> {
        let Some(config) = config.filter(|c| !c.is_none()) else {
            return Ok(ConfigSource::Defaults);
        };
        if let Ok(text) = config.cast::<PyString>() {
            return Ok(ConfigSource::Text {
                name: TEXT_NAME,
                text: text.to_str()?.to_string(),
            });
        }
        if let Ok(dict) = config.cast::<PyDict>() {
            let table = table_of(dict, "")?;
            let text = toml::to_string(&table)
                .map_err(|e| PyValueError::new_err(format!("config: {e}")))?;
            return Ok(ConfigSource::Text {
                name: DICT_NAME,
                text,
            });
        }
        match config.extract::<PathBuf>() {
            Ok(path) => Ok(ConfigSource::File(path)),
            Err(_) => Err(PyTypeError::new_err(format!(
                "config must be None, a str of TOML, a dict or an os.PathLike, not {}",
                config.get_type().name()?
            ))),
        }
    }

    /// The linter of this configuration with the language `lang` (None: the configuration's,
    /// `auto` by default) on top. Relative paths in a configuration given as text are relative
    /// to the current folder; in a file, to the file's folder.
    pub fn build(&self, lang: Option<&str>) -> Result<Linter, BuildError> {
        if let Some(lang) = lang
            && lang != "auto"
            && !LANGUAGES.contains(&lang)
        {
            return Err(BuildError::Value(format!(
                "lang: unknown language `{lang}`, expected `auto` or one of {}",
                LANGUAGES.join(", ")
            )));
        }
        let overrides = Overrides {
            lang: lang.map(str::to_string),
            ..Overrides::default()
        };
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let file = match self {
            ConfigSource::Defaults => None,
            ConfigSource::File(path) => Some(ConfigFile::load(path)?),
            ConfigSource::Text { name, text } => Some(parse_text(name, text)?),
        };
        Linter::new(file.as_ref(), &overrides, &cwd).map_err(BuildError::from)
    }
}

/// The configuration `text`, with the file its `extend` names (relative to the current
/// folder) and that file's own chain loaded.
fn parse_text(name: &str, text: &str) -> Result<ConfigFile, BuildError> {
    let mut file = match ConfigFile::parse(Path::new(name), text.to_string()) {
        Ok(file) => file,
        Err(mut error) => {
            if !text.contains(['\n', '=']) && Path::new(text).is_file() {
                error.message.push_str(&format!(
                    " (a str is TOML text; to read the file, pass a path: pathlib.Path({text:?}))"
                ));
            }
            return Err(error.into());
        }
    };
    if let Some(extend) = &file.spec.extend {
        let target = file.folder().join(extend.get_ref());
        if !target.is_file() {
            let message = format!("extend: `{}` is not a file", target.display());
            return Err(file.error(Some(extend.span()), message).into());
        }
        file.parent = Some(Box::new(ConfigFile::load(&target)?));
    }
    Ok(file)
}

/// The TOML table of a Python dict; `at` is the dotted key of the dict, for messages.
fn table_of(dict: &Bound<'_, PyDict>, at: &str) -> PyResult<toml::Table> {
    let mut table = toml::Table::new();
    for (key, value) in dict.iter() {
        let Ok(key) = key.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!(
                "config: the keys of a dict must be str, not {} (in `{}`)",
                key.get_type().name()?,
                if at.is_empty() { "config" } else { at }
            )));
        };
        let key = key.to_str()?.to_string();
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        table.insert(key, value_of(&value, &path)?);
    }
    Ok(table)
}

/// The TOML value of a Python value (bool, int, float, str, list, tuple, dict).
fn value_of(value: &Bound<'_, PyAny>, at: &str) -> PyResult<toml::Value> {
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(toml::Value::Boolean(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(toml::Value::Integer(value.extract()?));
    }
    if value.is_instance_of::<PyFloat>() {
        return Ok(toml::Value::Float(value.extract()?));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(toml::Value::String(s.to_str()?.to_string()));
    }
    if let Ok(d) = value.cast::<PyDict>() {
        return Ok(toml::Value::Table(table_of(d, at)?));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items = value
            .try_iter()?
            .map(|item| value_of(&item?, at))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(toml::Value::Array(items));
    }
    Err(PyTypeError::new_err(format!(
        "config: `{at}` is a {}; a configuration holds only bool, int, float, str, list and dict",
        value.get_type().name()?
    )))
}
