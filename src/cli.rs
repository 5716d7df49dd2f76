//! The command line: argument parsing and the orchestration of reading, linting, fixing and
//! printing. Exit status: 0 clean, 1 problems found, 2 usage or input error.

use crate::{
    diagnostic::{Diagnostic, Severity},
    document::Format,
    engine::Engine,
    fix::fix_until_stable,
    input::{self, FileFilter, InputError, Loaded},
    output::write_atomically,
    render::{self, OutputFormat, summary::Totals},
    rules::{PackError, RuleMeta, RuleSet, Selection},
};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::{
    fs,
    io::{self, IsTerminal, Read, Write},
    path::{Path, PathBuf},
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
}

#[derive(Debug, Args)]
struct PackArgs {
    /// Add the rule packs of this TOML file or folder (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
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

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files and folders to lint (`-` for standard input). Default: the current folder.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "pretty")]
    format: OutputFormat,
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
    /// Lint only files matching these globs when walking folders (default: *.txt, *.md).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip files matching these globs when walking folders.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// The file name to report (and to infer the format from) for standard input.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Run only rules whose id starts with one of these (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    select: Vec<String>,
    /// Do not run rules whose id starts with one of these (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    ignore: Vec<String>,
    /// The language of the documents.
    #[arg(long, default_value = "fr")]
    lang: String,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    #[command(flatten)]
    packs: PackArgs,
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
    }
}

