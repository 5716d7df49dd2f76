//! Large files checked part by part, in bounded memory and on every core: a plain-text file
//! in two passes (the facts of the whole document first, then each part with them), a JSON
//! Lines file in one (each record is a document of its own). Each part is reported as soon as
//! it is linted, at its place in the file.

use super::*;
use crate::{
    corpus::{
        facts::{DocumentFacts, PartContext},
        parts::{Breaks, Part, PartError, PartReader},
    },
    document::Format,
    input::InputError,
    render::{self, OutputFormat},
    score::Counts,
};
use rayon::prelude::*;
use std::{fs::File, path::Path};

/// Files larger than this are checked part by part. A whole document takes about 25 bytes of
/// memory per byte of text while it is linted: a file of this size stays near 125 MB, and the
/// parts of a larger one (with the facts of the whole) near 150 MB. The diagnostics are the
/// same either way.
const STREAM_BYTES: u64 = 4 << 20;

/// Files larger than this are checked part by part for the reports that number the
/// diagnostics of a file as a whole (SARIF and GitLab fingerprints, the JUnit suite's totals),
/// which a report in parts numbers part by part: those reports are for repositories in CI,
/// whose files are seldom this large.
const WHOLE_REPORT_STREAM_BYTES: u64 = 64 << 20;

/// The size of a part: small enough that a few parts in flight (one per core) stay within a
/// flat memory budget, large enough that the per-part cost is negligible.
const PART_BYTES: usize = 1 << 20;

