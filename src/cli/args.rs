//! The command-line arguments, as clap parses them.

use crate::{
    config::{Origin, Overrides},
    diagnostic::Severity,
    render::OutputFormat,
};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A linter for machine-translated and spun text.
#[derive(Debug, Parser)]
#[command(name = "mtlint", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Lint files, folders or standard input (`-`).
    Check(CheckArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Print the documentation of one rule.
    Rule {
        /// The rule id, e.g. `spinner-synonym/english-word`.
        id: String,
        #[command(flatten)]
        packs: PackArgs,
    },
    /// Print the effective configuration for a file or folder (default: the current folder),
    /// as a configuration file.
    Config {
        /// The file or folder whose configuration to print.
        path: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print a shell completion script (e.g. `mtlint completions bash > /etc/bash_completion.d/mtlint`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `mtlint manpage > mtlint.1; man ./mtlint.1`.
    Manpage,
    /// Print the licences of mtlint and of the lexicons built into it.
    Licenses,
}

#[derive(Debug, Args)]
pub(super) struct PackArgs {
    /// Add the rule packs of this TOML file or folder (repeatable).
    #[arg(long = "rules", alias = "extend-rules", value_name = "PATH")]
    pub(super) rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct RulesArgs {
    /// Print the list as JSON.
    #[arg(long)]
    pub(super) json: bool,
    #[command(flatten)]
    pub(super) packs: PackArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What produced the documents (`--origin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum OriginArg {
    /// Decided for each document from its English words (the default).
    Auto,
    /// An English synonym spinner replaced French words that are also English.
    Spun,
    /// An unfinished machine translation left English words untranslated.
    Translated,
}

impl From<OriginArg> for Origin {
    fn from(origin: OriginArg) -> Origin {
        match origin {
            OriginArg::Auto => Origin::Auto,
            OriginArg::Spun => Origin::Spun,
            OriginArg::Translated => Origin::Translated,
        }
    }
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Level {
    Error,
    Warning,
    Info,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Severity {
        match level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// The options that a configuration file can also set; the flags win.
#[derive(Debug, Args)]
pub(super) struct ConfigArgs {
    /// Use this configuration file for every input instead of looking for `mtlint.toml`.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub(super) config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub(super) isolated: bool,
    /// Run only rules whose id starts with one of these (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub(super) select: Vec<String>,
    /// Also run rules whose id starts with one of these.
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub(super) extend_select: Vec<String>,
    /// Do not run rules whose id starts with one of these (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub(super) ignore: Vec<String>,
    /// Ignore rules in the files matching a glob: `GLOB:ID[,ID…]` (repeatable).
    #[arg(long, value_name = "GLOB:IDS")]
    pub(super) per_file_ignores: Vec<String>,
    /// Set the severity of the rules starting with ID: `ID=error|warning|info` (repeatable).
    #[arg(long, value_name = "ID=LEVEL", value_parser = parse_severity)]
    pub(super) severity: Vec<(String, Severity)>,
    /// Never flag this word (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "WORD")]
    pub(super) allow: Vec<String>,
    /// A canonical spelling for consistency/glossary; variants are found by folding (repeatable).
    #[arg(long, value_name = "WORD")]
    pub(super) glossary: Vec<String>,
    /// The language of the documents: a two-letter code, or `auto` (the default: detect per
    /// document, falling back to fr).
    #[arg(long, value_name = "LANG")]
    pub(super) lang: Option<String>,
    /// What produced the documents, which decides the suggestions for English words: `auto`
    /// (decided per document from its English words; the default), `spun` (an English synonym
    /// spinner replaced French words) or `translated` (an unfinished machine translation left
    /// English words untranslated).
    #[arg(long, value_enum, value_name = "ORIGIN")]
    pub(super) origin: Option<OriginArg>,
    /// Also lint the files matching these globs when walking folders (besides the files of
    /// every supported format).
    #[arg(long, value_name = "GLOB")]
    pub(super) include: Vec<String>,
    /// Skip files matching these globs when walking folders.
    #[arg(long, value_name = "GLOB")]
    pub(super) exclude: Vec<String>,
    /// The field of JSON and JSON Lines files whose strings are linted: a dotted path
    /// (`meta.title`) or a JSON pointer (`/meta/title`); repeatable (default: text).
    #[arg(long = "field", value_name = "NAME")]
    pub(super) fields: Vec<String>,
    /// The lowest severity that fails the run (default: warning).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(super) fail_on: Option<Level>,
    #[command(flatten)]
    pub(super) packs: PackArgs,
}

pub(super) fn parse_severity(value: &str) -> Result<(String, Severity), String> {
    let (id, level) = value
        .split_once('=')
        .ok_or_else(|| format!("expected ID=LEVEL, not `{value}`"))?;
    let severity = match level.trim() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        other => {
            return Err(format!(
                "unknown level `{other}`, expected error, warning or info{}",
                crate::suggest::did_you_mean(other, ["error", "warning", "info"])
            ));
        }
    };
    Ok((id.trim().to_string(), severity))
}

impl ConfigArgs {
    /// The flags as overrides of the configuration file, or why they are invalid.
    pub(super) fn overrides(&self) -> Result<Overrides, String> {
        if let Some(lang) = &self.lang {
            let valid =
                lang == "auto" || (lang.len() == 2 && lang.chars().all(|c| c.is_ascii_lowercase()));
            if !valid {
                return Err(format!(
                    "--lang: `{lang}` is not a two-letter language code or `auto`"
                ));
            }
        }
        let per_file_ignores = self
            .per_file_ignores
            .iter()
            .map(|value| {
                let (glob, ids) = value.rsplit_once(':').ok_or_else(|| {
                    format!("--per-file-ignores: expected GLOB:ID[,ID…], not `{value}`")
                })?;
                globset::Glob::new(glob)
                    .map_err(|e| format!("--per-file-ignores: invalid glob `{glob}`: {e}"))?;
                Ok((
                    glob.to_string(),
                    ids.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                ))
            })
            .collect::<Result<_, String>>()?;
        Ok(Overrides {
            lang: self.lang.clone(),
            origin: self.origin.map(Origin::from),
            select: (!self.select.is_empty()).then(|| self.select.clone()),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
            severity: self.severity.clone(),
            extend_rules: self.packs.rules.clone(),
            include: self.include.clone(),
            exclude: self.exclude.clone(),
            per_file_ignores,
            allow: self.allow.clone(),
            glossary: self.glossary.clone(),
            fail_on: self.fail_on.map(Severity::from),
        })
    }

    /// How files are read: the `--field` paths, or the default.
    pub(super) fn read_options(&self) -> Result<crate::formats::ReadOptions, String> {
        if self.fields.is_empty() {
            return Ok(crate::formats::ReadOptions::default());
        }
        let fields = self
            .fields
            .iter()
            .map(|f| crate::formats::FieldPath::parse(f).map_err(|e| format!("--field: {e}")))
            .collect::<Result<_, String>>()?;
        Ok(crate::formats::ReadOptions { fields })
    }

    /// Every rule id or prefix given on the command line, with the flag that gave it.
    pub(super) fn prefixes(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        out.extend(self.select.iter().map(|p| ("--select", p.clone())));
        out.extend(
            self.extend_select
                .iter()
                .map(|p| ("--extend-select", p.clone())),
        );
        out.extend(self.ignore.iter().map(|p| ("--ignore", p.clone())));
        out.extend(self.severity.iter().map(|(p, _)| ("--severity", p.clone())));
        for value in &self.per_file_ignores {
            if let Some((_, ids)) = value.rsplit_once(':') {
                out.extend(
                    ids.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|p| ("--per-file-ignores", p.to_string())),
                );
            }
        }
        out
    }
}

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// Files and folders to lint (`-` for standard input). Default: the current folder.
    pub(super) paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "pretty")]
    pub(super) format: OutputFormat,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub(super) output_file: Option<PathBuf>,
    /// Apply safe fixes and report what remains.
    #[arg(long)]
    pub(super) fix: bool,
    /// Apply fixes and report nothing about the problems that remain, nor fail on them
    /// (implies --fix).
    #[arg(long, conflicts_with = "diff")]
    pub(super) fix_only: bool,
    /// After the report, list the fixes applied, per file and rule.
    #[arg(long)]
    pub(super) show_fixes: bool,
    /// Exit 1 when a fix was applied, even if no problem remains.
    #[arg(long, conflicts_with = "exit_zero")]
    pub(super) exit_non_zero_on_fix: bool,
    /// Apply `exclude` (configuration and --exclude) also to files named on the command line,
    /// as pre-commit does.
    #[arg(long)]
    pub(super) force_exclude: bool,
    /// Also apply unsafe fixes (with --fix or --diff), and count them as fixable.
    #[arg(long)]
    pub(super) unsafe_fixes: bool,
    /// With --fix, also fix read-only files (they stay read-only); without it they are refused.
    #[arg(long, requires = "fix")]
    pub(super) fix_read_only: bool,
    /// Print the fixes as a unified diff and write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub(super) diff: bool,
    /// When to colour pretty output.
    #[arg(long, value_enum, default_value = "auto")]
    pub(super) color: ColorChoice,
    /// The file name to report (and to infer the format from) for standard input.
    #[arg(long, value_name = "NAME")]
    pub(super) stdin_filename: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub(super) threads: Option<usize>,
    /// Exit 0 even when problems are found (usage and input errors still exit 2).
    #[arg(long)]
    pub(super) exit_zero: bool,
    /// Print how many problems each rule found instead of the problems.
    #[arg(long)]
    pub(super) statistics: bool,
    /// Print only the problems: no summary line, no notes.
    #[arg(long, short = 'q')]
    pub(super) quiet: bool,
    /// Report only the problems this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Record every problem found in the --baseline file (created or replaced) and exit 0.
    #[arg(long, requires = "baseline", conflicts_with_all = ["fix", "diff"])]
    pub(super) write_baseline: bool,
    #[command(flatten)]
    pub(super) config: ConfigArgs,
}
