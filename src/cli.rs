//! The command line: argument parsing and the orchestration of reading, configuring, linting,
//! fixing and printing. Exit status: 0 clean, 1 problems found, 2 usage or input error.

use crate::{
    baseline::Baseline,
    config::{self, ConfigFile, Overrides, Settings},
    diagnostic::{Diagnostic, Severity},
    document::Format,
    engine::Engine,
    input::{self, FileFilter, InputError, Loaded},
    output::{write_atomically, write_file_atomically},
    policy::{self, Policy},
    render::{self, OutputFormat, statistics::Statistics, summary::Totals},
    rules::{PackError, RuleMeta, RuleSet, Selection},
};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    fs,
    io::{self, IsTerminal, Read, Write},
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

/// A linter for machine-translated and spun text.
#[derive(Debug, Parser)]
#[command(name = "mtlint", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    /// Print the effective configuration for a file or folder (default: the current folder).
    Config {
        /// The file or folder whose configuration to print.
        path: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

#[derive(Debug, Args)]
struct PackArgs {
    /// Add the rule packs of this TOML file or folder (repeatable).
    #[arg(long = "rules", alias = "extend-rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct RulesArgs {
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    packs: PackArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Level {
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
struct ConfigArgs {
    /// Use this configuration file for every input instead of looking for `mtlint.toml`.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    isolated: bool,
    /// Run only rules whose id starts with one of these (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    select: Vec<String>,
    /// Also run rules whose id starts with one of these.
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    extend_select: Vec<String>,
    /// Do not run rules whose id starts with one of these (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    ignore: Vec<String>,
    /// Ignore rules in the files matching a glob: `GLOB:ID[,ID…]` (repeatable).
    #[arg(long, value_name = "GLOB:IDS")]
    per_file_ignores: Vec<String>,
    /// Set the severity of the rules starting with ID: `ID=error|warning|info` (repeatable).
    #[arg(long, value_name = "ID=LEVEL", value_parser = parse_severity)]
    severity: Vec<(String, Severity)>,
    /// Never flag this word (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "WORD")]
    allow: Vec<String>,
    /// A canonical spelling for consistency/glossary; variants are found by folding (repeatable).
    #[arg(long, value_name = "WORD")]
    glossary: Vec<String>,
    /// The language of the documents: a two-letter code, or `auto` (the default: detect per
    /// document, falling back to fr).
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Lint only files matching these globs when walking folders (default: *.txt, *.md).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip files matching these globs when walking folders.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// The lowest severity that fails the run (default: warning).
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<Level>,
    #[command(flatten)]
    packs: PackArgs,
}

fn parse_severity(value: &str) -> Result<(String, Severity), String> {
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
    fn overrides(&self) -> Result<Overrides, String> {
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

    /// Every rule id or prefix given on the command line, with the flag that gave it.
    fn prefixes(&self) -> Vec<(&'static str, String)> {
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
struct CheckArgs {
    /// Files and folders to lint (`-` for standard input). Default: the current folder.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "pretty")]
    format: OutputFormat,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, value_name = "PATH")]
    output_file: Option<PathBuf>,
    /// Apply safe fixes and report what remains.
    #[arg(long)]
    fix: bool,
    /// Also apply unsafe fixes (with --fix or --diff), and count them as fixable.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// When to colour pretty output.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// The file name to report (and to infer the format from) for standard input.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// Exit 0 even when problems are found (usage and input errors still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Print how many problems each rule found instead of the problems.
    #[arg(long)]
    statistics: bool,
    /// Print only the problems: no summary line, no notes.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Report only the problems this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every problem found in the --baseline file (created or replaced) and exit 0.
    #[arg(long, requires = "baseline", conflicts_with_all = ["fix", "diff"])]
    write_baseline: bool,
    #[command(flatten)]
    config: ConfigArgs,
}

/// Runs the command line and returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => list_rules(args),
        Command::Rule { id, packs } => show_rule(&id, &packs),
        Command::Config { path, config } => show_config(path, &config),
    }
}

fn stderr_color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Loads the built-in packs and the packs at `paths`, or prints why not.
fn load_rules(paths: &[PathBuf]) -> Result<RuleSet, i32> {
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
struct Profile {
    settings: Arc<Settings>,
    set: RuleSet,
    selection: Selection,
    policy: Policy,
    globs: config::FileGlobs,
    engines: Mutex<HashMap<String, Arc<Engine>>>,
}

impl Profile {
    /// The engine for `text`: the configured language, or the detected one with `auto`.
    fn engine(&self, text: &str) -> Arc<Engine> {
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
struct Resolver<'a> {
    args: &'a ConfigArgs,
    overrides: Overrides,
    cwd: PathBuf,
    by_folder: HashMap<PathBuf, Option<PathBuf>>,
    profiles: HashMap<Option<PathBuf>, Arc<Profile>>,
}

impl<'a> Resolver<'a> {
    fn new(args: &'a ConfigArgs) -> Result<Resolver<'a>, i32> {
        let overrides = args.overrides().map_err(|e| {
            eprintln!("error: {e}");
            2
        })?;
        Ok(Resolver {
            args,
            overrides,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            by_folder: HashMap::new(),
            profiles: HashMap::new(),
        })
    }

    /// The profile of the files in `folder`.
    fn for_folder(&mut self, folder: &Path) -> Result<Arc<Profile>, i32> {
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
    fn for_file(&mut self, path: &Path) -> Result<Arc<Profile>, i32> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        self.for_folder(&folder)
    }

    fn build(&self, config_path: Option<&Path>) -> Result<Profile, i32> {
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
        let policy = Policy::new(settings.clone(), ids).map_err(|e| {
            eprintln!("error: {e}");
            2
        })?;
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
    fn rule_docs(&self) -> BTreeMap<String, RuleMeta> {
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

/// The outcome of one input.
struct FileReport {
    output: String,
    diagnostics: Vec<Diagnostic>,
    fixed: usize,
    diff: String,
    error: Option<InputError>,
    /// The fixed text of standard input, printed instead of written.
    fixed_text: Option<String>,
    /// Whether a diagnostic is at or above the failing severity.
    failing: bool,
}

impl FileReport {
    fn empty() -> Self {
        FileReport {
            output: String::new(),
            diagnostics: Vec::new(),
            fixed: 0,
            diff: String::new(),
            error: None,
            fixed_text: None,
            failing: false,
        }
    }

    fn failed(error: InputError) -> Self {
        FileReport {
            error: Some(error),
            ..FileReport::empty()
        }
    }
}

struct Run<'a> {
    args: &'a CheckArgs,
    color: bool,
    /// The baseline known problems are filtered with.
    baseline: Option<Mutex<Baseline>>,
    /// The baseline being recorded (`--write-baseline`).
    recording: Option<Mutex<Baseline>>,
}

impl Run<'_> {
    fn fixing(&self) -> bool {
        self.args.fix || self.args.diff
    }

    /// Drops the problems the baseline knows, or records them all.
    fn against_baseline(
        &self,
        shown: &str,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        if let Some(recording) = &self.recording {
            let mut recording = recording.lock().unwrap_or_else(|e| e.into_inner());
            recording.record(shown, text, &diagnostics);
            return Vec::new();
        }
        match &self.baseline {
            Some(baseline) => baseline
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .filter_new(shown, text, diagnostics),
            None => diagnostics,
        }
    }

    /// Lints (and fixes) one text; `path` is where to write fixes back, if anywhere.
    fn process_text(
        &self,
        profile: &Profile,
        shown: &str,
        text: &str,
        write_to: Option<&Path>,
    ) -> FileReport {
        let format = Format::from_path(shown);
        let engine = profile.engine(text);
        let policy = &profile.policy;
        let path = Path::new(shown);
        let mut report = FileReport::empty();
        let fail_on = profile.settings.fail_on;
        if !self.fixing() {
            let diagnostics = policy.lint(&engine, path, text, format);
            report.diagnostics = self.against_baseline(shown, text, diagnostics);
            report.failing = report.diagnostics.iter().any(|d| d.severity >= fail_on);
            report.output = self.render(shown, text, &report.diagnostics);
            return report;
        }
        let outcome = policy.fix(&engine, path, text, format, self.args.unsafe_fixes);
        let changed = outcome.text != text;
        if self.args.diff {
            // A diff is the whole output; the exit status says whether there is one.
            if changed {
                report.diff = unified_diff(shown, text, &outcome.text);
                report.fixed = outcome.applied;
            }
            return report;
        }
        if changed {
            match write_to {
                Some(path) => {
                    if let Err(reason) = write_atomically(path, text.as_bytes(), &outcome.text) {
                        report.error = Some(InputError {
                            path: shown.to_string(),
                            reason,
                        });
                        let diagnostics = policy.lint(&engine, Path::new(shown), text, format);
                        report.diagnostics = self.against_baseline(shown, text, diagnostics);
                        report.output = self.render(shown, text, &report.diagnostics);
                        return report;
                    }
                }
                None => report.fixed_text = Some(outcome.text.clone()),
            }
            report.fixed = outcome.applied;
        }
        report.diagnostics = self.against_baseline(shown, &outcome.text, outcome.remaining);
        report.failing = report.diagnostics.iter().any(|d| d.severity >= fail_on);
        report.output = self.render(shown, &outcome.text, &report.diagnostics);
        report
    }

    /// Renders diagnostics of `text` (the text they were found in) in the chosen format.
    fn render(&self, shown: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
        if self.args.statistics || self.recording.is_some() {
            return String::new();
        }
        render::render_file(self.args.format, shown, text, diagnostics, self.color)
    }

    fn process_file(&self, profile: &Profile, path: &Path) -> FileReport {
        let shown = path.display().to_string();
        match input::read_file(path) {
            Err(error) => FileReport::failed(error),
            Ok(Loaded::Binary) => {
                if !self.args.quiet {
                    eprintln!("note: {shown}: binary file (NUL bytes), skipped");
                }
                FileReport::empty()
            }
            Ok(Loaded::Text(text)) => self.process_text(profile, &shown, &text, Some(path)),
        }
    }
}

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// The files to lint with their profiles, and the errors met while looking for them.
type Expanded = (Vec<(PathBuf, Arc<Profile>)>, Vec<InputError>);

/// The files to lint, each with its profile: files named on the command line always, files
/// found in folders when their configuration's `include` and `exclude` accept them.
fn expand_paths(
    paths: &[PathBuf],
    resolver: &mut Resolver,
    walk_filter: &FileFilter,
) -> Result<Expanded, i32> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        let is_dir = root.is_dir();
        let (found, walk_errors) = input::collect_files(std::slice::from_ref(root), walk_filter);
        errors.extend(walk_errors);
        for file in found {
            let profile = resolver.for_file(&file)?;
            let roots = [profile.settings.root.as_path(), root.as_path()];
            if !is_dir || profile.globs.accepts(&file, &roots) {
                files.push((file, profile));
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    Ok((files, errors))
}

fn check(args: CheckArgs) -> i32 {
    if let Some(threads) = args.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global();
    }
    let mut resolver = match Resolver::new(&args.config) {
        Ok(resolver) => resolver,
        Err(code) => return code,
    };
    // Folders are walked with every file accepted but the --exclude globs (relative to the
    // walked folder); each file's configuration then decides.
    let walk_filter = match FileFilter::new(&["*".to_string()], &args.config.exclude) {
        Ok(filter) => filter,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let baseline = match (&args.baseline, args.write_baseline) {
        (Some(path), false) => match Baseline::load(path) {
            Ok(baseline) => Some(Mutex::new(baseline)),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        },
        _ => None,
    };
    let recording = match (&args.baseline, args.write_baseline) {
        (Some(path), true) => Some(Mutex::new(Baseline::new(path))),
        _ => None,
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output_file.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let run = Run {
        args: &args,
        color,
        baseline,
        recording,
    };

    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let reads_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let file_paths: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let (files, walk_errors) = match expand_paths(&file_paths, &mut resolver, &walk_filter) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let stdin_profile = if reads_stdin {
        let folder = args
            .stdin_filename
            .as_deref()
            .and_then(|name| Path::new(name).parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        match resolver.for_folder(&folder) {
            Ok(profile) => Some(profile),
            Err(code) => return code,
        }
    } else {
        None
    };
    if files.is_empty() && stdin_profile.is_none() {
        // Still validate the configuration of the current folder.
        if let Err(code) = resolver.for_folder(Path::new(".")) {
            return code;
        }
    }

    // With --fix on standard input, stdout carries the fixed text and the report goes to stderr.
    let report_to_stderr = reads_stdin && args.fix && args.output_file.is_none();
    let mut reporter = Reporter {
        out: if args.output_file.is_some() {
            Sink::Buffer(Vec::new())
        } else if report_to_stderr {
            Sink::Stderr(io::BufWriter::new(io::stderr()))
        } else {
            Sink::Stdout(io::BufWriter::new(io::stdout().lock()))
        },
        format: args.format,
        diff_only: args.diff,
        quiet: args.quiet,
        statistics: args.statistics.then(Statistics::default),
        silent: args.write_baseline,
        totals: Totals::default(),
        input_errors: 0,
        failing: false,
        any_diff: false,
        json_items: 0,
        collected: Vec::new(),
        files: 0,
        rules_seen: BTreeSet::new(),
    };
    for error in walk_errors {
        reporter.emit(FileReport::failed(error));
    }

    if let Some(profile) = &stdin_profile {
        let shown = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "-".to_string());
        let mut bytes = Vec::new();
        let report = match io::stdin().read_to_end(&mut bytes) {
            Err(e) => FileReport::failed(InputError {
                path: shown.clone(),
                reason: e.to_string(),
            }),
            Ok(_) => match input::decode(bytes) {
                Err(reason) => FileReport::failed(InputError {
                    path: shown.clone(),
                    reason,
                }),
                Ok(Loaded::Binary) => FileReport::failed(InputError {
                    path: shown.clone(),
                    reason: "binary input (NUL bytes)".to_string(),
                }),
                Ok(Loaded::Text(text)) => {
                    let report = run.process_text(profile, &shown, &text, None);
                    if args.fix {
                        let fixed = report.fixed_text.as_deref().unwrap_or(&text);
                        let mut stdout = io::stdout().lock();
                        let _ = stdout
                            .write_all(fixed.as_bytes())
                            .and_then(|()| stdout.flush());
                    }
                    report
                }
            },
        };
        reporter.emit(report);
    }

    for batch in files.chunks(256) {
        let reports: Vec<FileReport> = batch
            .par_iter()
            .map(|(path, profile)| run.process_file(profile, path))
            .collect();
        for report in reports {
            reporter.emit(report);
        }
    }
    let docs = resolver.rule_docs();
    let mut code = reporter.finish(args.unsafe_fixes, &docs, args.output_file.as_deref());
    if let (Some(recording), Some(path)) = (&run.recording, &args.baseline) {
        let recording = recording.lock().unwrap_or_else(|e| e.into_inner());
        match recording.write(path) {
            Ok(()) => {
                if !args.quiet {
                    eprintln!(
                        "Wrote {} known problems to the baseline {}.",
                        recording.len(),
                        path.display()
                    );
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                code = 2;
            }
        }
        if code == 1 {
            code = 0;
        }
    }
    if args.exit_zero && code == 1 {
        code = 0;
    }
    code
}

/// Where the report goes.
enum Sink {
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
    Stderr(io::BufWriter<io::Stderr>),
    /// Kept in memory for `--output-file`, written at the end.
    Buffer(Vec<u8>),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::Stderr(w) => w.write(buf),
            Sink::Buffer(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::Stderr(w) => w.flush(),
            Sink::Buffer(_) => Ok(()),
        }
    }
}

/// Prints the per-file reports in order and keeps the counts for the summary and exit status.
struct Reporter {
    out: Sink,
    format: OutputFormat,
    diff_only: bool,
    quiet: bool,
    statistics: Option<Statistics>,
    /// Nothing is printed (`--write-baseline`).
    silent: bool,
    totals: Totals,
    input_errors: usize,
    failing: bool,
    any_diff: bool,
    json_items: usize,
    /// SARIF results and JUnit suites, written inside their envelope at the end.
    collected: Vec<String>,
    /// Files reported (JUnit).
    files: usize,
    /// Ids of the rules reported (the SARIF driver's rules).
    rules_seen: BTreeSet<String>,
}

impl Reporter {
    fn emit(&mut self, report: FileReport) {
        if let Some(error) = &report.error {
            let _ = self.out.flush();
            eprintln!("error: {error}");
            self.input_errors += 1;
        }
        self.totals.add(&report.diagnostics);
        self.totals.fixed += report.fixed;
        self.failing |= report.failing;
        if let Some(stats) = &mut self.statistics {
            stats.add(&report.diagnostics);
        }
        self.rules_seen
            .extend(report.diagnostics.iter().map(|d| d.rule.to_string()));
        if !report.diff.is_empty() {
            self.any_diff = true;
            let _ = self.out.write_all(report.diff.as_bytes());
        }
        if self.diff_only || report.output.is_empty() {
            return;
        }
        match self.format {
            OutputFormat::Sarif | OutputFormat::Junit => {
                self.files += 1;
                self.collected.push(report.output);
                return;
            }
            OutputFormat::Json => {
                let _ = self
                    .out
                    .write_all(if self.json_items == 0 { b"[\n" } else { b",\n" });
                self.json_items += report.diagnostics.len();
            }
            _ => {}
        }
        let _ = self.out.write_all(report.output.as_bytes());
    }

    /// Closes the output and returns the exit status.
    fn finish(
        mut self,
        unsafe_fixes: bool,
        docs: &BTreeMap<String, RuleMeta>,
        output_file: Option<&Path>,
    ) -> i32 {
        if let Some(stats) = &self.statistics {
            if !self.silent && !self.diff_only {
                let summary =
                    |id: &str| docs.get(id).map_or_else(String::new, |m| m.summary.clone());
                let _ = self.out.write_all(stats.render(&summary).as_bytes());
            }
        } else if !self.diff_only && !self.silent {
            match self.format {
                OutputFormat::Json => {
                    let _ = self.out.write_all(if self.json_items == 0 {
                        b"[]\n"
                    } else {
                        b"\n]\n"
                    });
                }
                OutputFormat::Jsonl | OutputFormat::Github => {}
                OutputFormat::Sarif => {
                    let rules: Vec<&RuleMeta> = self
                        .rules_seen
                        .iter()
                        .filter_map(|id| docs.get(id))
                        .collect();
                    let log = render::sarif::render_log(&self.collected, &rules);
                    let _ = self.out.write_all(log.as_bytes());
                }
                OutputFormat::Junit => {
                    let failures = self.totals.problems;
                    let tests = failures + self.files.saturating_sub(0);
                    let report = render::junit::render_report(
                        &self.collected,
                        tests.max(failures),
                        failures,
                    );
                    let _ = self.out.write_all(report.as_bytes());
                }
                OutputFormat::Pretty | OutputFormat::Concise => {
                    if !self.quiet {
                        let mut line = self.totals.line(unsafe_fixes);
                        if self.input_errors > 0 {
                            let inputs = if self.input_errors == 1 {
                                "input"
                            } else {
                                "inputs"
                            };
                            line.push_str(&format!(
                                " {} {inputs} could not be linted.",
                                self.input_errors
                            ));
                        }
                        let _ = writeln!(self.out, "{line}");
                    }
                }
            }
        }
        let _ = self.out.flush();
        if let (Sink::Buffer(bytes), Some(path)) = (&self.out, output_file) {
            let text = String::from_utf8_lossy(bytes);
            if let Err(e) = write_file_atomically(path, &text) {
                eprintln!("error: {}: {e}", path.display());
                return 2;
            }
        }
        if self.input_errors > 0 {
            2
        } else if self.failing || self.any_diff {
            1
        } else {
            0
        }
    }
}

/// `mtlint config [PATH]`: the effective configuration, as TOML.
fn show_config(path: Option<PathBuf>, args: &ConfigArgs) -> i32 {
    let mut resolver = match Resolver::new(args) {
        Ok(resolver) => resolver,
        Err(code) => return code,
    };
    let path = path.unwrap_or_else(|| PathBuf::from("."));
    let profile = if path.is_dir() {
        resolver.for_folder(&path)
    } else {
        resolver.for_file(&path)
    };
    match profile {
        Ok(profile) => {
            print!("{}", profile.settings.to_toml());
            0
        }
        Err(code) => code,
    }
}

fn list_rules(args: RulesArgs) -> i32 {
    let set = match load_rules(&args.packs.rules) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let fix_name = |m: &RuleMeta| m.fix.map_or("none", |a| a.as_str());
    let builtin = policy::builtin_rules();
    let mut rules: Vec<&RuleMeta> = set.rules.iter().map(|r| &*r.meta).collect();
    rules.extend(builtin.iter());
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    if args.json {
        let list: Vec<_> = rules
            .iter()
            .map(|m| {
                serde_json::json!({"id": &*m.id, "kind": m.kind, "category": m.category.as_str(), "severity": m.severity.as_str(),
                    "fix": fix_name(m), "lang": m.lang, "summary": m.summary})
            })
            .collect();
        println!("{}", serde_json::Value::Array(list));
        return 0;
    }
    let width = rules.iter().map(|m| m.id.len()).max().unwrap_or(0);
    println!(
        "{:width$}  {:16}  {:8}  {:6}  summary",
        "id", "category", "severity", "fix"
    );
    for m in rules {
        println!(
            "{:width$}  {:16}  {:8}  {:6}  {}",
            m.id,
            m.category.as_str(),
            m.severity.as_str(),
            fix_name(m),
            m.summary
        );
    }
    0
}

/// " (did you mean `x`?)" for the rule id closest to `id`, or nothing.
fn did_you_mean(id: &str, set: &RuleSet) -> String {
    crate::suggest::did_you_mean(id, set.rules.iter().map(|r| &*r.meta.id))
}

fn show_rule(id: &str, packs: &PackArgs) -> i32 {
    let set = match load_rules(&packs.rules) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let builtin = policy::builtin_rules();
    let found = set
        .get(id)
        .map(|rule| &*rule.meta)
        .or_else(|| builtin.iter().find(|m| &*m.id == id));
    let Some(meta) = found else {
        eprintln!("error: unknown rule `{id}`{}", did_you_mean(id, &set));
        return 2;
    };
    print!("{}", rule_documentation(meta));
    0
}

/// The documentation of a rule as `mtlint rule ID` prints it.
pub fn rule_documentation(m: &RuleMeta) -> String {
    let mut doc = format!("# {}\n\n{}\n\n", m.id, m.summary);
    doc.push_str(&format!(
        "Kind: {}   Category: {}   Default severity: {}   Language: {}   Pack: {}\n\n",
        m.kind, m.category, m.severity, m.lang, m.pack
    ));
    doc.push_str(&format!(
        "## What it does\n{}\n\n## Why is this bad?\n{}\n\n",
        m.what.trim(),
        m.why.trim()
    ));
    doc.push_str("## Example\n");
    for example in &m.examples {
        if let Some(bad) = &example.bad {
            doc.push_str(&format!("bad:   {}\n", bad.replace('\n', "⏎")));
            if let Some(fixed) = &example.fixed {
                doc.push_str(&format!("fixed: {}\n", fixed.replace('\n', "⏎")));
            }
        }
        if let Some(good) = &example.good {
            doc.push_str(&format!("good:  {}\n", good.replace('\n', "⏎")));
        }
    }
    doc.push_str("\n## Fix safety\n");
    doc.push_str(match m.fix {
        Some(crate::diagnostic::Applicability::Safe) => "Safe: `--fix` applies it; the fix keeps the meaning of the text.\n",
        Some(crate::diagnostic::Applicability::Unsafe) => {
            "Unsafe: only `--unsafe-fixes` applies it; the fix may pick the wrong word or delete text that mattered. Review the diff.\n"
        }
        None => "None: this rule reports the problem and leaves the repair to you.\n",
    });
    doc
}
