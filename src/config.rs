//! Configuration: `mtlint.toml` (or `.mtlint.toml`) files, found by walking up from a linted
//! file's folder, merged with the command-line flags into the effective [`Settings`].
//!
//! Only the nearest configuration file applies (files further up the tree are not merged), and
//! command-line flags win over it. Every key, value and rule id is checked: a mistake is a
//! [`ConfigError`] naming the file and the line, with a "did you mean" suggestion.

use crate::{
    diagnostic::Severity,
    rules::{RuleSet, Selection},
    suggest,
};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use std::{
    collections::BTreeMap,
    fmt, fs,
    ops::Range,
    path::{Path, PathBuf},
};
use toml::Spanned;

/// The names of a configuration file, in the order they are looked for in each folder.
pub const FILE_NAMES: [&str; 2] = ["mtlint.toml", ".mtlint.toml"];

/// The languages `lang` accepts besides `auto`.
pub const LANGUAGES: [&str; 6] = ["fr", "en", "de", "es", "it", "pt"];

/// The top-level keys of a configuration file.
pub const KEYS: [&str; 13] = [
    "lang",
    "select",
    "extend-select",
    "ignore",
    "severity",
    "extend-rules",
    "include",
    "exclude",
    "per-file-ignores",
    "per-phrase-ignores",
    "allow",
    "glossary",
    "fail-on",
];

/// A configuration file as serde reads it; validation happens in [`ConfigFile::validate`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigSpec {
    /// `fr`, another two-letter code, or `auto` (detect per document).
    pub lang: Option<Spanned<String>>,
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
}

/// The two ways of writing a glossary.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
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
}

impl ConfigFile {
    /// Reads and parses the file at `path`.
    pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
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