/// The threshold for reports in `output` and the part size: the constants, or one size for
/// both from the `MTLINT_PART_BYTES` environment variable (tests check small inputs part by
/// part with it).
fn sizes(output: OutputFormat) -> (u64, usize) {
    let threshold = match output {
        OutputFormat::Sarif | OutputFormat::Gitlab | OutputFormat::Junit => {
            WHOLE_REPORT_STREAM_BYTES
        }
        _ => STREAM_BYTES,
    };
    std::env::var("MTLINT_PART_BYTES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or((threshold, PART_BYTES), |size| (size as u64, size))
}

impl Run<'_> {
    /// Whether the file `path` is checked part by part: a large plain-text or JSON Lines file,
    /// when nothing is fixed.
    pub(super) fn streams(&self, path: &Path) -> bool {
        let format = Format::from_path(&path.display().to_string());
        !self.fixing()
            && matches!(format, Format::Text | Format::Jsonl)
            && std::fs::metadata(path)
                .is_ok_and(|m| m.is_file() && m.len() > sizes(self.args.format).0)
    }

    /// Checks the file `path` part by part, handing each part's report to `emit` in order.
    pub(super) fn stream_file(
        &self,
        profile: &Profile,
        path: &Path,
        emit: &mut dyn FnMut(FileReport),
    ) {
        let shown = path.display().to_string();
        let format = Format::from_path(&shown);
        let (_, part_bytes) = sizes(self.args.format);
        let breaks = if format == Format::Jsonl {
            Breaks::Records
        } else {
            Breaks::Paragraphs
        };
        let failed = |reason: String| {
            FileReport::failed(InputError {
                path: shown.clone(),
                reason,
            })
        };
        let open = || {
            File::open(path)
                .map(|file| PartReader::new(std::io::BufReader::new(file), part_bytes, breaks))
                .map_err(|e| crate::input::io_reason(&e))
        };
        let batch = rayon::current_num_threads().max(1);
        // The language of the whole file, from its first part.
        let mut first = match open() {
            Ok(reader) => reader,
            Err(reason) => return emit(failed(reason)),
        };
        let engine = match first.next() {
            None => return emit(FileReport::empty()),
            Some(Err(e)) => return emit(failed(part_error(&e))),
            Some(Ok(part)) => profile.linter.engine(&part.text),
        };
        // First passes (plain text): the facts of the whole document, then what the parts say
        // of the words the ranking of suggestions asks about, once it knows them.
        let mut facts = DocumentFacts::default();
        if format == Format::Text {
            let gathered = each_part(
                &open,
                batch,
                |part| engine.part_facts(&part.text, part.line_pieces()),
                |f| facts.add(f),
            );
            if let Err(reason) = gathered {
                return emit(failed(reason));
            }
            if engine.settle_facts(&mut facts) {
                let mut found = crate::corpus::facts::PartRankingFacts::default();
                let gathered = each_part(
                    &open,
                    batch,
                    |part| engine.part_ranking_facts(&part.text, &facts),
                    |part| found.merge(part),
                );
                if let Err(reason) = gathered {
                    return emit(failed(reason));
                }
                facts.add_ranking(found);
            }
        }
        // Second pass: each part, with the facts.
        let Ok(mut reader) = open() else {
            return emit(failed("cannot read the file again".to_string()));
        };
        let mut counts = Counts::default();
        while let Some((parts, error)) = next_batch(&mut reader, batch) {
            let reports: Vec<(FileReport, Counts)> = parts
                .par_iter()
                .map(|part| {
                    let context = (format == Format::Text).then_some(PartContext {
                        facts: &facts,
                        index: part.index,
                        last: part.last,
                        pieces: part.line_pieces(),
                    });
                    self.lint_part(profile, &engine, &shown, format, part, context)
                })
                .collect();
            for (report, part_counts) in reports {
                counts.merge(&part_counts);
                emit(report);
            }
            if let Some(e) = error {
                return emit(failed(part_error(&e)));
            }
        }
        // A plain-text file is one document: its score once all parts are read.
        if self.args.format == OutputFormat::SummaryJsonl
            && format == Format::Text
            && !self.args.statistics
            && self.recording.is_none()
        {
            let mut report = FileReport::empty();
            report.output = render::summary_jsonl::line(&shown, None, None, counts.score());
            emit(report);
        }
    }

    /// Lints one part and renders it at its place in the file; also returns what it adds to
    /// the document's score.
    fn lint_part(
        &self,
        profile: &Profile,
        engine: &crate::Engine,
        shown: &str,
        format: Format,
        part: &Part,
        context: Option<PartContext>,
    ) -> (FileReport, Counts) {
        let mut report = FileReport::empty();
        report.linted = part.index == 0;
        let policy = profile.linter.policy();
        let path = Path::new(shown);
        let diagnostics = match policy.lint_part(engine, path, &part.text, format, context) {
            Ok(diagnostics) => diagnostics,
            Err(error) => {
                let (line, column) = crate::document::LineIndex::with_base(&part.text, part.base)
                    .position(&part.text, error.offset);
                report.error = Some(InputError {
                    path: shown.to_string(),
                    reason: format!(
                        "not valid {format} at line {line}, column {column}: {}",
                        error.message
                    ),
                });
                return (report, Counts::default());
            }
        };
        if let Some(first) = crate::formats::invalid_records(format, &part.text).first() {
            let (line, _) = crate::document::LineIndex::with_base(&part.text, part.base)
                .position(&part.text, first.offset);
            report.error = Some(InputError {
                path: shown.to_string(),
                reason: format!(
                    "not valid {format} at line {line}: {}; the record is left as it is, the \
                     other records are linted",
                    first.message
                ),
            });
        }
        let diagnostics = self.against_baseline(shown, &part.text, diagnostics);
        let fail_on = profile.settings().fail_on;
        report.failing = diagnostics.iter().any(|d| d.severity >= fail_on);
        let mut counts = Counts::default();
        let rendered = !(self.args.statistics || self.recording.is_some());
        if self.args.format == OutputFormat::SummaryJsonl {
            let units = summary_units(&part.text, format, policy.read_options());
            if format == Format::Text {
                let words = units.iter().map(|u| u.words).sum();
                counts.add(words, &part.text, &diagnostics);
            } else if rendered {
                let units: Vec<_> = units
                    .into_iter()
                    .map(|mut unit| {
                        unit.record = unit.record.map(|r| r + part.base.line);
                        unit
                    })
                    .collect();
                report.output =
                    render::summary_jsonl::render(shown, &part.text, &units, &diagnostics);
            }
        } else if rendered {
            report.output = render::render_part(
                self.args.format,
                shown,
                &part.text,
                part.base,
                &diagnostics,
                self.color,
            );
        }
        report.diagnostics = diagnostics;
        (report, counts)
    }
}

