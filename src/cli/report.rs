//! Printing the per-file reports in order, the summary, and the exit status.

use super::*;
use crate::{
    output::write_report,
    render::{self, OutputFormat, statistics::Statistics, summary::Totals},
    rules::RuleMeta,
};
use std::{
    collections::{BTreeMap, BTreeSet},
    io::{self, Write},
    path::Path,
};

/// Where the report goes.
pub(super) enum Sink {
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
pub(super) struct Reporter {
    pub(super) out: Sink,
    pub(super) format: OutputFormat,
    pub(super) diff_only: bool,
    pub(super) quiet: bool,
    pub(super) statistics: Option<Statistics>,
    /// Nothing is printed (`--write-baseline`).
    pub(super) silent: bool,
    pub(super) totals: Totals,
    pub(super) input_errors: usize,
    pub(super) failing: bool,
    pub(super) any_diff: bool,
    pub(super) json_items: usize,
    /// SARIF results, JUnit suites and GitHub commands, written at the end (in their envelope,
    /// capped).
    pub(super) collected: Vec<String>,
    /// Files reported without problems (JUnit: one passing `testcase` each).
    pub(super) files: usize,
    /// Ids of the rules reported, gathered for SARIF output only (the driver's rules).
    pub(super) rules_seen: BTreeSet<String>,
    /// The fixes applied, per file and rule (`--show-fixes`).
    pub(super) shown_fixes: String,
    /// Inputs read and linted.
    pub(super) linted: usize,
    /// Why writing the report failed, if it did: nothing more is written.
    pub(super) write_failure: Option<WriteFailure>,
    /// Why nothing was linted, when nothing was: the run fails rather than pass.
    pub(super) nothing_linted: Option<String>,
}

impl Reporter {
    /// Writes to the report's output, unless an earlier write failed.
    fn put(&mut self, bytes: &[u8]) {
        if self.write_failure.is_some() {
            return;
        }
        if let Err(e) = self.out.write_all(bytes) {
            self.write_failure = Some(WriteFailure::from(&e));
        }
    }

    /// Flushes the report's output, unless an earlier write failed.
    fn flush(&mut self) {
        if self.write_failure.is_none()
            && let Err(e) = self.out.flush()
        {
            self.write_failure = Some(WriteFailure::from(&e));
        }
    }

    /// Whether the reader of standard output went away: a run that only reports can stop.
    pub(super) fn reader_gone(&self) -> bool {
        self.write_failure == Some(WriteFailure::ClosedPipe)
    }

    pub(super) fn emit(&mut self, report: FileReport) {
        if !report.notes.is_empty() && !self.quiet {
            self.flush();
            for note in &report.notes {
                stderr!("{note}");
            }
        }
        if let Some(error) = &report.error {
            self.flush();
            stderr!("error: {error}");
            self.input_errors += 1;
        }
        self.linted += usize::from(report.linted);
        self.totals.add(&report.diagnostics);
        self.totals.fixed += report.fixed;
        self.shown_fixes.push_str(&report.shown_fixes);
        self.failing |= report.failing;
        if let Some(stats) = &mut self.statistics {
            stats.add(&report.diagnostics);
        }
        // The rules seen are those a SARIF log describes, and only there: other formats skip
        // the lookups. Most diagnostics come from rules already seen: an id is copied only
        // when new.
        if matches!(self.format, OutputFormat::Sarif) {
            for d in &report.diagnostics {
                if !self.rules_seen.contains(&*d.rule) {
                    self.rules_seen.insert(d.rule.to_string());
                }
            }
        }
        if !report.diff.is_empty() {
            self.any_diff = true;
            self.put(report.diff.as_bytes());
        }
        if self.diff_only || report.output.is_empty() {
            return;
        }
        match self.format {
            OutputFormat::Sarif | OutputFormat::Junit | OutputFormat::Github => {
                self.files += usize::from(report.diagnostics.is_empty());
                self.collected.push(report.output);
                return;
            }
            OutputFormat::Json | OutputFormat::Gitlab => {
                let start: &[u8] = if self.json_items == 0 { b"[\n" } else { b",\n" };
                self.put(start);
                self.json_items += report.diagnostics.len();
            }
            _ => {}
        }
        self.put(report.output.as_bytes());
    }

    /// Closes the output and returns the exit status.
    pub(super) fn finish(
        mut self,
        unsafe_fixes: bool,
        docs: impl FnOnce() -> BTreeMap<String, RuleMeta>,
        output_file: Option<&Path>,
    ) -> i32 {
        if let Some(stats) = &self.statistics {
            if !self.silent && !self.diff_only {
                let docs = docs();
                let summary =
                    |id: &str| docs.get(id).map_or_else(String::new, |m| m.summary.clone());
                let text = match self.format {
                    OutputFormat::Json | OutputFormat::Jsonl => stats.render_json(&summary),
                    _ => stats.render(&summary),
                };
                self.put(text.as_bytes());
            }
        } else if !self.diff_only && !self.silent {
            match self.format {
                OutputFormat::Json | OutputFormat::Gitlab => {
                    let end: &[u8] = if self.json_items == 0 {
                        b"[]\n"
                    } else {
                        b"\n]\n"
                    };
                    self.put(end);
                }
                OutputFormat::Jsonl | OutputFormat::SummaryJsonl => {}
                OutputFormat::Github => {
                    let commands = render::github::cap(&self.collected);
                    self.put(commands.as_bytes());
                }
                OutputFormat::Sarif => {
                    let docs = docs();
                    let rules: Vec<&RuleMeta> = self
                        .rules_seen
                        .iter()
                        .filter_map(|id| docs.get(id))
                        .collect();
                    let log =
                        render::sarif::render_log(&self.collected, &rules, self.input_errors == 0);
                    self.put(log.as_bytes());
                }
                OutputFormat::Junit => {
                    // One failing testcase per problem, one passing testcase per clean file.
                    let failures = self.totals.problems;
                    let report = render::junit::render_report(
                        &self.collected,
                        failures + self.files,
                        failures,
                    );
                    self.put(report.as_bytes());
                }
                OutputFormat::Pretty | OutputFormat::Concise => {
                    if !self.shown_fixes.is_empty() {
                        let fixes = format!("Fixes applied:\n{}\n", self.shown_fixes);
                        self.put(fixes.as_bytes());
                    }
                    if !self.quiet && self.nothing_linted.is_none() {
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
                        line.push('\n');
                        self.put(line.as_bytes());
                    }
                }
            }
        }
        self.flush();
        if let (Sink::Buffer(bytes), Some(path)) = (&self.out, output_file)
            && let Err(e) = write_report(path, bytes)
        {
            stderr!("error: {}: cannot write the report: {e}", path.display());
            return 2;
        }
        if let Some(WriteFailure::Failed(reason)) = &self.write_failure {
            stderr!("error: cannot write the report to standard output: {reason}");
            return 2;
        }
        if let Some(why) = &self.nothing_linted {
            stderr!("error: {why}");
            return 2;
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
