//! Linting and fixing one input, and finding the inputs.

use super::*;
use crate::{
    baseline::Baseline,
    diagnostic::Diagnostic,
    document::Format,
    formats,
    input::{self, FileFilter, InputError, Loaded},
    output::write_atomically,
    render,
};
use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

/// The outcome of one input.
pub(super) struct FileReport {
    pub(super) output: String,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) fixed: usize,
    pub(super) diff: String,
    pub(super) error: Option<InputError>,
    /// The fixed text of standard input, printed instead of written.
    pub(super) fixed_text: Option<String>,
    /// Whether a diagnostic is at or above the failing severity.
    pub(super) failing: bool,
}

impl FileReport {
    pub(super) fn empty() -> Self {
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

    pub(super) fn failed(error: InputError) -> Self {
        FileReport {
            error: Some(error),
            ..FileReport::empty()
        }
    }
}

pub(super) struct Run<'a> {
    pub(super) args: &'a CheckArgs,
    pub(super) color: bool,
    /// The baseline known problems are filtered with.
    pub(super) baseline: Option<Mutex<Baseline>>,
    /// The baseline being recorded (`--write-baseline`).
    pub(super) recording: Option<Mutex<Baseline>>,
}

impl Run<'_> {
    pub(super) fn fixing(&self) -> bool {
        self.args.fix || self.args.diff
    }

    /// Drops the problems the baseline knows, or records them all.
    pub(super) fn against_baseline(
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

    /// Lints (and fixes) one text; `path` is where to write fixes back, if anywhere. Records
    /// that the format's reader left out as invalid are reported as an input error.
    pub(super) fn process_text(
        &self,
        profile: &Profile,
        shown: &str,
        text: &str,
        write_to: Option<&Path>,
    ) -> FileReport {
        let mut report = self.lint_text(profile, shown, text, write_to);
        let format = Format::from_path(shown);
        let invalid = formats::invalid_records(format, text);
        if let (None, Some(first)) = (&report.error, invalid.first()) {
            let mut reason = format_error_reason(text, format, first).replace(
                "the file is left untouched",
                "the record is left as it is, the other records are linted",
            );
            if invalid.len() > 1 {
                let index = crate::document::LineIndex::new(text);
                let lines: Vec<String> = invalid[1..]
                    .iter()
                    .take(10)
                    .map(|e| index.position(text, e.offset).0.to_string())
                    .collect();
                let more = if invalid.len() > 11 { ", …" } else { "" };
                reason.push_str(&format!(
                    " ({} more invalid records, at lines {}{more})",
                    invalid.len() - 1,
                    lines.join(", ")
                ));
            }
            report.error = Some(InputError {
                path: shown.to_string(),
                reason,
            });
        }
        report
    }

    fn lint_text(
        &self,
        profile: &Profile,
        shown: &str,
        text: &str,
        write_to: Option<&Path>,
    ) -> FileReport {
        let format = Format::from_path(shown);
        let policy = &profile.policy;
        let engine = if profile.settings.lang == "auto" {
            profile.engine(&formats::language_sample(
                format,
                text,
                policy.read_options(),
            ))
        } else {
            profile.engine(text)
        };
        let path = Path::new(shown);
        let mut report = FileReport::empty();
        let fail_on = profile.settings.fail_on;
        let invalid = |error: crate::formats::FormatError| {
            FileReport::failed(InputError {
                path: shown.to_string(),
                reason: format_error_reason(text, format, &error),
            })
        };
        if !self.fixing() {
            let diagnostics = match policy.lint(&engine, path, text, format) {
                Ok(diagnostics) => diagnostics,
                Err(error) => return invalid(error),
            };
            report.diagnostics = self.against_baseline(shown, text, diagnostics);
            report.failing = report.diagnostics.iter().any(|d| d.severity >= fail_on);
            report.output = self.render(shown, text, &report.diagnostics);
            return report;
        }
        let outcome = match policy.fix(&engine, path, text, format, self.args.unsafe_fixes) {
            Ok(outcome) => outcome,
            Err(error) => return invalid(error),
        };
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
                        let diagnostics = policy
                            .lint(&engine, Path::new(shown), text, format)
                            .unwrap_or_default();
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
    pub(super) fn render(&self, shown: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
        if self.args.statistics || self.recording.is_some() {
            return String::new();
        }
        render::render_file(self.args.format, shown, text, diagnostics, self.color)
    }

    pub(super) fn process_file(&self, profile: &Profile, path: &Path) -> FileReport {
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

/// Why a file is not valid in its format, with the line and column of the problem.
fn format_error_reason(text: &str, format: Format, error: &crate::formats::FormatError) -> String {
    let (line, column) = crate::document::LineIndex::new(text).position(text, error.offset);
    format!(
        "not valid {format} at line {line}, column {column}: {}; the file is left untouched",
        error.message
    )
}

pub(super) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// The files to lint with their profiles, and the errors met while looking for them.
pub(super) type Expanded = (Vec<(PathBuf, Arc<Profile>)>, Vec<InputError>);

/// The files to lint, each with its profile: files named on the command line always, files
/// found in folders when their configuration's `include` and `exclude` accept them.
pub(super) fn expand_paths(
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
