//! The closing line of pretty and concise output.

use crate::diagnostic::{Applicability, Diagnostic};

/// Counts of a run, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Diagnostics reported.
    pub problems: usize,
    /// Of those, fixable with `--fix`.
    pub safe_fixable: usize,
    /// Of those, fixable only with `--unsafe-fixes`.
    pub unsafe_fixable: usize,
    /// Fixes applied by `--fix`.
    pub fixed: usize,
    /// `--fix-only`: the problems that remain were not reported.
    pub fix_only: bool,
}

impl Totals {
    /// Adds the diagnostics of one file.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.problems += diagnostics.len();
        for d in diagnostics {
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => self.safe_fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }

    /// "12 problems (9 fixable with --fix, 3 more with --unsafe-fixes)", preceded by what `--fix` did.
    pub fn line(&self, unsafe_fixes_enabled: bool) -> String {
        if self.fix_only {
            return match self.fixed {
                0 => "No fixes applied.".to_string(),
                n => format!("Fixed {n} {}.", plural(n, "problem", "problems")),
            };
        }
        let mut line = String::new();
        if self.fixed > 0 {
            line.push_str(&format!(
                "Fixed {} {}. ",
                self.fixed,
                plural(self.fixed, "problem", "problems")
            ));
        }
        if self.problems == 0 {
            line.push_str(if self.fixed > 0 {
                "No problems remain."
            } else {
                "No problems found."
            });
            return line;
        }
        line.push_str(&format!(
            "{} {}",
            self.problems,
            plural(self.problems, "problem", "problems")
        ));
        let mut parts = Vec::new();
        let fixable = if unsafe_fixes_enabled {
            self.safe_fixable + self.unsafe_fixable
        } else {
            self.safe_fixable
        };
        if fixable > 0 {
            parts.push(format!("{fixable} fixable with --fix"));
        }
        if !unsafe_fixes_enabled && self.unsafe_fixable > 0 {
            parts.push(format!("{} more with --unsafe-fixes", self.unsafe_fixable));
        }
        if !parts.is_empty() {
            line.push_str(&format!(" ({})", parts.join(", ")));
        }
        line
    }
}

/// The `--show-fixes` lines of one file: the file, then `count × rule` per rule, most first.
pub fn fixes_applied(path: &str, rules: &[std::sync::Arc<str>]) -> String {
    if rules.is_empty() {
        return String::new();
    }
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for rule in rules {
        *counts.entry(rule).or_default() += 1;
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out = format!("- {path}:\n");
    for (rule, n) in rows {
        out.push_str(&format!("    {n} × {rule}\n"));
    }
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line() {
        let totals = Totals {
            problems: 12,
            safe_fixable: 9,
            unsafe_fixable: 3,
            fixed: 0,
            fix_only: false,
        };
        assert_eq!(
            totals.line(false),
            "12 problems (9 fixable with --fix, 3 more with --unsafe-fixes)"
        );
        assert_eq!(totals.line(true), "12 problems (12 fixable with --fix)");
        assert_eq!(Totals::default().line(false), "No problems found.");
        let fix_only = Totals {
            fixed: 2,
            fix_only: true,
            ..totals
        };
        assert_eq!(fix_only.line(false), "Fixed 2 problems.");
    }

    #[test]
    fn fixes_are_listed_per_rule() {
        let rules: Vec<std::sync::Arc<str>> = vec!["b/x".into(), "a/y".into(), "b/x".into()];
        assert_eq!(
            fixes_applied("doc.txt", &rules),
            "- doc.txt:\n    2 × b/x\n    1 × a/y\n"
        );
        assert_eq!(fixes_applied("doc.txt", &[]), "");
    }
}