fn stderr_color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Loads the built-in packs and the user's packs, or prints why not.
fn load_rules(packs: &PackArgs) -> Result<RuleSet, i32> {
    let mut sources: Vec<(String, String)> = crate::rules::BUILTIN_PACKS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for path in &packs.rules {
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

/// The outcome of one input.
struct FileReport {
    output: String,
    diagnostics: Vec<Diagnostic>,
    fixed: usize,
    diff: String,
    error: Option<InputError>,
    /// The fixed text of standard input, printed instead of written.
    fixed_text: Option<String>,
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
    engine: &'a Engine,
    args: &'a CheckArgs,
    color: bool,
}

impl Run<'_> {
    fn fixing(&self) -> bool {
        self.args.fix || self.args.diff
    }

    /// Lints (and fixes) one text; `path` is where to write fixes back, if anywhere.
    fn process_text(&self, shown: &str, text: &str, write_to: Option<&Path>) -> FileReport {
        let format = Format::from_path(shown);
        let mut report = FileReport::empty();
        if !self.fixing() {
            report.diagnostics = self.engine.lint(text, format);
            report.output = self.render(shown, text, &report.diagnostics);
            return report;
        }
        let outcome = fix_until_stable(self.engine, text, format, self.args.unsafe_fixes);
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
                        report.diagnostics = self.engine.lint(text, format);
                        report.output = self.render(shown, text, &report.diagnostics);
                        return report;
                    }
                }
                None => report.fixed_text = Some(outcome.text.clone()),
            }
            report.fixed = outcome.applied;
        }
        report.output = self.render(shown, &outcome.text, &outcome.remaining);
        report.diagnostics = outcome.remaining;
        report
    }

    /// Renders diagnostics of `text` (the text they were found in) in the chosen format.
    fn render(&self, shown: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
        render::render_file(self.args.format, shown, text, diagnostics, self.color)
    }

    fn process_file(&self, path: &Path) -> FileReport {
        let shown = path.display().to_string();
        match input::read_file(path) {
            Err(error) => FileReport::failed(error),
            Ok(Loaded::Binary) => {
                eprintln!("note: {shown}: binary file (NUL bytes), skipped");
                FileReport::empty()
            }
            Ok(Loaded::Text(text)) => self.process_text(&shown, &text, Some(path)),
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

fn check(args: CheckArgs) -> i32 {
    if let Some(threads) = args.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global();
    }
    let set = match load_rules(&args.packs) {
        Ok(set) => set,
        Err(code) => return code,
    };
    for id in args.select.iter().chain(&args.ignore) {
        if !set.rules.iter().any(|r| r.meta.id.starts_with(id.as_str())) {
            eprintln!(
                "error: no rule id starts with `{id}`{}",
                did_you_mean_prefix(id, &set)
            );
            return 2;
        }
    }
    let filter = match FileFilter::new(&args.include, &args.exclude) {
        Ok(filter) => filter,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let engine = Engine::new(&set, &selection, &args.lang);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let run = Run {
        engine: &engine,
        args: &args,
        color,
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
    let (files, walk_errors) = input::collect_files(&file_paths, &filter);

    // With --fix on standard input, stdout carries the fixed text and the report goes to stderr.
    let report_to_stderr = reads_stdin && args.fix;
    let mut reporter = Reporter {
        out: if report_to_stderr {
            Box::new(io::BufWriter::new(io::stderr()))
        } else {
            Box::new(io::BufWriter::new(io::stdout().lock()))
        },
        format: args.format,
        diff_only: args.diff,
        totals: Totals::default(),
        input_errors: 0,
        failing: false,
        any_diff: false,
        json_items: 0,
    };
    for error in walk_errors {
        reporter.emit(FileReport::failed(error));
    }

    if reads_stdin {
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
                    let report = run.process_text(&shown, &text, None);
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
            .map(|path| run.process_file(path))
            .collect();
        for report in reports {
            reporter.emit(report);
        }
    }
    reporter.finish(args.unsafe_fixes)
}

/// Prints the per-file reports in order and keeps the counts for the summary and exit status.
struct Reporter {
    out: Box<dyn Write>,
    format: OutputFormat,
    diff_only: bool,
    totals: Totals,
    input_errors: usize,
    failing: bool,
    any_diff: bool,
    json_items: usize,
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
        self.failing |= report
            .diagnostics
            .iter()
            .any(|d| d.severity >= Severity::Warning);
        if !report.diff.is_empty() {
            self.any_diff = true;
            let _ = self.out.write_all(report.diff.as_bytes());
        }
        if self.diff_only || report.output.is_empty() {
            return;
        }
        if self.format == OutputFormat::Json {
            let _ = self
                .out
                .write_all(if self.json_items == 0 { b"[\n" } else { b",\n" });
            self.json_items += report.diagnostics.len();
        }
        let _ = self.out.write_all(report.output.as_bytes());
    }

    /// Closes the output and returns the exit status.
    fn finish(mut self, unsafe_fixes: bool) -> i32 {
        if !self.diff_only {
            match self.format {
                OutputFormat::Json => {
                    let _ = self.out.write_all(if self.json_items == 0 {
                        b"[]\n"
                    } else {
                        b"\n]\n"
                    });
                }
                OutputFormat::Jsonl => {}
                OutputFormat::Pretty | OutputFormat::Concise => {
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
        let _ = self.out.flush();
        if self.input_errors > 0 {
            2
        } else if self.failing || self.any_diff {
            1
        } else {
            0
        }
    }
}

fn list_rules(args: RulesArgs) -> i32 {
    let set = match load_rules(&args.packs) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let fix_name = |m: &RuleMeta| m.fix.map_or("none", |a| a.as_str());
    let mut rules: Vec<&RuleMeta> = set.rules.iter().map(|r| &*r.meta).collect();
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

/// " (did you mean `x`?)" for the rule id or category closest to the prefix `prefix`.
pub fn did_you_mean_prefix(prefix: &str, set: &RuleSet) -> String {
    let candidates: Vec<String> = set
        .rules
        .iter()
        .flat_map(|r| {
            let id = r.meta.id.to_string();
            let category = id.split('/').next().unwrap_or_default().to_string();
            [id, category]
        })
        .collect();
    crate::suggest::did_you_mean(prefix, candidates.iter().map(String::as_str))
}

fn show_rule(id: &str, packs: &PackArgs) -> i32 {
    let set = match load_rules(packs) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let Some(rule) = set.get(id) else {
        eprintln!("error: unknown rule `{id}`{}", did_you_mean(id, &set));
        return 2;
    };
    print!("{}", rule_documentation(&rule.meta));
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