    /// The rule pack paths of `extend-rules`, resolved against the file's folder; a missing
    /// path is an error at its line.
    pub fn extend_rules(&self) -> Result<Vec<PathBuf>, ConfigError> {
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

    /// Checks the values serde cannot: the language, globs, and that every rule id or prefix
    /// names a rule of `rule_ids`.
    pub fn validate(&self, rule_ids: &[String]) -> Result<(), ConfigError> {
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
            if rule_ids.iter().any(|id| id.starts_with(p.as_str())) && !p.is_empty() {
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

/// " (did you mean `x`?)" for the rule id or category closest to `prefix`.
pub fn suggest_prefix(prefix: &str, rule_ids: &[String]) -> String {
    let candidates: Vec<&str> = rule_ids
        .iter()
        .flat_map(|id| [id.as_str(), id.split('/').next().unwrap_or_default()])
        .collect();
    suggest::did_you_mean(prefix, candidates)
}

/// The configuration file that applies to files in `folder`: the nearest `mtlint.toml` or
/// `.mtlint.toml` in it or one of its ancestors.
pub fn discover(folder: &Path) -> Option<PathBuf> {
    let start = if folder.is_absolute() {
        folder.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(folder)
    };
    start.ancestors().find_map(|dir| {
        FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// The options given on the command line, which win over the configuration file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--lang`.
    pub lang: Option<String>,
    /// `--select`, when given (it replaces the file's `select`).
    pub select: Option<Vec<String>>,
    /// `--extend-select`.
    pub extend_select: Vec<String>,
    /// `--ignore`.
    pub ignore: Vec<String>,
    /// `--severity ID=LEVEL`.
    pub severity: Vec<(String, Severity)>,
    /// `--rules` / `--extend-rules`.
    pub extend_rules: Vec<PathBuf>,
    /// `--include` (added to the file's `include`).
    pub include: Vec<String>,
    /// `--exclude` (added to the file's `exclude`).
    pub exclude: Vec<String>,
    /// `--per-file-ignores GLOB:IDS`.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// `--allow WORD`.
    pub allow: Vec<String>,
    /// `--glossary WORD` (canonical spellings, variants found by folding).
    pub glossary: Vec<String>,
    /// `--fail-on LEVEL`.
    pub fail_on: Option<Severity>,
}

/// One layer of rule selection (the defaults, a configuration file, or the command line).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SelectionLayer {
    /// When given, replaces every earlier layer.
    pub select: Option<Vec<String>>,
    /// Added to what is selected.
    pub extend_select: Vec<String>,
    /// Removed from what is selected.
    pub ignore: Vec<String>,
}

/// The effective configuration of one file: the nearest configuration file, then the
/// command-line flags on top.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Settings {
    /// The configuration file it comes from, if any.
    #[serde(skip)]
    pub source: Option<PathBuf>,
    /// The folder globs are relative to (the configuration file's, or the current folder).
    #[serde(skip)]
    pub root: PathBuf,
    /// `fr`, another code, or `auto`.
    pub lang: String,
    /// Rule selection from the configuration file.
    #[serde(skip)]
    pub file_selection: SelectionLayer,
    /// Rule selection from the command line.
    #[serde(skip)]
    pub cli_selection: SelectionLayer,
    /// The ids of the rules that run (filled by [`Settings::resolve_rules`]).
    pub rules: Vec<String>,
    /// Severity per rule id or prefix (the longest matching prefix wins).
    pub severity: BTreeMap<String, Severity>,
    /// Extra rule packs.
    pub extend_rules: Vec<PathBuf>,
    /// Globs of the files linted when walking folders (empty: `*.txt`, `*.md`).
    pub include: Vec<String>,
    /// Globs of the files skipped when walking folders.
    pub exclude: Vec<String>,
    /// Glob → ignored rule ids or prefixes.
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Exact phrase → ignored rule ids or prefixes.
    pub per_phrase_ignores: BTreeMap<String, Vec<String>>,
    /// Words never flagged.
    pub allow: Vec<String>,
    /// Canonical spelling → variants (empty: found by folding).
    pub glossary: BTreeMap<String, Vec<String>>,
    /// The lowest severity that fails the run.
    pub fail_on: Severity,
}

fn strings(values: &[Spanned<String>]) -> Vec<String> {
    values.iter().map(|v| v.get_ref().clone()).collect()
}

impl Settings {
    /// Merges the configuration file (if any) and the command-line overrides. `cwd_root` is
    /// the folder globs are relative to when there is no configuration file.
    pub fn resolve(
        file: Option<&ConfigFile>,
        overrides: &Overrides,
        extend_rules_of_file: Vec<PathBuf>,
        cwd_root: &Path,
    ) -> Settings {
        let default = ConfigSpec::default();
        let spec = file.map_or(&default, |f| &f.spec);
        let mut severity: BTreeMap<String, Severity> = spec
            .severity
            .iter()
            .map(|(k, v)| (k.get_ref().clone(), *v.get_ref()))
            .collect();
        severity.extend(overrides.severity.iter().cloned());
        let mut per_file_ignores: BTreeMap<String, Vec<String>> = spec
            .per_file_ignores
            .iter()
            .map(|(k, v)| (k.get_ref().clone(), strings(v)))
            .collect();
        for (glob, ids) in &overrides.per_file_ignores {
            per_file_ignores
                .entry(glob.clone())
                .or_default()
                .extend(ids.iter().cloned());
        }
        let mut glossary: BTreeMap<String, Vec<String>> = match spec.glossary.as_ref() {
            None => BTreeMap::new(),
            Some(g) => match g.get_ref() {
                GlossarySpec::Canonical(words) => {
                    words.iter().map(|w| (w.clone(), Vec::new())).collect()
                }
                GlossarySpec::Variants(map) => map.clone(),
            },
        };
        for word in &overrides.glossary {
            glossary.entry(word.clone()).or_default();
        }
        let mut extend_rules = extend_rules_of_file;
        extend_rules.extend(overrides.extend_rules.iter().cloned());
        let mut allow = spec.allow.clone();
        allow.extend(overrides.allow.iter().cloned());
        let mut exclude = strings(&spec.exclude);
        exclude.extend(overrides.exclude.iter().cloned());
        Settings {
            source: file.map(|f| f.path.clone()),
            root: file.map_or_else(|| cwd_root.to_path_buf(), ConfigFile::folder),
            lang: overrides
                .lang
                .clone()
                .or_else(|| spec.lang.as_ref().map(|l| l.get_ref().clone()))
                .unwrap_or_else(|| "auto".to_string()),
            file_selection: SelectionLayer {
                select: spec.select.as_deref().map(strings),
                extend_select: strings(&spec.extend_select),
                ignore: strings(&spec.ignore),
            },
            cli_selection: SelectionLayer {
                select: overrides.select.clone(),
                extend_select: overrides.extend_select.clone(),
                ignore: overrides.ignore.clone(),
            },
            rules: Vec::new(),
            severity,
            extend_rules,
            include: strings(&spec.include)
                .into_iter()
                .chain(overrides.include.iter().cloned())
                .collect(),
            exclude,
            per_file_ignores,
            per_phrase_ignores: spec
                .per_phrase_ignores
                .iter()
                .map(|(k, v)| (k.get_ref().clone(), strings(v)))
                .collect(),
            allow,
            glossary,
            fail_on: overrides
                .fail_on
                .or(spec.fail_on)
                .unwrap_or(Severity::Warning),
        }
    }

    /// Whether the rule `id` runs: each layer (configuration file, then command line) selects
    /// and ignores by prefix; within a layer the longest matching prefix decides and an
    /// `ignore` wins a tie; a layer without `select` starts from the previous layer's choice.
    pub fn rule_enabled(&self, id: &str) -> bool {
        let enabled = layer_enables(&self.file_selection, id, true);
        layer_enables(&self.cli_selection, id, enabled)
    }

    /// Fills [`Settings::rules`] with the ids of `ids` that run.
    pub fn resolve_rules<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        let mut rules: Vec<String> = ids
            .into_iter()
            .filter(|id| self.rule_enabled(id))
            .map(str::to_string)
            .collect();
        rules.sort();
        rules.dedup();
        self.rules = rules;
    }

    /// The severity of a diagnostic of rule `id` whose default is `default`.
    pub fn severity_of(&self, id: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .filter(|(prefix, _)| id.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map_or(default, |(_, s)| *s)
    }

    /// The engine selection of exactly the enabled rules of `set`.
    pub fn engine_selection(&self, set: &RuleSet) -> Selection {
        let enabled: Vec<&str> = set
            .rules
            .iter()
            .map(|r| &*r.meta.id)
            .filter(|id| self.rule_enabled(id))
            .collect();
        if enabled.is_empty() {
            // A prefix no rule id can start with: nothing runs.
            return Selection {
                select: vec![" none".to_string()],
                ignore: Vec::new(),
            };
        }
        // Exact ids, and the disabled ids that an enabled id is a prefix of.
        let ignore = set
            .rules
            .iter()
            .map(|r| &*r.meta.id)
            .filter(|id| !enabled.contains(id) && enabled.iter().any(|e| id.starts_with(e)))
            .map(str::to_string)
            .collect();
        Selection {
            select: enabled.iter().map(|s| s.to_string()).collect(),
            ignore,
        }
    }

    /// The effective configuration as TOML, as `mtlint config` prints it.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        match &self.source {
            Some(path) => out.push_str(&format!("# configuration file: {}\n", path.display())),
            None => out.push_str("# no configuration file: defaults and command-line flags\n"),
        }
        out.push_str(&toml::to_string(self).unwrap_or_else(|e| format!("# {e}\n")));
        out
    }

    /// The globs of `include` (added to the defaults) and `exclude`, compiled.
    pub fn file_filter(&self) -> Result<FileGlobs, String> {
        let include: Vec<String> = crate::input::DEFAULT_INCLUDE
            .iter()
            .map(|s| s.to_string())
            .chain(self.include.iter().cloned())
            .collect();
        Ok(FileGlobs {
            include: glob_set(&include)?,
            exclude: glob_set(&self.exclude)?,
        })
    }
}

fn layer_enables(layer: &SelectionLayer, id: &str, previous: bool) -> bool {
    let best = |prefixes: &[String]| {
        prefixes
            .iter()
            .filter(|p| id.starts_with(p.as_str()))
            .map(|p| p.len() as isize)
            .max()
    };
    let selected = match &layer.select {
        Some(select) => best(select),
        None => previous.then_some(-1),
    };
    let selected = selected.max(best(&layer.extend_select));
    match (selected, best(&layer.ignore)) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(s), Some(i)) => s > i,
    }
}

