//! The effective settings of one file: its configuration files and the command-line flags.

use super::{ConfigFile, GlossarySpec, Origin, Overrides, glob_set, rebase_glob};
use super::{FileGlobs, absolute};
use crate::{
    diagnostic::Severity,
    rules::{RuleSet, Selection},
};
use serde::Serialize;
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};
use toml::Spanned;

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
    /// What produced the documents (`spun` or `translated`).
    pub origin: Origin,
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
    /// Source term → accepted translations (`translation/terminology`).
    pub terminology: BTreeMap<String, Vec<String>>,
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
    /// inherited one, and its lists and tables (`include` among them) add to the inherited
    /// ones. Globs of an inherited file keep meaning
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
        let mut origin = None;
        let mut fail_on = None;
        let mut file_selection = Vec::new();
        let mut severity: BTreeMap<String, Severity> = BTreeMap::new();
        let mut include = Vec::new();
        let mut exclude = Vec::new();
        let mut per_file_ignores: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut per_phrase_ignores: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut allow = Vec::new();
        let mut glossary: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut terminology: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for layer in &chain {
            let spec = &layer.spec;
            // Globs of an inherited file, made to mean the same from this file's folder.
            let folder = layer.folder();
            let inherited = !std::ptr::eq(*layer, chain[chain.len() - 1]);
            let glob = |g: &Spanned<String>| inherit_glob(g.get_ref(), &folder, inherited);
            if let Some(l) = &spec.lang {
                lang = Some(l.get_ref().clone());
            }
            origin = spec.origin.or(origin);
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
            include.extend(spec.include.iter().map(glob));
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
            terminology.extend(
                spec.terminology
                    .iter()
                    .map(|(term, translations)| (term.get_ref().clone(), translations.list())),
            );
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
            origin: overrides.origin.or(origin).unwrap_or_default(),
            file_selection,
            cli_selection: SelectionLayer {
                select: overrides.select.clone(),
                extend_select: overrides.extend_select.clone(),
                ignore: overrides.ignore.clone(),
            },
            rules: Vec::new(),
            severity,
            extend_rules,
            include: include
                .into_iter()
                .chain(overrides.include.iter().cloned())
                .collect(),
            exclude,
            per_file_ignores,
            per_phrase_ignores,
            allow,
            glossary,
            terminology,
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
    /// absolute, `include` lists the globs added to the defaults). Globs stay relative to
    /// [`Settings::root`].
    pub fn to_toml(&self) -> String {
        /// The keys of a configuration file, in the order printed.
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct Printed<'a> {
            lang: &'a str,
            origin: Origin,
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
            terminology: &'a BTreeMap<String, Vec<String>>,
        }
        let printed = Printed {
            lang: &self.lang,
            origin: self.origin,
            fail_on: self.fail_on,
            select: &self.rules,
            extend_rules: self
                .extend_rules
                .iter()
                .map(|p| absolute(p).display().to_string())
                .collect(),
            include: self.include.clone(),
            exclude: &self.exclude,
            allow: &self.allow,
            severity: &self.severity,
            per_file_ignores: &self.per_file_ignores,
            per_phrase_ignores: &self.per_phrase_ignores,
            glossary: &self.glossary,
            terminology: &self.terminology,
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

    /// The globs of `include` (added to [`crate::input::DEFAULT_INCLUDE`]) and `exclude`,
    /// compiled.
    pub fn file_filter(&self) -> Result<FileGlobs, String> {
        let include: Vec<String> = crate::input::DEFAULT_INCLUDE
            .iter()
            .map(|s| s.to_string())
            .chain(self.include.iter().cloned())
            .collect();
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
