//! Configuration files: parsing, the `extend` chain, and the checks serde cannot make.

use super::{LANGUAGES, MAX_EXTEND_DEPTH, absolute, suggest_prefix};
use crate::{diagnostic::Severity, suggest};
use globset::Glob;
use serde::Deserialize;
use std::{
    collections::BTreeMap,
    fmt, fs,
    ops::Range,
    path::{Path, PathBuf},
};
use toml::Spanned;

/// A configuration file as serde reads it; validation happens in [`ConfigFile::validate`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigSpec {
    /// Another configuration file this one inherits (relative to this file's folder); this
    /// file's settings come on top of it.
    pub extend: Option<Spanned<String>>,
    /// `fr`, another two-letter code, or `auto` (detect per document).
    pub lang: Option<Spanned<String>>,
    /// What produced the documents: `spun` (the default) or `translated`.
    pub origin: Option<super::Origin>,
    /// Rule ids or prefixes to run (replaces the default of every rule).
    pub select: Option<Vec<Spanned<String>>>,
    /// Rule ids or prefixes to run in addition to `select`.
    #[serde(default)]
    pub extend_select: Vec<Spanned<String>>,
    /// Rule ids or prefixes not to run.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Severity per rule id or prefix.
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Spanned<Severity>>,
    /// Rule pack files or folders, relative to the configuration file's folder.
    #[serde(default)]
    pub extend_rules: Vec<Spanned<String>>,
    /// Globs of the files linted when walking folders.
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    /// Globs of the files skipped when walking folders.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Glob → rule ids or prefixes ignored in the matching files.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Exact phrase → rule ids or prefixes ignored where the phrase occurs.
    #[serde(default)]
    pub per_phrase_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Words never flagged.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Canonical spellings.
    pub glossary: Option<Spanned<GlossarySpec>>,
    /// The lowest severity that fails the run.
    pub fail_on: Option<Severity>,
    /// Source term → its required translation, or a list of accepted ones.
    #[serde(default)]
    pub terminology: BTreeMap<Spanned<String>, Translations>,
}

/// The translations a terminology accepts for a source term: one, or a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Translations {
    /// The one required translation.
    One(String),
    /// Any of these.
    Any(Vec<String>),
}

impl Translations {
    /// The accepted translations.
    pub fn list(&self) -> Vec<String> {
        match self {
            Translations::One(one) => vec![one.clone()],
            Translations::Any(any) => any.clone(),
        }
    }
}

/// The two ways of writing a glossary.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "a list of spellings, or a table of spelling = [variants]"
)]
pub enum GlossarySpec {
    /// Canonical spellings whose variants are found by folding accents and y/ï/i.
    Canonical(Vec<String>),
    /// Canonical spelling → its variants (empty: found by folding).
    Variants(BTreeMap<String, Vec<String>>),
}

/// A configuration file that cannot be used, with the place in its source that says why.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// The file's path.
    pub source_name: String,
    /// The file's text (empty when it could not be read).
    pub source_text: String,
    /// The byte range of the offending TOML, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
}

impl ConfigError {
    /// The 1-based line of the error, when its place is known.
    pub fn line(&self) -> Option<usize> {
        let span = self.span.as_ref()?;
        let end = span.start.min(self.source_text.len());
        Some(self.source_text[..end].matches('\n').count() + 1)
    }

