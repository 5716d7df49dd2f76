//! Linting and fixing one input, and finding the inputs.

use super::*;
use crate::{
    baseline::Baseline,
    diagnostic::Diagnostic,
    document::Format,
    encoding::Encoding,
    fix::FixOutcome,
    formats,
    input::{self, FileFilter, InputError, Loaded},
    output::{WriteOptions, write_fixed},
    render,
};
use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

/// How many times fixing goes on with the rules of another language, when the fixed text reads
/// as another language than the text before (with `--lang auto`).
const MAX_LANGUAGE_SWITCHES: usize = 2;

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
    /// The fixes applied, per rule, as `--show-fixes` lists them.
    pub(super) shown_fixes: String,
    /// Whether the input was read and linted.
    pub(super) linted: bool,
    /// Notes and warnings about the input for standard error (unless `--quiet`).
    pub(super) notes: Vec<String>,
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
            shown_fixes: String::new(),
            linted: false,
            notes: Vec::new(),
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

    /// The engine for `text`, a file in `format`: the language a translation file declares,
    /// the configured one, or the one detected on its prose with `lang = "auto"`.
    fn engine(&self, profile: &Profile, format: Format, text: &str) -> Arc<crate::Engine> {
        let linter = &profile.linter;
        match crate::formats::declared_language(format, text) {
            Some(lang)
                if linter.settings().lang == "auto"
                    && crate::config::LANGUAGES.contains(&lang.as_str()) =>
            {
                linter.engine_in(&lang)
            }
            _ if linter.settings().lang == "auto" => linter.engine(&formats::language_sample(
                format,
                text,
                linter.policy().read_options(),
            )),
            _ => linter.engine(text),
        }
    }

    /// The diagnostics of `text` with the configuration applied, offering only the fixes the
    /// fix engine would apply; or why the text is not valid in its format.
    fn lint(
        &self,
        profile: &Profile,
        path: &Path,
        text: &str,
        format: Format,
    ) -> Result<Vec<Diagnostic>, crate::formats::FormatError> {
        let engine = self.engine(profile, format, text);
        profile.linter.policy().lint(&engine, path, text, format)
    }

    /// Fixes `text` with the rules of its language. With `--lang auto`, when the fixed text
    /// reads as another language (a deleted block brings other text into the sample), fixing
    /// goes on with that language's rules, so that the report describes the fixed text as a
    /// plain check would, and a second `--fix` has nothing left to do.
    fn fix(
        &self,
        profile: &Profile,
        path: &Path,
        text: &str,
        format: Format,
    ) -> Result<FixOutcome, crate::formats::FormatError> {
        let unsafe_fixes = self.args.unsafe_fixes;
        let policy = profile.linter.policy();
        let mut engine = self.engine(profile, format, text);
        let mut outcome = policy.fix(&engine, path, text, format, unsafe_fixes)?;
        for _ in 0..MAX_LANGUAGE_SWITCHES {
            let next = self.engine(profile, format, &outcome.text);
            if Arc::ptr_eq(&next, &engine) {
                break;
            }
            let more = policy.fix(&next, path, &outcome.text, format, unsafe_fixes)?;
            let mut diverged = outcome.diverged;
            for rule in more.diverged {
                if !diverged.contains(&rule) {
                    diverged.push(rule);
                }
            }
            let mut applied_rules = outcome.applied_rules;
            applied_rules.extend(more.applied_rules);
            outcome = FixOutcome {
                text: more.text,
                applied: outcome.applied + more.applied,
                remaining: more.remaining,
                diverged,
                applied_rules,
            };
            engine = next;
        }
        Ok(outcome)
    }

    /// Lints (and fixes) one text; `write_to` is where to write fixes back, if anywhere, in
    /// `encoding`. Records that the format's reader left out as invalid are reported as an
    /// input error.
    pub(super) fn process_text(
        &self,
        profile: &Profile,
        shown: &str,
        text: &str,
        encoding: Encoding,
        write_to: Option<&Path>,
    ) -> FileReport {
        let mut report = self.lint_text(profile, shown, text, encoding, write_to);
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
        encoding: Encoding,
        write_to: Option<&Path>,
    ) -> FileReport {
        let format = Format::from_path(shown);
        let path = Path::new(shown);
        let mut report = FileReport::empty();
        report.linted = true;
        let fail_on = profile.settings().fail_on;
        let invalid = |error: crate::formats::FormatError| {
            FileReport::failed(InputError {
                path: shown.to_string(),
                reason: format_error_reason(text, format, &error),
            })
        };
        if !self.fixing() {
            let diagnostics = match self.lint(profile, path, text, format) {
                Ok(diagnostics) => diagnostics,
                Err(error) => return invalid(error),
            };
            report.diagnostics = self.against_baseline(shown, text, diagnostics);
            report.failing = report.diagnostics.iter().any(|d| d.severity >= fail_on);
            report.output = self.render(profile, shown, text, &report.diagnostics);
            return report;
        }
        let outcome = match self.fix(profile, path, text, format) {
            Ok(outcome) => outcome,
            Err(error) => return invalid(error),
        };
        for rule in &outcome.diverged {
            report.notes.push(format!(
                "warning: {shown}: the fixes of {rule} do not converge (the rule matches its own \
                 replacement again, or fixes go round in circles); they were not applied"
            ));
        }
        let changed = outcome.text != text;
        if self.args.diff {
            // A diff is the whole output; the exit status says whether there is one.
            if changed {
                report.diff = diff::unified_diff(shown, text, &outcome.text);
                report.fixed = outcome.applied;
            }
            return report;
        }
        if changed {
            match write_to {
                Some(file) => {
                    let options = WriteOptions {
                        allow_read_only: self.args.fix_read_only,
                    };
                    let written = write_fixed(
                        file,
                        &encoding.encode(text),
                        &encoding.encode(&outcome.text),
                        options,
                    );
                    if let Err(reason) = written {
                        report.error = Some(InputError {
                            path: shown.to_string(),
                            reason,
                        });
                        let diagnostics =
                            self.lint(profile, path, text, format).unwrap_or_default();
                        report.diagnostics = self.against_baseline(shown, text, diagnostics);
                        report.output = self.render(profile, shown, text, &report.diagnostics);
                        return report;
                    }
                }
                None => report.fixed_text = Some(outcome.text.clone()),
            }
            report.fixed = outcome.applied;
            if self.args.show_fixes {
                report.shown_fixes = render::summary::fixes_applied(shown, &outcome.applied_rules);
            }
        }
        report.diagnostics = self.against_baseline(shown, &outcome.text, outcome.remaining);
        if self.args.fix_only {
            report.diagnostics.clear();
        }
        report.failing = report.diagnostics.iter().any(|d| d.severity >= fail_on);
        report.output = self.render(profile, shown, &outcome.text, &report.diagnostics);
        report
    }

    /// Renders diagnostics of `text` (the text they were found in) in the chosen format.
    pub(super) fn render(
        &self,
        profile: &Profile,
        shown: &str,
        text: &str,
        diagnostics: &[Diagnostic],
    ) -> String {
        if self.args.statistics || self.recording.is_some() {
            return String::new();
        }
        if self.args.format == render::OutputFormat::SummaryJsonl {
            let format = Format::from_path(shown);
            let options = profile.linter.policy().read_options();
            let units = summary_units(text, format, options);
            return render::summary_jsonl::render(shown, text, &units, diagnostics);
        }
        render::render_file(self.args.format, shown, text, diagnostics, self.color)
    }

    pub(super) fn process_file(&self, profile: &Profile, path: &Path) -> FileReport {
        let shown = path.display().to_string();
        match input::read_file(path) {
            Err(error) => FileReport::failed(error),
            Ok(Loaded::Binary) => {
                let mut report = FileReport::empty();
                report
                    .notes
                    .push(format!("note: {shown}: binary file (NUL bytes), skipped"));
                report
            }
            Ok(Loaded::Text(text, encoding)) => {
                self.process_text(profile, &shown, &text, encoding, Some(path))
            }
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

/// The documents of `text`, a file in `format`, as `--format summary-jsonl` scores them: each
/// record of a JSON Lines file (even one without prose), the whole file otherwise; each with
/// the words of its prose.
pub(super) fn summary_units(
    text: &str,
    format: Format,
    options: &formats::ReadOptions,
) -> Vec<render::summary_jsonl::Unit> {
    use render::summary_jsonl::Unit;
    let view = crate::view::TextView::with_options(text, format, options);
    let documents: Vec<(usize, usize)> = view
        .documents()
        .iter()
        .map(|d| {
            (
                view.document_range(d).start,
                crate::score::count_words(d.text),
            )
        })
        .collect();
    if format != Format::Jsonl {
        let words = documents.iter().map(|(_, words)| words).sum();
        return vec![Unit {
            range: 0..text.len(),
            words,
            record: None,
            id: None,
        }];
    }
    let mut units = Vec::new();
    let mut start = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let range = start..start + line.len();
        start = range.end;
        let record = line.trim_end_matches(['\n', '\r']);
        if record.trim().is_empty()
            || serde_json::from_str::<&serde_json::value::RawValue>(record).is_err()
        {
            continue;
        }
        let words = documents
            .iter()
            .filter(|(at, _)| range.contains(at))
            .map(|(_, words)| words)
            .sum();
        units.push(Unit {
            range,
            words,
            record: Some(index + 1),
            id: formats::json::record_id(record),
        });
    }
    units
}

/// The files to lint with their profiles, and the errors met while looking for them.
pub(super) type Expanded = (Vec<(PathBuf, Arc<Profile>)>, Vec<InputError>);

/// The files to lint, each with its profile: files named on the command line always (unless
/// `force_exclude` and their configuration's `exclude` matches them), files found in folders
/// when their configuration's `include` and `exclude` accept them.
pub(super) fn expand_paths(
    paths: &[PathBuf],
    resolver: &mut Resolver,
    walk_filter: &FileFilter,
    force_exclude: bool,
) -> Result<Expanded, i32> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        let is_dir = root.is_dir();
        let (found, walk_errors) = input::collect_files(std::slice::from_ref(root), walk_filter);
        errors.extend(walk_errors);
        for file in found {
            let profile = resolver.for_file(&file)?;
            let roots = [profile.settings().root.as_path(), root.as_path()];
            let kept = if is_dir {
                profile.globs.accepts(&file, &roots)
            } else {
                !(force_exclude && profile.globs.excludes(&file, &roots))
            };
            if kept {
                files.push((file, profile));
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    // A file named twice (`a.txt ./a.txt`, a symbolic link and its target) is linted once,
    // under the first of its names.
    let mut seen = std::collections::HashSet::new();
    files.retain(|(path, _)| match input::file_identity(path) {
        Some(identity) => seen.insert(identity),
        None => true,
    });
    files.dedup_by(|a, b| a.0 == b.0);
    Ok((files, errors))
}
