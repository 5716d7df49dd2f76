//! Rule packs and configuration files resolved into the profile each input is linted with.

use super::*;
use crate::{
    config::{self, ConfigFile, Overrides, Settings},
    engine::Engine,
    input::{self},
    policy::{self, Policy},
    rules::{PackError, RuleMeta, RuleSet, Selection},
};
use std::{
    collections::{BTreeMap, HashMap},
    fs,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

/// Loads the built-in packs and the packs at `paths`, or prints why not.
pub(super) fn load_rules(paths: &[PathBuf]) -> Result<RuleSet, i32> {
    let mut sources: Vec<(String, String)> = crate::rules::BUILTIN_PACKS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for path in paths {
        let files = if path.is_dir() {
            let mut files: Vec<PathBuf> = match fs::read_dir(path) {
                Ok(entries) => entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect(),
                Err(e) => {
                    eprintln!("error: {}: {}", path.display(), input::io_reason(&e));
                    return Err(2);
                }
            };
            files.sort();
            files
        } else {
            vec![path.clone()]
        };
        for file in files {
            match fs::read_to_string(&file) {
                Ok(text) => sources.push((file.display().to_string(), text)),
                Err(e) => {
                    eprintln!(
                        "error: {}: cannot read rule pack: {}",
                        file.display(),
                        input::io_reason(&e)
                    );
                    return Err(2);
                }
            }
        }
    }
    RuleSet::load(sources).map_err(|e: PackError| {
        eprint!("{}", e.render(stderr_color()));
        2
    })
}

/// Everything one configuration needs to lint: its settings, rules, policy and engines.
pub(super) struct Profile {
    pub(super) settings: Arc<Settings>,
    pub(super) set: RuleSet,
    pub(super) selection: Selection,
    pub(super) policy: Policy,
    pub(super) globs: config::FileGlobs,
    pub(super) engines: Mutex<HashMap<String, Arc<Engine>>>,
}

impl Profile {
    /// The engine for `text`: the configured language, or the detected one with `auto`.
    pub(super) fn engine(&self, text: &str) -> Arc<Engine> {
        let lang = match self.settings.lang.as_str() {
            "auto" => policy::detect_language(text),
            lang => lang,
        };
        let mut engines = self.engines.lock().unwrap_or_else(|e| e.into_inner());
        engines
            .entry(lang.to_string())
            .or_insert_with(|| Arc::new(Engine::new(&self.set, &self.selection, lang)))
            .clone()
    }
}

/// Finds the configuration of each input and builds one [`Profile`] per configuration file.
pub(super) struct Resolver<'a> {
    pub(super) args: &'a ConfigArgs,
    pub(super) overrides: Overrides,
    pub(super) cwd: PathBuf,
    pub(super) by_folder: HashMap<PathBuf, Option<PathBuf>>,
    pub(super) profiles: HashMap<Option<PathBuf>, Arc<Profile>>,
    /// How files are read (`--field`).
    pub(super) reading: crate::formats::ReadOptions,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(args: &'a ConfigArgs) -> Result<Resolver<'a>, i32> {
        let fail = |e: String| {
            eprintln!("error: {e}");
            2
        };
        let overrides = args.overrides().map_err(fail)?;
        let reading = args.read_options().map_err(fail)?;
        Ok(Resolver {
            args,
            overrides,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            by_folder: HashMap::new(),
            profiles: HashMap::new(),
            reading,
        })
    }

    /// The profile of the files in `folder`.
    pub(super) fn for_folder(&mut self, folder: &Path) -> Result<Arc<Profile>, i32> {
        let config = if self.args.isolated {
            None
        } else if let Some(path) = &self.args.config {
            Some(path.clone())
        } else {
            let folder = config::absolute(folder);
            self.by_folder
                .entry(folder.clone())
                .or_insert_with(|| config::discover(&folder))
                .clone()
        };
        if let Some(profile) = self.profiles.get(&config) {
            return Ok(profile.clone());
        }
        let profile = Arc::new(self.build(config.as_deref())?);
        self.profiles.insert(config, profile.clone());
        Ok(profile)
    }

    /// The profile of the file `path`.
    pub(super) fn for_file(&mut self, path: &Path) -> Result<Arc<Profile>, i32> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        self.for_folder(&folder)
    }

    pub(super) fn build(&self, config_path: Option<&Path>) -> Result<Profile, i32> {
        let fail = |e: config::ConfigError| {
            eprint!("{}", e.render(stderr_color()));
            2
        };
        let file = config_path
            .map(ConfigFile::load)
            .transpose()
            .map_err(fail)?;
        let extend_rules = match &file {
            Some(f) => f.extend_rules().map_err(fail)?,
            None => Vec::new(),
        };
        let mut settings =
            Settings::resolve(file.as_ref(), &self.overrides, extend_rules, &self.cwd);
        let set = load_rules(&settings.extend_rules)?;
        let mut ids: Vec<String> = set.rules.iter().map(|r| r.meta.id.to_string()).collect();
        ids.extend(policy::builtin_rules().iter().map(|m| m.id.to_string()));
        if let Some(file) = &file {
            file.validate(&ids).map_err(fail)?;
        }
        for (flag, prefix) in self.args.prefixes() {
            if prefix.is_empty() || !ids.iter().any(|id| id.starts_with(prefix.as_str())) {
                eprintln!(
                    "error: {flag}: no rule id starts with `{prefix}`{}",
                    config::suggest_prefix(&prefix, &ids)
                );
                return Err(2);
            }
        }
        settings.resolve_rules(ids.iter().map(String::as_str));
        let globs = settings.file_filter().map_err(|e| {
            eprintln!("error: {e}");
            2
        })?;
        let selection = settings.engine_selection(&set);
        let settings = Arc::new(settings);
        let policy = Policy::new(settings.clone(), ids)
            .map_err(|e| {
                eprintln!("error: {e}");
                2
            })?
            .reading(self.reading.clone());
        Ok(Profile {
            settings,
            set,
            selection,
            policy,
            globs,
            engines: Mutex::new(HashMap::new()),
        })
    }

    /// The documentation of every rule any profile knows, by id.
    pub(super) fn rule_docs(&self) -> BTreeMap<String, RuleMeta> {
        let mut docs: BTreeMap<String, RuleMeta> = policy::builtin_rules()
            .into_iter()
            .map(|m| (m.id.to_string(), m))
            .collect();
        for profile in self.profiles.values() {
            for rule in &profile.set.rules {
                docs.entry(rule.meta.id.to_string())
                    .or_insert_with(|| (*rule.meta).clone());
            }
        }
        docs
    }
}
