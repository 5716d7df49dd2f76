//! `mtlint check`: the whole run, from the paths to the exit status.

use super::*;
use crate::{
    baseline::Baseline,
    input::{self, FileFilter, InputError, Loaded},
    render::{statistics::Statistics, summary::Totals},
};
use rayon::prelude::*;
use std::{
    collections::BTreeSet,
    io::{self, IsTerminal, Read, Write},
    path::{Path, PathBuf},
    sync::Mutex,
};

pub(super) fn check(mut args: CheckArgs) -> i32 {
    args.fix |= args.fix_only;
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
    let (files, walk_errors) =
        match expand_paths(&file_paths, &mut resolver, &walk_filter, args.force_exclude) {
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
    let fixed_any = reporter.totals.fixed > 0;
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
    if args.exit_non_zero_on_fix && fixed_any && code == 0 {
        code = 1;
    }
    code
}
