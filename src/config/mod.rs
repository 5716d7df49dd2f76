//! Configuration: `mtlint.toml` (or `.mtlint.toml`) files, found by walking up from a linted
//! file's folder, merged with the command-line flags into the effective [`Settings`].
//!
//! Only the nearest configuration file applies (files further up the tree are not merged,
//! unless it names one with `extend`), and command-line flags win over it. Every key, value and rule id is checked: a mistake is a
//! [`ConfigError`] naming the file and the line, with a "did you mean" suggestion.
//!
//! `file` reads and checks configuration files (and their `extend` chains), `settings` merges
//! them with the flags, `paths` compares paths and globs.

mod file;
mod origin;
mod paths;
mod settings;

pub use file::*;
pub use origin::Origin;
pub use paths::*;
pub use settings::*;

use crate::{diagnostic::Severity, suggest};
use std::path::{Path, PathBuf};

/// The names of a configuration file, in the order they are looked for in each folder.
pub const FILE_NAMES: [&str; 2] = ["mtlint.toml", ".mtlint.toml"];

/// The languages `lang` accepts besides `auto`.
pub const LANGUAGES: [&str; 6] = ["fr", "en", "de", "es", "it", "pt"];

/// How many files an `extend` chain may hold.
pub const MAX_EXTEND_DEPTH: usize = 16;

/// The top-level keys of a configuration file.
pub const KEYS: [&str; 16] = [
    "extend",
    "lang",
    "origin",
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
    "terminology",
];

/// Whether `selector` selects something that exists: a prefix of a rule id, or the name of a
/// category (which may have no rule yet, and then selects nothing).
pub fn is_known_selector(selector: &str, rule_ids: &[String]) -> bool {
    !selector.is_empty()
        && (rule_ids.iter().any(|id| id.starts_with(selector))
            || crate::diagnostic::Category::ALL
                .iter()
                .any(|c| c.as_str() == selector))
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
    /// `--origin`.
    pub origin: Option<Origin>,
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
    /// `--include` (added to the file's `include` and the defaults).
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

#[cfg(test)]
mod tests;