impl Run<'_> {
    /// Whether standard input, reported as `shown`, is read record by record: JSON Lines,
    /// checked or fixed (not diffed).
    pub(super) fn streams_stdin(&self, shown: &str) -> bool {
        Format::from_path(shown) == Format::Jsonl && !self.args.diff
    }

    /// Lints (and with `--fix`, fixes) JSON Lines from standard input part by part, each part
    /// a run of whole records, handing each part's report to `emit` and, with `--fix`,
    /// writing the fixed records to standard output as they come. Returns whether the fixed
    /// text could not be written whole.
    pub(super) fn stream_stdin(
        &self,
        profile: &Profile,
        shown: &str,
        emit: &mut dyn FnMut(FileReport),
    ) -> bool {
        let format = Format::Jsonl;
        let (_, part_bytes) = sizes(self.args.format);
        let stdin = std::io::stdin();
        let mut reader = PartReader::new(stdin.lock(), part_bytes, Breaks::Records);
        let batch = rayon::current_num_threads().max(1);
        let mut engine = None;
        // With --fix, the reports describe the fixed text: where each part lands in it.
        let mut written = crate::document::Base::default();
        let mut lost = false;
        while let Some((parts, error)) = next_batch(&mut reader, batch) {
            let engine = engine.get_or_insert_with(|| {
                profile
                    .linter
                    .engine(parts.first().map_or("", |p| p.text.as_str()))
            });
            if self.args.fix {
                let fixed: Vec<(Part, FileReport)> = parts
                    .into_par_iter()
                    .map(|part| self.fix_part(profile, engine, shown, part))
                    .collect();
                for (mut part, mut report) in fixed {
                    if !lost {
                        match super::streams::write_all(
                            &mut std::io::stdout().lock(),
                            part.text.as_bytes(),
                        ) {
                            Ok(()) => {}
                            Err(failure) => {
                                if let super::streams::WriteFailure::Failed(reason) = failure {
                                    stderr!(
                                        "error: cannot write the fixed text to standard output: {reason}"
                                    );
                                }
                                lost = true;
                            }
                        }
                    }
                    part.base = written;
                    written.offset += part.text.len();
                    written.line += part.text.matches('\n').count();
                    report.output = self.render_part(shown, &part, &report.diagnostics);
                    emit(report);
                }
            } else {
                let reports: Vec<(FileReport, Counts)> = parts
                    .par_iter()
                    .map(|part| self.lint_part(profile, engine, shown, format, part, None))
                    .collect();
                for (report, _) in reports {
                    emit(report);
                }
            }
            if let Some(e) = error {
                emit(FileReport::failed(InputError {
                    path: shown.to_string(),
                    reason: part_error(&e),
                }));
                break;
            }
        }
        lost
    }

    /// Fixes one part of JSON Lines records; returns the part with the fixed text and the
    /// report of what remains (rendered later, at the part's place in the output).
    fn fix_part(
        &self,
        profile: &Profile,
        engine: &crate::Engine,
        shown: &str,
        mut part: Part,
    ) -> (Part, FileReport) {
        let mut report = FileReport::empty();
        report.linted = part.index == 0;
        let policy = profile.linter.policy();
        match policy.fix(
            engine,
            Path::new(shown),
            &part.text,
            Format::Jsonl,
            self.args.unsafe_fixes,
        ) {
            Ok(outcome) => {
                report.fixed = outcome.applied;
                let fail_on = profile.settings().fail_on;
                report.diagnostics = self.against_baseline(shown, &outcome.text, outcome.remaining);
                if self.args.fix_only {
                    report.diagnostics.clear();
                }
                report.failing = report.diagnostics.iter().any(|d| d.severity >= fail_on);
                part.text = outcome.text;
            }
            Err(error) => {
                report.error = Some(InputError {
                    path: shown.to_string(),
                    reason: error.message,
                });
            }
        }
        (part, report)
    }

    /// The report of `diagnostics` of `part`, at its place in the file.
    fn render_part(&self, shown: &str, part: &Part, diagnostics: &[crate::Diagnostic]) -> String {
        if self.args.statistics || self.recording.is_some() {
            return String::new();
        }
        render::render_part(
            self.args.format,
            shown,
            &part.text,
            part.base,
            diagnostics,
            self.color,
        )
    }
}

/// The reason an input cannot be read in parts.
fn part_error(error: &PartError) -> String {
    match error {
        PartError::Io(reason) => reason.clone(),
        PartError::Utf8(at) => format!("invalid UTF-8 at byte {at}"),
    }
}

/// Reads the file again from its start (`open`) and hands each part to `gather`, `batch` parts
/// at a time in parallel, then what it returns to `add`, in the order of the parts. Fails with
/// the reason the file could not be read.
fn each_part<R: std::io::Read, T: Send>(
    open: &dyn Fn() -> Result<PartReader<R>, String>,
    batch: usize,
    gather: impl Fn(&Part) -> T + Sync,
    mut add: impl FnMut(T),
) -> Result<(), String> {
    let mut reader = open().map_err(|_| "cannot read the file again".to_string())?;
    while let Some((parts, error)) = next_batch(&mut reader, batch) {
        let found: Vec<T> = parts.par_iter().map(&gather).collect();
        found.into_iter().for_each(&mut add);
        if let Some(e) = error {
            return Err(part_error(&e));
        }
    }
    Ok(())
}

/// The next `batch` parts of `reader` (`None` at its end), with the last error met among them.
fn next_batch<R: std::io::Read>(
    reader: &mut PartReader<R>,
    batch: usize,
) -> Option<(Vec<Part>, Option<PartError>)> {
    let read: Vec<Result<Part, PartError>> = reader.by_ref().take(batch).collect();
    if read.is_empty() {
        return None;
    }
    let mut error = None;
    let parts = read
        .into_iter()
        .filter_map(|p| p.map_err(|e| error = Some(e)).ok())
        .collect();
    Some((parts, error))
}
