//! `--diff`: unified diffs that `patch` applies whatever the line endings. Lines end at LF
//! only, as `patch` reads them: a CR (alone, or before an LF) is part of its line, and a last
//! line without LF is marked `\ No newline at end of file`.

use similar::{Algorithm, ChangeTag, TextDiff};
use std::{fmt::Write, ops::Range};

/// Lines of context around each change.
const CONTEXT: usize = 2;

/// The unified diff from `old` to `new`, with `a/PATH` and `b/PATH` headers; empty when they
/// are the same.
pub(super) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_slices(&old_lines, &new_lines);
    let mut out = String::new();
    for group in diff.grouped_ops(CONTEXT) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        if out.is_empty() {
            let _ = write!(out, "--- a/{path}\n+++ b/{path}\n");
        }
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            hunk_range(&old_range),
            hunk_range(&new_range)
        );
        for op in &group {
            for change in diff.iter_changes(op) {
                out.push(match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                });
                let line = change.value();
                out.push_str(line);
                if !line.ends_with('\n') {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// A hunk's `start,count` (1-based; an empty range names the line before it).
fn hunk_range(range: &Range<usize>) -> String {
    match range.len() {
        0 => format!("{},0", range.start),
        1 => format!("{}", range.start + 1),
        n => format!("{},{n}", range.start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriage_returns_stay_inside_lines() {
        let diff = unified_diff("a.txt", "un\rdeux..\rtrois", "un\rdeux.\rtrois");
        assert_eq!(
            diff,
            "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-un\rdeux..\rtrois\n\\ No newline at end \
             of file\n+un\rdeux.\rtrois\n\\ No newline at end of file\n"
        );
        let diff = unified_diff("a.txt", "a\r\nb..\r\nc\n", "a\r\nb.\r\nc\n");
        assert_eq!(
            diff,
            "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n a\r\n-b..\r\n+b.\r\n c\n"
        );
        assert_eq!(unified_diff("a.txt", "same\n", "same\n"), "");
    }
}
