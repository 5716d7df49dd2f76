//! Rule packs and configuration files resolved into the profile each input is linted with.

use super::*;
use crate::{
    config::{self, ConfigFile, Overrides, Settings},
    linter::{Linter, load_packs},
    policy,
    rules::{RuleMeta, RuleSet},
};
use std::{
    collections::{BTreeMap, HashMap},
    path::{Path, PathBuf},
    sync::Arc,
};

/// Loads the built-in packs and the packs at `paths`, or prints why not.
pub(super) fn load_rules(paths: &[PathBuf]) -> Result<RuleSet, i32> {
    load_packs(paths).map_err(|e| {
        stderr_text(&e.render(stderr_color()));
        2
    })
}

/// Everything one configuration needs: its linter and the globs that pick its files.
pub(super) struct Profile {
    pub(super) linter: Linter,
    pub(super) globs: config::FileGlobs,
}

impl Profile {
    /// The effective settings.
    pub(super) fn settings(&self) -> &Settings {
        self.linter.settings()
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
            stderr!("error: {e}");
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
        let file =
            config_path
                .map(ConfigFile::load)
                .transpose()
                .map_err(|e: config::ConfigError| {
                    stderr_text(&e.render(stderr_color()));
                    2
                })?;
        let linter = Linter::new(file.as_ref(), &self.overrides, &self.cwd).map_err(|e| {
            stderr_text(&e.render(stderr_color()));
            2
        })?;
        let ids = Linter::rule_ids(linter.rules());
        for (flag, prefix) in self.args.prefixes() {
            if !config::is_known_selector(&prefix, &ids) {
                stderr!(
                    "error: {flag}: no rule id starts with `{prefix}`{}",
                    config::suggest_prefix(&prefix, &ids)
                );
                return Err(2);
            }
        }
        let globs = linter.settings().file_filter().map_err(|e| {
            stderr!("error: {e}");
            2
        })?;
        let linter = linter.with_read_options(self.reading.clone());
        Ok(Profile { linter, globs })
    }

    /// The documentation of every rule any profile knows, by id.
    pub(super) fn rule_docs(&self) -> BTreeMap<String, RuleMeta> {
        let mut docs: BTreeMap<String, RuleMeta> = policy::builtin_rules()
            .into_iter()
            .map(|m| (m.id.to_string(), m))
            .collect();
        for profile in self.profiles.values() {
            for rule in &profile.linter.rules().rules {
                docs.entry(rule.meta.id.to_string())
                    .or_insert_with(|| (*rule.meta).clone());
            }
        }
        docs
    }
}
