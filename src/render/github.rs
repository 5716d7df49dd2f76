//! GitHub Actions workflow commands: `::warning file=…,line=…,col=…::message`, which GitHub
//! shows as annotations on the pull request. GitHub shows at most [`MAX_PER_LEVEL`] annotations
//! of each level per step and drops the rest without a word: [`cap`] keeps that many, lists
//! the others as plain lines in a collapsed group of the log, and ends with a notice that says
//! how many were not annotated and where they are.

use crate::{
    diagnostic::{Diagnostic, Severity},
    document::LineIndex,
};
use std::fmt::Write;

/// Escapes a command's message: `%`, `\r` and `\n`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as the message, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub shows at most this many annotations of each level (error, warning, notice) per step.
pub const MAX_PER_LEVEL: usize = 10;

/// Undoes [`escape_property`] (and so [`escape_data`]).
fn unescape(s: &str) -> String {
    s.replace("%2C", ",")
        .replace("%3A", ":")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

/// A workflow command of [`render`] read back: its level and the problem as a plain log line,
/// `path:line:col: level message`.
fn parse(command: &str) -> Option<(&str, String)> {
    let rest = command.strip_prefix("::")?;
    let (level, rest) = rest.split_once(' ')?;
    let (properties, message) = rest.split_once("::")?;
    let property = |key: &str| {
        properties
            .split(',')
            .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
            .map(unescape)
            .unwrap_or_default()
    };
    let plain = format!(
        "{}:{}:{}: {level} {}",
        property("file"),
        property("line"),
        property("col"),
        unescape(message)
    );
    Some((level, plain))
}

/// The workflow commands of a whole run (`files`: the output of [`render`] for each file, in
/// order), with at most [`MAX_PER_LEVEL`] annotations of each level; the others are listed as
/// plain lines in a collapsed log group, followed by a notice naming how many there are.
pub fn cap(files: &[String]) -> String {
    let commands: Vec<&str> = files.iter().flat_map(|f| f.lines()).collect();
    let levels = ["error", "warning", "notice"];
    let total = |level: &str| {
        commands
            .iter()
            .filter(|c| c.strip_prefix("::").is_some_and(|c| c.starts_with(level)))
            .count()
    };
    let overflowing = total("error") > MAX_PER_LEVEL
        || total("warning") > MAX_PER_LEVEL
        || total("notice") > MAX_PER_LEVEL;
    // The closing notice takes one of the notices' places.
    let limit = |level: &str| {
        if overflowing && level == "notice" {
            MAX_PER_LEVEL - 1
        } else {
            MAX_PER_LEVEL
        }
    };
    let mut shown = [0usize; 3];
    let mut dropped = [0usize; 3];
    let mut out = String::new();
    let mut plain = String::new();
    for command in commands {
        let Some((level, line)) = parse(command) else {
            out.push_str(command);
            out.push('\n');
            continue;
        };
        let i = levels.iter().position(|l| *l == level).unwrap_or(2);
        if shown[i] < limit(level) {
            shown[i] += 1;
            out.push_str(command);
            out.push('\n');
        } else {
            dropped[i] += 1;
            plain.push_str(&line);
            plain.push('\n');
        }
    }
    let count: usize = dropped.iter().sum();
    if count == 0 {
        return out;
    }
    let _ = writeln!(
        out,
        "::group::mtlint: the {count} problems not shown as annotations"
    );
    out.push_str(&plain);
    out.push_str("::endgroup::\n");
    let parts: Vec<String> = levels
        .iter()
        .zip(dropped)
        .filter(|(_, n)| *n > 0)
        .map(|(level, n)| format!("{n} {level}{}", if n == 1 { "" } else { "s" }))
        .collect();
    let _ = writeln!(
        out,
        "::notice title=mtlint::{}",
        escape_data(&format!(
            "{count} more problems ({}) are not shown as annotations: GitHub shows {MAX_PER_LEVEL} of each level per step. \
             They are listed in this step's log (group \"mtlint: the {count} problems not shown as annotations\"); \
             for a full report, also run mtlint with --format sarif (code scanning) or --format json --output-file (an artifact).",
            parts.join(", ")
        ))
    );
    out
}

/// Renders the diagnostics of one file, one workflow command each.
pub fn render(path: &str, text: &str, index: &LineIndex, diagnostics: &[Diagnostic]) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (line, col) = index.position(text, d.span.start);
        let (end_line, end_col) = index.position(text, d.span.end);
        let _ = writeln!(
            out,
            "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            escape_property(path),
            escape_property(&d.rule),
            escape_data(&format!("{} [{}]", d.message, d.rule))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("100% a\nb\r"), "100%25 a%0Ab%0D");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(unescape(&escape_property("a:b,c%\n")), "a:b,c%\n");
    }

    fn command(level: &str, n: usize) -> String {
        format!(
            "::{level} file=d%2Cx.txt,line={n},col=2,endLine={n},endColumn=4,title=a/b::Mot 50%25 [a/b]\n"
        )
    }

    #[test]
    fn annotations_past_ten_per_level_are_listed_and_counted() {
        let mut file = String::new();
        for n in 1..=12 {
            file.push_str(&command("warning", n));
        }
        file.push_str(&command("error", 13));
        let out = cap(&[file, command("notice", 14)]);
        let annotations = |level: &str| out.lines().filter(|l| l.starts_with(level)).count();
        assert_eq!(annotations("::warning "), 10);
        assert_eq!(annotations("::error "), 1);
        // The notice of the file and the closing notice.
        assert_eq!(annotations("::notice "), 2);
        assert!(out.contains("::group::mtlint: the 2 problems not shown as annotations\nd,x.txt:11:2: warning Mot 50% [a/b]\nd,x.txt:12:2: warning Mot 50% [a/b]\n::endgroup::\n"), "{out}");
        let last = out.lines().last().unwrap();
        assert!(
            last.starts_with("::notice title=mtlint::2 more problems (2 warnings) are not shown"),
            "{last}"
        );
    }

    #[test]
    fn ten_of_each_level_need_no_notice() {
        let files: Vec<String> = (1..=10)
            .flat_map(|n| [command("warning", n), command("notice", n)])
            .collect();
        let out = cap(&files);
        assert_eq!(out, files.concat());
        // An eleventh notice: nine notices and the closing one.
        let mut files = files;
        files.push(command("notice", 11));
        let out = cap(&files);
        assert_eq!(
            out.lines().filter(|l| l.starts_with("::notice ")).count(),
            10
        );
        assert!(out.contains("2 more problems (2 notices)"), "{out}");
    }
}