/// Compiles globs into one set.
pub fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(Glob::new(pattern).map_err(|e| format!("invalid glob `{pattern}`: {e}"))?);
    }
    builder.build().map_err(|e| e.to_string())
}

/// Whether `set` matches `path`, relative to `root`, or its file name.
pub fn glob_matches(set: &GlobSet, path: &Path, root: &Path) -> bool {
    let absolute = absolute(path);
    let relative = absolute
        .strip_prefix(absolute_dir(root))
        .unwrap_or(path)
        .to_path_buf();
    set.is_match(&relative)
        || set.is_match(path)
        || path.file_name().is_some_and(|n| set.is_match(n))
}

/// `path` made absolute against the current folder.
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
    .components()
    .filter(|c| !matches!(c, std::path::Component::CurDir))
    .collect()
}

fn absolute_dir(root: &Path) -> PathBuf {
    absolute(root)
}

/// The compiled `include` and `exclude` globs of one [`Settings`].
#[derive(Debug, Clone)]
pub struct FileGlobs {
    include: GlobSet,
    exclude: GlobSet,
}

impl FileGlobs {
    /// Whether a file found while walking a folder is linted; globs match the path relative to
    /// any of `roots` (the configuration's folder, the walked folder), as given, or the file name.
    pub fn accepts(&self, path: &Path, roots: &[&Path]) -> bool {
        let matches = |set: &GlobSet| roots.iter().any(|root| glob_matches(set, path, root));
        matches(&self.include) && !matches(&self.exclude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, ConfigError> {
        ConfigFile::parse(Path::new("mtlint.toml"), text.to_string())
    }

    fn ids() -> Vec<String> {
        [
            "punctuation/doubled-stop",
            "typography/guillemet-spacing",
            "consistency/glossary",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn a_complete_file_parses() {
        let file = parse(
            r#"
lang = "auto"
select = ["punctuation", "typography"]
extend-select = ["consistency/glossary"]
ignore = ["typography/guillemet-spacing"]
allow = ["Web"]
fail-on = "error"
[severity]
"punctuation" = "error"
[per-file-ignores]
"legacy/**" = ["punctuation"]
[per-phrase-ignores]
"Le Monde.." = ["punctuation/doubled-stop"]
[glossary]
"Tokaïev" = ["Tokayev"]
"#,
        )
        .unwrap();
        file.validate(&ids()).unwrap();
        let settings =
            Settings::resolve(Some(&file), &Overrides::default(), vec![], Path::new("."));
        assert_eq!(settings.lang, "auto");
        assert_eq!(settings.fail_on, Severity::Error);
        assert!(settings.rule_enabled("punctuation/doubled-stop"));
        assert!(!settings.rule_enabled("typography/guillemet-spacing"));
        assert!(settings.rule_enabled("consistency/glossary"));
        assert_eq!(
            settings.severity_of("punctuation/doubled-stop", Severity::Warning),
            Severity::Error
        );
        assert_eq!(settings.glossary["Tokaïev"], ["Tokayev"]);
    }

    #[test]
    fn an_unknown_key_names_the_line_and_suggests() {
        let err = parse("lang = \"fr\"\nselct = [\"punctuation\"]\n").unwrap_err();
        assert_eq!(err.line(), Some(2));
        assert!(err.to_string().contains("did you mean `select`?"), "{err}");
    }

    #[test]
    fn a_bad_severity_suggests() {
        let err = parse("[severity]\n\"punctuation\" = \"warn\"\n").unwrap_err();
        assert_eq!(err.line(), Some(2), "{err}");
        assert!(err.to_string().contains("did you mean `warning`?"), "{err}");
    }

    #[test]
    fn an_unknown_rule_id_names_the_line_and_suggests() {
        let file = parse("select = [\n  \"punctuation\",\n  \"typograhy\",\n]\n").unwrap();
        let err = file.validate(&ids()).unwrap_err();
        assert_eq!(err.line(), Some(3));
        assert!(
            err.to_string().contains("did you mean `typography`?"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_language_and_a_bad_glob_are_errors() {
        let err = parse("lang = \"french\"\n")
            .unwrap()
            .validate(&ids())
            .unwrap_err();
        assert!(err.message.contains("unknown language"), "{err}");
        let err = parse("exclude = [\"a/[b\"]\n")
            .unwrap()
            .validate(&ids())
            .unwrap_err();
        assert!(err.message.contains("invalid glob"), "{err}");
    }

    #[test]
    fn the_command_line_wins_and_layers_by_specificity() {
        let file = parse("select = [\"punctuation\"]\nignore = [\"typography\"]\n").unwrap();
        let overrides = Overrides {
            extend_select: vec!["typography/guillemet-spacing".into()],
            lang: Some("en".into()),
            ..Overrides::default()
        };
        let settings = Settings::resolve(Some(&file), &overrides, vec![], Path::new("."));
        assert_eq!(settings.lang, "en");
        assert!(settings.rule_enabled("typography/guillemet-spacing"));
        assert!(settings.rule_enabled("punctuation/doubled-stop"));
        assert!(!settings.rule_enabled("consistency/glossary"));
        let overrides = Overrides {
            select: Some(vec!["consistency".into()]),
            ..Overrides::default()
        };
        let settings = Settings::resolve(Some(&file), &overrides, vec![], Path::new("."));
        assert!(!settings.rule_enabled("punctuation/doubled-stop"));
        assert!(settings.rule_enabled("consistency/glossary"));
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        fs::create_dir_all(&nested).unwrap();
        assert_eq!(discover(&nested), None.or_else(|| discover(dir.path())));
        fs::write(dir.path().join(".mtlint.toml"), "").unwrap();
        assert_eq!(discover(&nested), Some(dir.path().join(".mtlint.toml")));
        fs::write(dir.path().join("a/mtlint.toml"), "").unwrap();
        assert_eq!(discover(&nested), Some(dir.path().join("a/mtlint.toml")));
    }
}
