//! A linter ready to use from a program: one configuration resolved into its rules, policy and
//! engines, with [`Linter::check`], [`Linter::fix`] and [`Linter::score`] on texts. The
//! command line builds one per configuration file it meets; bindings build one per
//! configuration they are given.

use crate::{
    config::{ConfigError, ConfigFile, Overrides, Settings},
    diagnostic::Diagnostic,
    engine::Engine,
    fix::FixOutcome,
    formats::{Format, FormatError},
    input,
    policy::{self, Policy},
    rules::{PackError, RuleSet, Selection},
    score::Score,
};
use std::{
    collections::HashMap,
    fmt, fs,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

/// Why a linter cannot be built.
#[derive(Debug)]
pub enum LinterError {
    /// The configuration file is invalid.
    Config(ConfigError),
    /// A rule pack is invalid.
    Pack(PackError),
    /// A file or folder named by the configuration cannot be read.
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The settings are inconsistent (an invalid glob, an unknown rule id).
    Invalid(String),
}

impl LinterError {
    /// The error as the command line prints it: configuration and pack errors point at their
    /// line with a snippet.
    pub fn render(&self, color: bool) -> String {
        match self {
            LinterError::Config(e) => e.render(color),
            LinterError::Pack(e) => e.render(color),
            other => format!("error: {other}\n"),
        }
    }
}

impl fmt::Display for LinterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinterError::Config(e) => write!(f, "{e}"),
            LinterError::Pack(e) => write!(f, "{}", e.message),
            LinterError::Io { path, reason } => write!(f, "{}: {reason}", path.display()),
            LinterError::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for LinterError {}

/// The built-in rule packs and the packs of `paths` (TOML files, or folders of them).
pub fn load_packs(paths: &[PathBuf]) -> Result<RuleSet, LinterError> {
    let mut sources: Vec<(String, String)> = crate::rules::BUILTIN_PACKS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let io = |path: &Path, prefix: &str, e: std::io::Error| LinterError::Io {
        path: path.to_path_buf(),
        reason: format!("{prefix}{}", input::io_reason(&e)),
    };
    for path in paths {
        let files = if path.is_dir() {
            let mut files: Vec<PathBuf> = fs::read_dir(path)
                .map_err(|e| io(path, "", e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            files
        } else {
            vec![path.clone()]
        };
        for file in files {
            let text =
                fs::read_to_string(&file).map_err(|e| io(&file, "cannot read rule pack: ", e))?;
            sources.push((file.display().to_string(), text));
        }
    }
    RuleSet::load(sources).map_err(LinterError::Pack)
}

/// One configuration, compiled: its settings, rules, policy, and one engine per language met.
pub struct Linter {
    settings: Arc<Settings>,
    set: RuleSet,
    selection: Selection,
    policy: Policy,
    engines: Mutex<HashMap<String, Arc<Engine>>>,
}

impl Linter {
    /// The linter of the configuration file `file` (none: the defaults) with `overrides` on
    /// top; relative paths of the overrides are relative to `cwd`.
    pub fn new(
        file: Option<&ConfigFile>,
        overrides: &Overrides,
        cwd: &Path,
    ) -> Result<Linter, LinterError> {
        let extend_rules = match file {
            Some(f) => f.extend_rules().map_err(LinterError::Config)?,
            None => Vec::new(),
        };
        let mut settings = Settings::resolve(file, overrides, extend_rules, cwd);
        let set = load_packs(&settings.extend_rules)?;
        let ids = Self::rule_ids(&set);
        if let Some(file) = file {
            file.validate(&ids).map_err(LinterError::Config)?;
        }
        settings.resolve_rules(ids.iter().map(String::as_str));
        let selection = settings.engine_selection(&set);
        let settings = Arc::new(settings);
        let policy = Policy::new(settings.clone(), ids).map_err(LinterError::Invalid)?;
        Ok(Linter {
            settings,
            set,
            selection,
            policy,
            engines: Mutex::new(HashMap::new()),
        })
    }

    /// The linter reading files with `options` (the strings of JSON records to lint).
    pub fn with_read_options(self, options: crate::formats::ReadOptions) -> Linter {
        Linter {
            policy: self.policy.reading(options),
            ..self
        }
    }

    /// The linter of the built-in rules with the default settings.
    pub fn builtin() -> Result<Linter, LinterError> {
        Linter::new(None, &Overrides::default(), Path::new("."))
    }

    /// The linter of a configuration given as TOML text (the content of an `mtlint.toml`),
    /// with relative paths relative to `folder`.
    pub fn from_toml(
        text: &str,
        folder: &Path,
        overrides: &Overrides,
    ) -> Result<Linter, LinterError> {
        let file = ConfigFile::parse(&folder.join("mtlint.toml"), text.to_string())
            .map_err(LinterError::Config)?;
        Linter::new(Some(&file), overrides, folder)
    }

    /// The ids of every rule of `set` and of the rules built into the policy.
    pub fn rule_ids(set: &RuleSet) -> Vec<String> {
        let mut ids: Vec<String> = set.rules.iter().map(|r| r.meta.id.to_string()).collect();
        ids.extend(policy::builtin_rules().iter().map(|m| m.id.to_string()));
        ids
    }

    /// The effective settings.
    pub fn settings(&self) -> &Arc<Settings> {
        &self.settings
    }

    /// The rules loaded (built-in and extra packs), selected or not.
    pub fn rules(&self) -> &RuleSet {
        &self.set
    }

    /// The policy that applies the configuration to diagnostics.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The engine for `text`: the configured language, or the detected one with `auto`.
    pub fn engine(&self, text: &str) -> Arc<Engine> {
        let lang = match self.settings.lang.as_str() {
            "auto" => policy::detect_language(text),
            lang => lang,
        };
        self.engine_in(lang)
    }

    /// The engine for documents in language `lang`.
    pub fn engine_in(&self, lang: &str) -> Arc<Engine> {
        let mut engines = self.engines.lock().unwrap_or_else(|e| e.into_inner());
        engines
            .entry(lang.to_string())
            .or_insert_with(|| {
                let engine = Engine::new(&self.set, &self.selection, lang);
                Arc::new(engine.with_origin(self.settings.origin))
            })
            .clone()
    }

    /// The diagnostics of `text`, the content of the file `path` read as `format`, with the
    /// configuration applied; or why the text is not valid in its format.
    pub fn check(
        &self,
        path: &Path,
        text: &str,
        format: Format,
    ) -> Result<Vec<Diagnostic>, FormatError> {
        self.policy.lint(&self.engine(text), path, text, format)
    }

    /// `text` with its fixes applied (safe ones; unsafe ones too with `unsafe_fixes`), and
    /// what remains.
    pub fn fix(
        &self,
        path: &Path,
        text: &str,
        format: Format,
        unsafe_fixes: bool,
    ) -> Result<FixOutcome, FormatError> {
        let engine = self.engine(text);
        self.policy.fix(&engine, path, text, format, unsafe_fixes)
    }

    /// How damaged `text` is: its problems by category and severity, per 1,000 words, and the
    /// share of its words in another language.
    pub fn score(&self, path: &Path, text: &str, format: Format) -> Result<Score, FormatError> {
        let diagnostics = self.check(path, text, format)?;
        Ok(Score::of(text, &diagnostics))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linter_checks_fixes_and_scores() {
        let linter = Linter::builtin().unwrap();
        let path = Path::new("a.txt");
        let text = "Le cupboard a démissionné.. Ensuite\n";
        let found = linter.check(path, text, Format::Text).unwrap();
        assert!(found.iter().any(|d| &*d.rule == "punctuation/doubled-stop"));
        let fixed = linter.fix(path, text, Format::Text, false).unwrap();
        assert_eq!(fixed.text, "Le cupboard a démissionné. Ensuite\n");
        let score = linter.score(path, text, Format::Text).unwrap();
        assert_eq!(score.words, 5);
        assert_eq!(score.problems, found.len());
    }

    #[test]
    fn a_configuration_as_text() {
        let linter = Linter::from_toml(
            "select = [\"punctuation\"]\n",
            Path::new("."),
            &Overrides::default(),
        )
        .unwrap();
        let found = linter
            .check(Path::new("a.txt"), "Le cupboard.. Fin\n", Format::Text)
            .unwrap();
        assert!(found.iter().all(|d| d.rule.starts_with("punctuation")));
        let error = Linter::from_toml("selct = 1\n", Path::new("."), &Overrides::default());
        assert!(matches!(error, Err(LinterError::Config(_))));
    }
}