    /// Renders the error as an ariadne report pointing into the file (or one line without a
    /// place).
    pub fn render(&self, color: bool) -> String {
        let Some(span) = self.span.clone() else {
            return format!("error: {self}\n");
        };
        let title = format!("invalid configuration {self}");
        crate::render::source_error::render(
            &self.source_name,
            &self.source_text,
            span,
            &title,
            &self.message,
            color,
        )
        .unwrap_or_else(|| format!("error: {self}\n"))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line() {
            Some(line) => write!(f, "{}:{line}: {}", self.source_name, self.message),
            None => write!(f, "{}: {}", self.source_name, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Adds a "did you mean" to serde's "unknown field `x`, expected one of `a`, `b`" and
/// "unknown variant" messages.
fn with_suggestion(message: &str) -> String {
    let message = message.trim().to_string();
    if !(message.contains("unknown field") || message.contains("unknown variant")) {
        return message;
    }
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    match quoted.split_first() {
        Some((typo, candidates)) => {
            format!(
                "{message}{}",
                suggest::did_you_mean(typo, candidates.iter().copied())
            )
        }
        None => message,
    }
}

/// A parsed configuration file.
#[derive(Debug)]
pub struct ConfigFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// Its content.
    pub spec: ConfigSpec,
    /// The file its `extend` names, loaded.
    pub parent: Option<Box<ConfigFile>>,
}

impl ConfigFile {
    /// Reads and parses the file at `path`, and the files its `extend` chain names.
    pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
        Self::load_chain(path, &mut Vec::new())
    }

    fn load_chain(path: &Path, seen: &mut Vec<PathBuf>) -> Result<ConfigFile, ConfigError> {
        seen.push(absolute(path));
        let mut file = Self::load_one(path)?;
        if let Some(extend) = &file.spec.extend {
            let target = file.folder().join(extend.get_ref());
            let error = |message: String| file.error(Some(extend.span()), message);
            if seen.contains(&absolute(&target)) {
                return Err(error(format!(
                    "extend: `{}` is already in the chain of extended files (a cycle)",
                    target.display()
                )));
            }
            if seen.len() >= MAX_EXTEND_DEPTH {
                return Err(error(format!(
                    "extend: more than {MAX_EXTEND_DEPTH} files in the chain of extended files"
                )));
            }
            if !target.is_file() {
                return Err(error(format!(
                    "extend: `{}` is not a file",
                    target.display()
                )));
            }
            let parent = Self::load_chain(&target, seen)?;
            file.parent = Some(Box::new(parent));
        }
        Ok(file)
    }

    /// The files of the `extend` chain, the most distant ancestor first and this file last.
    pub fn chain(&self) -> Vec<&ConfigFile> {
        let mut chain = vec![self];
        while let Some(parent) = chain.last().and_then(|f| f.parent.as_deref()) {
            chain.push(parent);
        }
        chain.reverse();
        chain
    }

    fn load_one(path: &Path) -> Result<ConfigFile, ConfigError> {
        let text = fs::read_to_string(path).map_err(|e| ConfigError {
            source_name: path.display().to_string(),
            source_text: String::new(),
            span: None,
            message: format!(
                "cannot read configuration file: {}",
                crate::input::io_reason(&e)
            ),
        })?;
        ConfigFile::parse(path, text)
    }

    /// Parses `text`, the content of the file at `path`.
    pub fn parse(path: &Path, text: String) -> Result<ConfigFile, ConfigError> {
        match toml::from_str::<ConfigSpec>(&text) {
            Ok(spec) => Ok(ConfigFile {
                path: path.to_path_buf(),
                text,
                spec,
                parent: None,
            }),
            Err(e) => Err(ConfigError {
                source_name: path.display().to_string(),
                span: e.span(),
                message: with_suggestion(e.message()),
                source_text: text,
            }),
        }
    }

    /// The folder relative paths and globs of this file are resolved against.
    pub fn folder(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// An error at `span` of this file.
    pub fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            source_name: self.path.display().to_string(),
            source_text: self.text.clone(),
            span,
            message: message.into(),
        }
    }

    /// The rule pack paths of `extend-rules` of the whole `extend` chain, each resolved against
    /// its file's folder; a missing path is an error at its line.
    pub fn extend_rules(&self) -> Result<Vec<PathBuf>, ConfigError> {
        let mut paths = Vec::new();
        for file in self.chain() {
            paths.extend(file.own_extend_rules()?);
        }
        Ok(paths)
    }

    fn own_extend_rules(&self) -> Result<Vec<PathBuf>, ConfigError> {
        let folder = self.folder();
        self.spec
            .extend_rules
            .iter()
            .map(|p| {
                let path = folder.join(p.get_ref());
                if path.exists() {
                    Ok(path)
                } else {
                    Err(self.error(
                        Some(p.span()),
                        format!("extend-rules: `{}` does not exist", path.display()),
                    ))
                }
            })
            .collect()
    }

    /// Checks the values serde cannot, in every file of the `extend` chain: the language,
    /// globs, and that every rule id or prefix names a rule of `rule_ids`.
    pub fn validate(&self, rule_ids: &[String]) -> Result<(), ConfigError> {
        for file in self.chain() {
            file.validate_own(rule_ids)?;
        }
        Ok(())
    }

    fn validate_own(&self, rule_ids: &[String]) -> Result<(), ConfigError> {
        let spec = &self.spec;
        if let Some(lang) = &spec.lang {
            let value = lang.get_ref().as_str();
            if value != "auto" && !LANGUAGES.contains(&value) {
                let candidates = LANGUAGES.iter().copied().chain(["auto"]);
                return Err(self.error(
                    Some(lang.span()),
                    format!(
                        "lang: unknown language `{value}`, expected `auto` or one of {}{}",
                        LANGUAGES.join(", "),
                        suggest::did_you_mean(value, candidates)
                    ),
                ));
            }
        }
        let check_prefix = |key: &str, prefix: &Spanned<String>| -> Result<(), ConfigError> {
            let p = prefix.get_ref();
            if super::is_known_selector(p, rule_ids) {
                return Ok(());
            }
            Err(self.error(
                Some(prefix.span()),
                format!(
                    "{key}: no rule id starts with `{p}`{}",
                    suggest_prefix(p, rule_ids)
                ),
            ))
        };
        for p in spec.select.iter().flatten() {
            check_prefix("select", p)?;
        }
        for p in &spec.extend_select {
            check_prefix("extend-select", p)?;
        }
        for p in &spec.ignore {
            check_prefix("ignore", p)?;
        }
        for p in spec.severity.keys() {
            check_prefix("severity", p)?;
        }
        for (glob, prefixes) in &spec.per_file_ignores {
            self.check_glob("per-file-ignores", glob)?;
            for p in prefixes {
                check_prefix("per-file-ignores", p)?;
            }
        }
        for (phrase, prefixes) in &spec.per_phrase_ignores {
            if phrase.get_ref().trim().is_empty() {
                return Err(self.error(
                    Some(phrase.span()),
                    "per-phrase-ignores: the phrase is empty",
                ));
            }
            for p in prefixes {
                check_prefix("per-phrase-ignores", p)?;
            }
        }
        for glob in spec.include.iter().chain(&spec.exclude) {
            self.check_glob("include/exclude", glob)?;
        }
        if let Some(glossary) = &spec.glossary {
            let empty = match glossary.get_ref() {
                GlossarySpec::Canonical(words) => words.iter().any(|w| w.trim().is_empty()),
                GlossarySpec::Variants(map) => map
                    .iter()
                    .any(|(k, v)| k.trim().is_empty() || v.iter().any(|w| w.trim().is_empty())),
            };
            if empty {
                return Err(self.error(Some(glossary.span()), "glossary: a spelling is empty"));
            }
        }
        for (term, translations) in &spec.terminology {
            let list = translations.list();
            if term.get_ref().trim().is_empty()
                || list.is_empty()
                || list.iter().any(|t| t.trim().is_empty())
            {
                return Err(self.error(
                    Some(term.span()),
                    "terminology: a term or its translation is empty",
                ));
            }
        }
        Ok(())
    }

    fn check_glob(&self, key: &str, glob: &Spanned<String>) -> Result<(), ConfigError> {
        Glob::new(glob.get_ref()).map(|_| ()).map_err(|e| {
            self.error(
                Some(glob.span()),
                format!("{key}: invalid glob `{}`: {}", glob.get_ref(), e.kind()),
            )
        })
    }
}
