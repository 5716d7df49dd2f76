//! Baselines: today's diagnostics recorded in a file so that from then on only new ones are
//! reported. An entry is keyed by rule, path and the normalised text of the diagnostic's line,
//! so edits elsewhere in a file (lines added above it, say) do not invalidate it.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

/// The format version written in baseline files.
pub const VERSION: u32 = 1;

/// What identifies a known diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    /// The rule id.
    pub rule: String,
    /// The file, relative to the baseline's folder (with `/`), or as given.
    pub path: String,
    /// The text of the line the diagnostic starts on, trimmed, blanks collapsed.
    pub line: String,
}

/// One entry of a baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    line: String,
    count: usize,
}

/// A baseline file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// The normalised text of the line of `text` that holds byte `offset`.
pub fn line_text(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |n| offset + n);
    text[start..end]
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Known diagnostics, counted by key: loaded from a baseline file to filter a run, or
/// collected from a run to write one.
#[derive(Debug, Clone)]
pub struct Baseline {
    folder: PathBuf,
    counts: BTreeMap<Key, usize>,
}

impl Baseline {
    /// An empty baseline for the file `path` (paths are relative to its folder).
    pub fn new(path: &Path) -> Baseline {
        let folder = crate::config::absolute(path)
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        Baseline {
            folder,
            counts: BTreeMap::new(),
        }
    }

    /// Reads the baseline file at `path`.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let shown = path.display();
        let text = fs::read_to_string(path).map_err(|e| {
            format!(
                "{shown}: cannot read the baseline: {} (create it with --write-baseline)",
                crate::input::io_reason(&e)
            )
        })?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("{shown}:{}: invalid baseline: {e}", e.line()))?;
        if file.version != VERSION {
            return Err(format!(
                "{shown}: baseline version {} is not supported (expected {VERSION})",
                file.version
            ));
        }
        let mut baseline = Baseline::new(path);
        for e in file.entries {
            let key = Key {
                rule: e.rule,
                path: e.path,
                line: e.line,
            };
            *baseline.counts.entry(key).or_default() += e.count;
        }
        Ok(baseline)
    }

    /// The key of diagnostic `d` of `text`, the file `path`.
    pub fn key(&self, path: &str, text: &str, d: &Diagnostic) -> Key {
        let absolute = crate::config::absolute(Path::new(path));
        let relative = match absolute.strip_prefix(&self.folder) {
            Ok(rel) => rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => path.to_string(),
        };
        Key {
            rule: d.rule.to_string(),
            path: relative,
            line: line_text(text, d.span.start),
        }
    }

    /// Records the diagnostics of one file.
    pub fn record(&mut self, path: &str, text: &str, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            *self.counts.entry(self.key(path, text, d)).or_default() += 1;
        }
    }

    /// Keeps the diagnostics of one file that the baseline does not know, using up the count
    /// of each known key.
    pub fn filter_new(
        &mut self,
        path: &str,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| {
                let key = self.key(path, text, d);
                match self.counts.get_mut(&key) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }

    /// How many diagnostics the baseline holds.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    /// Whether the baseline holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The baseline as JSON: entries sorted by rule, path and line, one per line.
    pub fn to_json(&self) -> String {
        let entries: Vec<String> = self
            .counts
            .iter()
            .filter(|(_, count)| **count > 0)
            .map(|(k, count)| {
                serde_json::to_string(&Entry {
                    rule: k.rule.clone(),
                    path: k.path.clone(),
                    line: k.line.clone(),
                    count: *count,
                })
                .expect("an entry always serializes")
            })
            .collect();
        if entries.is_empty() {
            return format!("{{\"version\": {VERSION}, \"entries\": []}}\n");
        }
        format!(
            "{{\"version\": {VERSION}, \"entries\": [\n  {}\n]}}\n",
            entries.join(",\n  ")
        )
    }

    /// Writes the baseline to `path` atomically.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        crate::output::write_file_atomically(path, &self.to_json())
            .map_err(|e| format!("{}: cannot write the baseline: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    fn diagnostic(rule: &str, start: usize) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            category: Category::Punctuation,
            severity: Severity::Warning,
            message: String::new(),
            span: start..start + 1,
            fix: None,
        }
    }

    #[test]
    fn lines_are_normalised() {
        assert_eq!(line_text("a\n  b \t c\u{a0}d  \ne", 4), "b c d");
    }

    #[test]
    fn round_trip_survives_unrelated_edits() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("baseline.json");
        let doc = dir.path().join("doc.txt");
        let doc = doc.to_str().unwrap();
        let old = "un..\ndeux..\n";
        let mut baseline = Baseline::new(&file);
        baseline.record(doc, old, &[diagnostic("p/x", 2), diagnostic("p/x", 8)]);
        baseline.write(&file).unwrap();
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.contains("\"path\":\"doc.txt\""), "{text}");
        let mut loaded = Baseline::load(&file).unwrap();
        assert_eq!(loaded.len(), 2);
        let new = "Titre\nun..\ndeux..\ntrois..\n";
        let kept = loaded.filter_new(
            doc,
            new,
            vec![
                diagnostic("p/x", 8),
                diagnostic("p/x", 14),
                diagnostic("p/x", 21),
            ],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].span.start, 21);
    }

    #[test]
    fn a_bad_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.json");
        assert!(Baseline::load(&file).unwrap_err().contains("b.json"));
        fs::write(&file, "{\"version\": 1, \"entries\": [{\"rule\": 1}]}").unwrap();
        assert!(
            Baseline::load(&file)
                .unwrap_err()
                .contains("invalid baseline")
        );
    }
}
