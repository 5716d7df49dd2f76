//! `mtlint check`: the whole run, from the paths to the exit status.

use super::*;
use crate::{
    baseline::Baseline,
    input::{self, FileFilter, InputError, Loaded, ReadError},
    render::{statistics::Statistics, summary::Totals},
};
use rayon::prelude::*;
use std::{
    collections::BTreeSet,
    io::{self, IsTerminal},
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

pub(super) fn check(mut args: CheckArgs) -> i32 {
    args.fix |= args.fix_only;
    if let Some(threads) = args.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global();
    }
    if args.fix || args.output_file.is_some() || args.write_baseline {
        crate::output::install_interrupt_cleanup();
    }
    // The rules and engines are left for the process's exit to free: dropping them piece by
    // piece would add about 5% to a short run.
    let mut resolver = match Resolver::new(&args.config) {
        Ok(resolver) => std::mem::ManuallyDrop::new(resolver),
        Err(code) => return code,
    };
    // Folders are walked with every file accepted but the --exclude globs (relative to the
    // walked folder); each file's configuration then decides.
    let walk_filter = match FileFilter::new(&["*".to_string()], &args.config.exclude) {
        Ok(filter) => filter,
        Err(e) => {
            stderr!("error: {e}");
            return 2;
        }
    };
    let baseline = match (&args.baseline, args.write_baseline) {
        (Some(path), false) => match Baseline::load(path) {
            Ok(baseline) => Some(Mutex::new(baseline)),
            Err(e) => {
                stderr!("error: {e}");
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
    let (files, walk_errors) =
        match expand_paths(&file_paths, &mut resolver, &walk_filter, args.force_exclude) {
            Ok(found) => found,
            Err(code) => return code,
        };
    if let Err(message) = outputs_are_not_inputs(&args, &files) {
        stderr!("error: {message}");
        return 2;
    }
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
        totals: Totals {
            fix_only: args.fix_only,
            ..Totals::default()
        },
        shown_fixes: String::new(),
        input_errors: 0,
        failing: false,
        any_diff: false,
        json_items: 0,
        collected: Vec::new(),
        files: 0,
        rules_seen: BTreeSet::new(),
        linted: 0,
        write_failure: None,
        nothing_linted: None,
    };
    for error in walk_errors {
        reporter.emit(FileReport::failed(error));
    }

    // Set when the fixed text of standard input could not be written whole.
    let mut fixed_text_lost = false;
    if let Some(profile) = &stdin_profile {
        let shown = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "-".to_string());
        if run.streams_stdin(&shown) {
            fixed_text_lost =
                run.stream_stdin(profile, &shown, &mut |report| reporter.emit(report));
        } else {
            let (report, lost) = lint_stdin(&run, profile, &shown);
            fixed_text_lost = lost;
            reporter.emit(report);
        }
    }

    // Files are linted in batches on every core; a large file is checked part by part on
    // every core, in its place in the order.
    let mut rest = &files[..];
    while !rest.is_empty() {
        // Once the reader of the report has gone, a run that writes no file can stop.
        if reporter.reader_gone() && !args.fix {
            break;
        }
        if run.streams(&rest[0].0) {
            let (path, profile) = &rest[0];
            run.stream_file(profile, path, &mut |report| reporter.emit(report));
            rest = &rest[1..];
            continue;
        }
        let end = rest
            .iter()
            .take(256)
            .position(|(path, _)| run.streams(path))
            .unwrap_or(rest.len().min(256));
        let reports: Vec<FileReport> = rest[..end]
            .par_iter()
            .map(|(path, profile)| run.process_file(profile, path))
            .collect();
        for report in reports {
            reporter.emit(report);
        }
        rest = &rest[end..];
    }
    // Every file named on the command line excluded with --force-exclude (pre-commit naming
    // only excluded files) is what the user asked for, not a false pass.
    let all_named_excluded = args.force_exclude
        && files.is_empty()
        && !file_paths.is_empty()
        && file_paths.iter().all(|p| p.is_file());
    if all_named_excluded && !args.quiet {
        stderr!("note: every file named is excluded (--force-exclude); nothing to lint");
    }
    if reporter.linted == 0
        && reporter.input_errors == 0
        && !reporter.reader_gone()
        && !all_named_excluded
    {
        reporter.nothing_linted = Some(if files.is_empty() {
            format!(
                "nothing was linted: no file to lint in {} (folders are searched for {} \
                 files unless --include or `include` says otherwise)",
                shown_paths(&file_paths),
                crate::input::DEFAULT_INCLUDE.join(", ")
            )
        } else {
            "nothing was linted: every input was skipped (binary)".to_string()
        });
    }
    let fixed_any = reporter.totals.fixed > 0;
    // The rules' documentation is gathered only for the outputs that show it.
    let docs = || resolver.rule_docs();
    let mut code = reporter.finish(args.unsafe_fixes, docs, args.output_file.as_deref());
    if fixed_text_lost {
        code = 2;
    }
    if let (Some(recording), Some(path)) = (&run.recording, &args.baseline) {
        let recording = recording.lock().unwrap_or_else(|e| e.into_inner());
        match recording.write(path) {
            _ if code == 2 => {}
            Ok(()) => {
                if !args.quiet {
                    stderr!(
                        "Wrote {} known problems to the baseline {}.",
                        recording.len(),
                        path.display()
                    );
                }
            }
            Err(e) => {
                stderr!("error: {e}");
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
    if args.exit_non_zero_on_fix && fixed_any && code == 0 {
        code = 1;
    }
    code
}

/// Lints (and fixes) standard input. With `--fix`, standard output carries the text: fixed, or
/// unchanged when it cannot be linted. Returns the report, and whether the text could not be
/// written whole to standard output.
fn lint_stdin(run: &Run, profile: &Profile, shown: &str) -> (FileReport, bool) {
    let failed = |reason: String| {
        FileReport::failed(InputError {
            path: shown.to_string(),
            reason,
        })
    };
    let fix = run.args.fix;
    let (report, text_out): (FileReport, Option<std::borrow::Cow<[u8]>>) = match input::read_stdin()
    {
        Err(ReadError::Io(reason)) => (failed(reason), None),
        Err(ReadError::Undecodable { reason, bytes }) => {
            let (reason, out) = if fix {
                (format!("{reason}; printed unchanged"), Some(bytes.into()))
            } else {
                (reason, None)
            };
            (failed(reason), out)
        }
        Ok(Loaded::Binary) => {
            let reason = "binary input (NUL bytes)".to_string();
            (failed(reason), None)
        }
        Ok(Loaded::Text(text, encoding)) => {
            let report = run.process_text(profile, shown, &text, encoding, None);
            let out = fix.then(|| {
                let fixed = report.fixed_text.as_deref().unwrap_or(&text);
                encoding.encode(fixed).into_owned().into()
            });
            (report, out)
        }
    };
    let mut lost = false;
    if let Some(bytes) = text_out {
        match streams::write_all(&mut io::stdout().lock(), &bytes) {
            Ok(()) => {}
            Err(WriteFailure::ClosedPipe) => lost = true,
            Err(WriteFailure::Failed(reason)) => {
                stderr!("error: cannot write the fixed text to standard output: {reason}");
                lost = true;
            }
        }
    }
    (report, lost)
}

/// Refuses an `--output-file` (or a baseline being written) that is one of the files to lint:
/// the report would replace it.
fn outputs_are_not_inputs(
    args: &CheckArgs,
    files: &[(PathBuf, Arc<Profile>)],
) -> Result<(), String> {
    let outputs = [
        ("--output-file", args.output_file.as_deref()),
        (
            "--baseline",
            args.baseline.as_deref().filter(|_| args.write_baseline),
        ),
    ];
    for (flag, output) in outputs {
        let Some(output) = output else { continue };
        let Some(identity) = input::file_identity(output) else {
            continue;
        };
        if let Some((input, _)) = files
            .iter()
            .find(|(path, _)| input::file_identity(path) == Some(identity))
        {
            return Err(format!(
                "{flag} {} is one of the files to lint ({}); it would be overwritten",
                output.display(),
                input.display()
            ));
        }
        // `--output-file *.txt`: the shell made the first document the report's file.
        if let Some((input, _)) = files.iter().find(|(path, _)| looks_alike(path, output)) {
            return Err(format!(
                "{flag} {} is an existing document beside the files to lint ({}), with the \
                 same extension; it would be overwritten (remove it first to write the report \
                 there)",
                output.display(),
                input.display()
            ));
        }
    }
    Ok(())
}

/// Whether the existing file `output` has the extension of the input `input` and lies in the
/// same folder: a document like the inputs rather than a report.
fn looks_alike(input: &Path, output: &Path) -> bool {
    let folder = |p: &Path| {
        let parent = p.parent().filter(|f| !f.as_os_str().is_empty());
        std::fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()
    };
    input.extension().is_some()
        && input.extension() == output.extension()
        && output.is_file()
        && folder(input).is_some()
        && folder(input) == folder(output)
}

/// The paths of the command line, for messages.
fn shown_paths(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "the input".to_string();
    }
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
