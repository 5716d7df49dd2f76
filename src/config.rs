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

/// How many files an `extend` chain may hold.
pub const MAX_EXTEND_DEPTH: usize = 16;

/// The top-level keys of a configuration file.
pub const KEYS: [&str; 14] = [
    "extend",
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
    /// Another configuration file this one inherits (relative to this file's folder); this
    /// file's settings come on top of it.
    pub extend: Option<Spanned<String>>,
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
    /// `--include` (replaces the file's `include`).
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
    /// Rule selection from the configuration files, the most distant `extend` ancestor first.
    #[serde(skip)]
    pub file_selection: Vec<SelectionLayer>,
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
    /// Merges the configuration file (if any, with the files its `extend` chain names) and the
    /// command-line overrides. `cwd_root` is the folder globs are relative to when there is no
    /// configuration file.
    ///
    /// Along an `extend` chain, each file comes on top of the one it extends: its `lang` and
    /// `fail-on` win, its `select`/`extend-select`/`ignore` are a selection layer over the
    /// inherited one, its `include` (when given) replaces the inherited one, and the other
    /// lists and tables add to the inherited ones. Globs of an inherited file keep meaning
    /// what they meant in its folder.
    pub fn resolve(
        file: Option<&ConfigFile>,
        overrides: &Overrides,
        extend_rules_of_file: Vec<PathBuf>,
        cwd_root: &Path,
    ) -> Settings {
        let root = file.map_or_else(|| cwd_root.to_path_buf(), ConfigFile::folder);
        let chain = file.map(ConfigFile::chain).unwrap_or_default();
        let mut lang = None;
        let mut fail_on = None;
        let mut file_selection = Vec::new();
        let mut severity: BTreeMap<String, Severity> = BTreeMap::new();
        let mut include = Vec::new();
        let mut exclude = Vec::new();
        let mut per_file_ignores: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut per_phrase_ignores: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut allow = Vec::new();
        let mut glossary: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for layer in &chain {
            let spec = &layer.spec;
            // Globs of an inherited file, made to mean the same from this file's folder.
            let folder = layer.folder();
            let inherited = !std::ptr::eq(*layer, chain[chain.len() - 1]);
            let glob = |g: &Spanned<String>| inherit_glob(g.get_ref(), &folder, inherited);
            if let Some(l) = &spec.lang {
                lang = Some(l.get_ref().clone());
            }
            fail_on = spec.fail_on.or(fail_on);
            file_selection.push(SelectionLayer {
                select: spec.select.as_deref().map(strings),
                extend_select: strings(&spec.extend_select),
                ignore: strings(&spec.ignore),
            });
            severity.extend(
                spec.severity
                    .iter()
                    .map(|(k, v)| (k.get_ref().clone(), *v.get_ref())),
            );
            if !spec.include.is_empty() {
                include = spec.include.iter().map(glob).collect();
            }
            exclude.extend(spec.exclude.iter().map(glob));
            for (g, ids) in &spec.per_file_ignores {
                per_file_ignores
                    .entry(glob(g))
                    .or_default()
                    .extend(strings(ids));
            }
            for (phrase, ids) in &spec.per_phrase_ignores {
                per_phrase_ignores
                    .entry(phrase.get_ref().clone())
                    .or_default()
                    .extend(strings(ids));
            }
            allow.extend(spec.allow.iter().cloned());
            match spec.glossary.as_ref().map(Spanned::get_ref) {
                None => {}
                Some(GlossarySpec::Canonical(words)) => {
                    for w in words {
                        glossary.entry(w.clone()).or_default();
                    }
                }
                Some(GlossarySpec::Variants(map)) => {
                    for (k, v) in map {
                        glossary.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        severity.extend(overrides.severity.iter().cloned());
        for (glob, ids) in &overrides.per_file_ignores {
            per_file_ignores
                .entry(glob.clone())
                .or_default()
                .extend(ids.iter().cloned());
        }
        for word in &overrides.glossary {
            glossary.entry(word.clone()).or_default();
        }
        let mut extend_rules = extend_rules_of_file;
        extend_rules.extend(overrides.extend_rules.iter().cloned());
        allow.extend(overrides.allow.iter().cloned());
        exclude.extend(overrides.exclude.iter().cloned());
        Settings {
            source: file.map(|f| f.path.clone()),
            root,
            lang: overrides
                .lang
                .clone()
                .or(lang)
                .unwrap_or_else(|| "auto".to_string()),
            file_selection,
            cli_selection: SelectionLayer {
                select: overrides.select.clone(),
                extend_select: overrides.extend_select.clone(),
                ignore: overrides.ignore.clone(),
            },
            rules: Vec::new(),
            severity,
            extend_rules,
            include: if overrides.include.is_empty() {
                include
            } else {
                overrides.include.clone()
            },
            exclude,
            per_file_ignores,
            per_phrase_ignores,
            allow,
            glossary,
            fail_on: overrides.fail_on.or(fail_on).unwrap_or(Severity::Warning),
        }
    }

    /// Whether the rule `id` runs: each layer (configuration file, then command line) selects
    /// and ignores by prefix; within a layer the longest matching prefix decides and an
    /// `ignore` wins a tie; a layer without `select` starts from the previous layer's choice.
    pub fn rule_enabled(&self, id: &str) -> bool {
        let enabled = self
            .file_selection
            .iter()
            .fold(true, |enabled, layer| layer_enables(layer, id, enabled));
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

    /// The effective configuration as a configuration file, as `mtlint config` prints it: it
    /// parses back into the same settings (`select` lists every rule that runs, paths are
    /// absolute, `include` is the effective list). Globs stay relative to [`Settings::root`].
    pub fn to_toml(&self) -> String {
        /// The keys of a configuration file, in the order printed.
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct Printed<'a> {
            lang: &'a str,
            fail_on: Severity,
            select: &'a [String],
            extend_rules: Vec<String>,
            include: Vec<String>,
            exclude: &'a [String],
            allow: &'a [String],
            severity: &'a BTreeMap<String, Severity>,
            per_file_ignores: &'a BTreeMap<String, Vec<String>>,
            per_phrase_ignores: &'a BTreeMap<String, Vec<String>>,
            glossary: &'a BTreeMap<String, Vec<String>>,
        }
        let include = if self.include.is_empty() {
            crate::input::DEFAULT_INCLUDE
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            self.include.clone()
        };
        let printed = Printed {
            lang: &self.lang,
            fail_on: self.fail_on,
            select: &self.rules,
            extend_rules: self
                .extend_rules
                .iter()
                .map(|p| absolute(p).display().to_string())
                .collect(),
            include,
            exclude: &self.exclude,
            allow: &self.allow,
            severity: &self.severity,
            per_file_ignores: &self.per_file_ignores,
            per_phrase_ignores: &self.per_phrase_ignores,
            glossary: &self.glossary,
        };
        let mut out = String::new();
        match &self.source {
            Some(path) => {
                let chain = path.display();
                out.push_str(&format!(
                    "# The effective configuration: {chain} (with the files it extends) and the command-line flags.\n"
                ));
            }
            None => out.push_str(
                "# The effective configuration: no configuration file, the defaults and the command-line flags.\n",
            ),
        }
        out.push_str(&format!(
            "# Globs are relative to {}. `select` lists every rule that runs.\n",
            absolute(&self.root).display()
        ));
        out.push_str(&toml::to_string(&printed).unwrap_or_else(|e| format!("# {e}\n")));
        out
    }

    /// The globs of `include` and `exclude`, compiled (the defaults when `include` is empty).
    pub fn file_filter(&self) -> Result<FileGlobs, String> {
        let include = if self.include.is_empty() {
            crate::input::DEFAULT_INCLUDE
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            self.include.clone()
        };
        let rebase = |globs: &[String]| -> Vec<String> {
            globs.iter().map(|g| rebase_glob(g, &self.root)).collect()
        };
        Ok(FileGlobs {
            include: glob_set(&rebase(&include))?,
            exclude: glob_set(&rebase(&self.exclude))?,
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

/// Whether `set` matches `path`: relative to `root`, as given, as an absolute path (for globs
/// rebased by [`rebase_glob`]), or its file name.
pub fn glob_matches(set: &GlobSet, path: &Path, root: &Path) -> bool {
    let absolute = absolute(path);
    let relative = absolute
        .strip_prefix(absolute_dir(root))
        .unwrap_or(path)
        .to_path_buf();
    set.is_match(&relative)
        || set.is_match(path)
        || set.is_match(&absolute)
        || path.file_name().is_some_and(|n| set.is_match(n))
}

/// A glob of a configuration file in `folder`, as the file that extends it sees it: a glob
/// naming a path (with a `/`, not starting with `**/`) is made absolute when `inherited`.
fn inherit_glob(glob: &str, folder: &Path, inherited: bool) -> String {
    if !inherited || !glob.contains('/') || glob.starts_with("**/") || glob.starts_with('/') {
        return glob.to_string();
    }
    let relative = if glob.starts_with("./") || glob.starts_with("../") {
        glob.to_string()
    } else {
        format!("./{glob}")
    };
    rebase_glob(&relative, folder)
}

/// A glob relative to `root` that begins with `./` or `../` made absolute (`../legacy/**`
/// from `/a/b` is `/a/legacy/**`), so that it can name files outside `root`; other globs are
/// returned as they are.
pub fn rebase_glob(glob: &str, root: &Path) -> String {
    if !(glob.starts_with("./") || glob.starts_with("../")) {
        return glob.to_string();
    }
    let mut rest = glob;
    let mut base = absolute(root);
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../") {
            base.pop();
            rest = r;
        } else {
            break;
        }
    }
    let base = base.to_string_lossy();
    let separator = if base.ends_with('/') { "" } else { "/" };
    format!("{base}{separator}{rest}")
}

/// `path` made absolute against the current folder, with `.` and `..` resolved lexically (as
/// written, without following links), so that `../docs/a.txt` and `docs/a.txt` compare equal
/// from the right folders.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    normalize(&joined)
}

/// `path` with `.` components dropped and each `..` removing the component before it (a `..`
/// at the root stays at the root; a leading `..` of a relative path is kept).
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            c => out.push(c),
        }
    }
    out.iter().collect()
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
        matches(&self.include) && !self.excludes(path, roots)
    }

    /// Whether `exclude` matches `path` (relative to any of `roots`, as given, or its name).
    pub fn excludes(&self, path: &Path, roots: &[&Path]) -> bool {
        roots
            .iter()
            .any(|root| glob_matches(&self.exclude, path, root))
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
    fn paths_and_globs_with_dot_dot() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(normalize(Path::new("/../a")), Path::new("/a"));
        assert_eq!(normalize(Path::new("../a/../b")), Path::new("../b"));
        assert_eq!(
            rebase_glob("../legacy/**", Path::new("/a/b")),
            "/a/legacy/**"
        );
        assert_eq!(rebase_glob("./x/*.md", Path::new("/a/b")), "/a/b/x/*.md");
        assert_eq!(rebase_glob("legacy/**", Path::new("/a/b")), "legacy/**");
        let set = glob_set(&[rebase_glob("../legacy/**", Path::new("/a/b"))]).unwrap();
        assert!(glob_matches(
            &set,
            Path::new("/a/legacy/x.txt"),
            Path::new("/a/b")
        ));
        assert!(!glob_matches(
            &set,
            Path::new("/a/b/legacy/x.txt"),
            Path::new("/a/b")
        ));
    }

    #[test]
    fn the_printed_configuration_parses_back_into_the_same_settings() {
        let file = parse(
            "lang = \"fr\"\nselect = [\"punctuation\"]\nextend-select = [\"consistency\"]\nallow = [\"Web\"]\nexclude = [\"drafts/**\"]\nfail-on = \"info\"\n[severity]\n\"punctuation\" = \"error\"\n[per-file-ignores]\n\"legacy/**\" = [\"punctuation\"]\n[per-phrase-ignores]\n\"Le Monde..\" = [\"punctuation/doubled-stop\"]\n[glossary]\n\"Tokaïev\" = [\"Tokayev\"]\n\"Zelensky\" = []\n",
        )
        .unwrap();
        let overrides = Overrides {
            ignore: vec!["punctuation/doubled-stop".into()],
            allow: vec!["spot".into()],
            ..Overrides::default()
        };
        let mut settings = Settings::resolve(Some(&file), &overrides, vec![], Path::new("."));
        settings.resolve_rules(ids().iter().map(String::as_str));
        let printed = settings.to_toml();
        let again = parse(&printed).unwrap_or_else(|e| panic!("{e}\n{printed}"));
        again.validate(&ids()).unwrap();
        let mut resolved =
            Settings::resolve(Some(&again), &Overrides::default(), vec![], Path::new("."));
        resolved.resolve_rules(ids().iter().map(String::as_str));
        assert_eq!(resolved.rules, settings.rules, "{printed}");
        assert_eq!(resolved.rules, ["consistency/glossary"]);
        assert_eq!(resolved.lang, settings.lang);
        assert_eq!(resolved.fail_on, settings.fail_on);
        assert_eq!(resolved.severity, settings.severity);
        assert_eq!(resolved.exclude, settings.exclude);
        assert_eq!(resolved.allow, settings.allow);
        assert_eq!(resolved.per_file_ignores, settings.per_file_ignores);
        assert_eq!(resolved.per_phrase_ignores, settings.per_phrase_ignores);
        assert_eq!(resolved.glossary, settings.glossary);
        assert_eq!(resolved.include, ["*.txt", "*.md"]);
        // Printing it again prints the same.
        assert_eq!(resolved.to_toml(), printed);
    }

    #[test]
    fn extend_inherits_and_the_extending_file_wins() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("sub")).unwrap();
        fs::write(
            dir.path().join("base.toml"),
            "lang = \"en\"\nignore = [\"typography\"]\nallow = [\"Web\"]\nexclude = [\"drafts/**\"]\n[severity]\n\"punctuation\" = \"error\"\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("sub/mtlint.toml"),
            "extend = \"../base.toml\"\nlang = \"fr\"\nextend-select = [\"typography/guillemet-spacing\"]\nallow = [\"spot\"]\n",
        )
        .unwrap();
        let file = ConfigFile::load(&dir.path().join("sub/mtlint.toml")).unwrap();
        file.validate(&ids()).unwrap();
        let settings =
            Settings::resolve(Some(&file), &Overrides::default(), vec![], Path::new("."));
        assert_eq!(settings.lang, "fr");
        assert_eq!(settings.allow, ["Web", "spot"]);
        assert!(settings.rule_enabled("typography/guillemet-spacing"));
        assert!(settings.rule_enabled("punctuation/doubled-stop"));
        assert_eq!(
            settings.severity_of("punctuation/doubled-stop", Severity::Warning),
            Severity::Error
        );
        // The inherited glob still means the base file's drafts/ folder.
        let globs = settings.file_filter().unwrap();
        let base = absolute(dir.path());
        assert!(!globs.accepts(&base.join("drafts/a.txt"), &[&base.join("sub")]));
        assert!(globs.accepts(&base.join("sub/drafts/a.txt"), &[&base.join("sub")]));
    }

    #[test]
    fn extend_errors_name_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("a.toml"),
            "lang = \"fr\"\nextend = \"b.toml\"\n",
        )
        .unwrap();
        fs::write(dir.path().join("b.toml"), "extend = \"a.toml\"\n").unwrap();
        let err = ConfigFile::load(&dir.path().join("a.toml")).unwrap_err();
        assert!(
            err.to_string().contains("b.toml:1") && err.message.contains("cycle"),
            "{err}"
        );
        fs::write(dir.path().join("b.toml"), "extend = \"missing.toml\"\n").unwrap();
        let err = ConfigFile::load(&dir.path().join("a.toml")).unwrap_err();
        assert!(
            err.message.contains("missing.toml") && err.line() == Some(1),
            "{err}"
        );
        fs::write(dir.path().join("b.toml"), "selct = []\n").unwrap();
        let err = ConfigFile::load(&dir.path().join("a.toml")).unwrap_err();
        assert!(
            err.to_string().contains("b.toml:1") && err.message.contains("select"),
            "{err}"
        );
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
