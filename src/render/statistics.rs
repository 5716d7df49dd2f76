//! `--statistics`: how many diagnostics each rule reported, most frequent first.

use crate::diagnostic::{Applicability, Diagnostic};
use std::{collections::BTreeMap, fmt::Write};

/// Counts per rule over a run.
#[derive(Debug, Default, Clone)]
pub struct Statistics {
    /// Rule id → (count, how many have a safe fix).
    counts: BTreeMap<String, (usize, usize)>,
}

impl Statistics {
    /// Adds the diagnostics of one file.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let entry = self.counts.entry(d.rule.to_string()).or_default();
            entry.0 += 1;
            if d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
            {
                entry.1 += 1;
            }
        }
    }

    /// The rows, sorted by count descending, then id.
    fn rows(&self) -> Vec<(&String, &(usize, usize))> {
        let mut rows: Vec<(&String, &(usize, usize))> = self.counts.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
        rows
    }

    /// The same rows as [`Statistics::render`] as one JSON array of
    /// `{"rule", "count", "fixable", "summary"}` objects (`fixable`: how many have a safe fix).
    pub fn render_json(&self, summary: &dyn Fn(&str) -> String) -> String {
        let rows: Vec<serde_json::Value> = self
            .rows()
            .into_iter()
            .map(|(id, (count, fixable))| {
                serde_json::json!({"rule": id, "count": count, "fixable": fixable, "summary": summary(id)})
            })
            .collect();
        let mut out = serde_json::to_string_pretty(&rows).expect("statistics always serialize");
        out.push('\n');
        out
    }

    /// `count  rule-id  [*] summary` lines, sorted by count descending, then id; `summary`
    /// gives each rule's one-line summary. `[*]` marks rules whose diagnostics `--fix` repairs.
    pub fn render(&self, summary: &dyn Fn(&str) -> String) -> String {
        let rows = self.rows();
        let count_width = rows.first().map_or(1, |r| r.1.0.to_string().len());
        let id_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
        let mut out = String::new();
        for (id, (count, fixable)) in rows {
            let mark = if *fixable == *count { "[*] " } else { "" };
            let line = format!(
                "{count:>count_width$}  {id:id_width$}  {mark}{}",
                summary(id)
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    fn d(rule: &str) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            category: Category::Punctuation,
            severity: Severity::Warning,
            message: String::new(),
            span: 0..1,
            fix: None,
        }
    }

    #[test]
    fn sorted_by_count_then_id() {
        let mut stats = Statistics::default();
        stats.add(&[d("b/x"), d("a/y"), d("b/x"), d("c/z")]);
        let out = stats.render(&|id| format!("about {id}"));
        let ids: Vec<&str> = out
            .lines()
            .map(|l| l.split_whitespace().nth(1).unwrap())
            .collect();
        assert_eq!(ids, ["b/x", "a/y", "c/z"]);
        assert!(out.starts_with("2  b/x  about b/x\n"), "{out:?}");
        let json: serde_json::Value =
            serde_json::from_str(&stats.render_json(&|id| format!("about {id}"))).unwrap();
        assert_eq!(
            json[0],
            serde_json::json!({"rule": "b/x", "count": 2, "fixable": 0, "summary": "about b/x"})
        );
        assert_eq!(json.as_array().unwrap().len(), 3);
    }
}
