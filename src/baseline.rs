//! Baselines: today's diagnostics recorded in a file so that from then on only new ones are
//! reported. An entry is keyed by rule, path and the fingerprint of the flagged text and its
//! immediate context (see [`crate::fingerprint`]), so edits elsewhere in a file, and elsewhere
//! in the same paragraph, do not invalidate it. Version 1 files, keyed by the text of the whole
//! line, are still read.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

/// The format version written in baseline files.
pub const VERSION: u32 = 2;

/// The versions [`Baseline::load`] reads.
pub const READS: [u32; 2] = [1, 2];

/// The longest flagged text kept (for people) in an entry.
const TEXT_CHARS: usize = 60;

/// What identifies a known diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The rule id.
    pub rule: String,
    /// The file, relative to the baseline's folder (with `/`), or as given.
    pub path: String,
    /// The fingerprint of the flagged text and its context, 16 hex digits.
    pub fingerprint: String,
}

/// What identified a known diagnostic in version 1 files: the text of its line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct LineKey {
    rule: String,
    path: String,
    line: String,
}

/// One entry of a baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    fingerprint: String,
    /// The flagged text (shortened), for people reviewing the file; not part of the key.
    #[serde(default)]
    text: String,
    count: usize,
}

/// One entry of a version 1 file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineEntry {
    rule: String,
    path: String,
    line: String,
    count: usize,
}

/// A baseline file of either version.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile<E> {
    /// Checked before the entries are read; kept so that the key is accepted.
    #[allow(dead_code)]
    version: u32,
    entries: Vec<E>,
}

/// The normalised text of the line of `text` that holds byte `offset` (the key of version 1).
pub fn line_text(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |n| offset + n);
    crate::fingerprint::collapse(&text[start..end])
}

/// Known diagnostics, counted by key: loaded from a baseline file to filter a run, or
/// collected from a run to write one.
#[derive(Debug, Clone)]
pub struct Baseline {
    folder: PathBuf,
    counts: BTreeMap<Key, usize>,
    /// The flagged text of each key, for the file.
    texts: BTreeMap<Key, String>,
    /// Entries of a version 1 file.
    legacy: BTreeMap<LineKey, usize>,
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
            texts: BTreeMap::new(),
            legacy: BTreeMap::new(),
        }
    }

    /// Reads the baseline file at `path` (version 1 or 2).
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let shown = path.display();
        let text = fs::read_to_string(path).map_err(|e| {
            format!(
                "{shown}: cannot read the baseline: {} (create it with --write-baseline)",
                crate::input::io_reason(&e)
            )
        })?;
        let invalid = |e: serde_json::Error| format!("{shown}:{}: invalid baseline: {e}", e.line());
        let value: serde_json::Value = serde_json::from_str(&text).map_err(invalid)?;
        let version = value.get("version").and_then(serde_json::Value::as_u64);
        let mut baseline = Baseline::new(path);
        match version {
            Some(1) => {
                let file: BaselineFile<LineEntry> = serde_json::from_str(&text).map_err(invalid)?;
                for e in file.entries {
                    let key = LineKey {
                        rule: e.rule,
                        path: e.path,
                        line: e.line,
                    };
                    *baseline.legacy.entry(key).or_default() += e.count;
                }
            }
            Some(2) => {
                let file: BaselineFile<Entry> = serde_json::from_str(&text).map_err(invalid)?;
                for e in file.entries {
                    let key = Key {
                        rule: e.rule,
                        path: e.path,
                        fingerprint: e.fingerprint,
                    };
                    *baseline.counts.entry(key.clone()).or_default() += e.count;
                    baseline.texts.insert(key, e.text);
                }
            }
            Some(other) => {
                return Err(format!(
                    "{shown}: baseline version {other} is not supported: this mtlint reads versions 1 and 2 \
                     (rewrite the baseline with --write-baseline)"
                ));
            }
            None => {
                return Err(format!(
                    "{shown}: invalid baseline: no numeric `version` (rewrite it with --write-baseline)"
                ));
            }
        }
        Ok(baseline)
    }

    /// `path` relative to the baseline's folder, with `/`, or as given outside it.
    fn relative(&self, path: &str) -> String {
        let absolute = crate::config::absolute(Path::new(path));
        match absolute.strip_prefix(&self.folder) {
            Ok(rel) => rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => path.to_string(),
        }
    }

    /// The key of diagnostic `d` of `text`, the file `path`.
    pub fn key(&self, path: &str, text: &str, d: &Diagnostic) -> Key {
        Key {
            rule: d.rule.to_string(),
            path: self.relative(path),
            fingerprint: format!("{:016x}", crate::fingerprint::of(text, d)),
        }
    }

    /// Records the diagnostics of one file.
    pub fn record(&mut self, path: &str, text: &str, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let key = self.key(path, text, d);
            let flagged = crate::fingerprint::collapse(&text[d.span.clone()]);
            let flagged = if flagged.chars().count() > TEXT_CHARS {
                let head: String = flagged.chars().take(TEXT_CHARS - 1).collect();
                format!("{head}…")
            } else {
                flagged
            };
            self.texts.entry(key.clone()).or_insert(flagged);
            *self.counts.entry(key).or_default() += 1;
        }
    }

    /// Keeps the diagnostics of one file that the baseline does not know, using up the count
    /// of each known key (a version 1 entry matches by the text of the diagnostic's line).
    pub fn filter_new(
        &mut self,
        path: &str,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let use_up = |count: Option<&mut usize>| match count {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        };
        diagnostics
            .into_iter()
            .filter(|d| {
                let key = self.key(path, text, d);
                if use_up(self.counts.get_mut(&key)) {
                    return false;
                }
                if self.legacy.is_empty() {
                    return true;
                }
                let line_key = LineKey {
                    rule: key.rule,
                    path: key.path,
                    line: line_text(text, d.span.start),
                };
                !use_up(self.legacy.get_mut(&line_key))
            })
            .collect()
    }

    /// How many diagnostics the baseline holds.
    pub fn len(&self) -> usize {
        self.counts.values().sum::<usize>() + self.legacy.values().sum::<usize>()
    }

    /// Whether the baseline holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The baseline as JSON (version 2): entries sorted by rule, path and fingerprint, one per
    /// line.
    pub fn to_json(&self) -> String {
        let entries: Vec<String> = self
            .counts
            .iter()
            .filter(|(_, count)| **count > 0)
            .map(|(k, count)| {
                serde_json::to_string(&Entry {
                    rule: k.rule.clone(),
                    path: k.path.clone(),
                    fingerprint: k.fingerprint.clone(),
                    text: self.texts.get(k).cloned().unwrap_or_default(),
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
        let old = "Une phrase.. avec un défaut.\n\nUne autre phrase.. ici même.\n";
        let at = |text: &str, n: usize| text.match_indices("..").nth(n).unwrap().0;
        let mut baseline = Baseline::new(&file);
        baseline.record(
            doc,
            old,
            &[diagnostic("p/x", at(old, 0)), diagnostic("p/x", at(old, 1))],
        );
        baseline.write(&file).unwrap();
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.contains("\"path\":\"doc.txt\""), "{text}");
        assert!(text.contains("\"version\": 2"), "{text}");
        let mut loaded = Baseline::load(&file).unwrap();
        assert_eq!(loaded.len(), 2);
        // A title above and a new paragraph below: the two known problems moved, one is new.
        let new = "Titre ajouté\n\nUne phrase.. avec un défaut.\n\nUne autre phrase.. ici même.\n\nEt encore.. une fois.\n";
        let kept = loaded.filter_new(
            doc,
            new,
            (0..3).map(|n| diagnostic("p/x", at(new, n))).collect(),
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].span.start, at(new, 2));
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
        fs::write(&file, "{\"version\": 3, \"entries\": []}").unwrap();
        let err = Baseline::load(&file).unwrap_err();
        assert!(
            err.contains("version 3 is not supported") && err.contains("--write-baseline"),
            "{err}"
        );
    }

    #[test]
    fn an_edit_elsewhere_in_the_paragraph_keeps_the_rest_known() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("baseline.json");
        let doc = dir.path().join("doc.txt");
        let doc = doc.to_str().unwrap();
        let old = "Il a lancé le cupboard hier soir. Puis il est parti.. sans un mot, vraiment.";
        let at = |text: &str, needle: &str| text.find(needle).unwrap();
        let mut baseline = Baseline::new(&file);
        baseline.record(
            doc,
            old,
            &[
                diagnostic("p/x", at(old, "cupboard")),
                diagnostic("p/y", at(old, ".. ")),
            ],
        );
        baseline.write(&file).unwrap();
        // The first sentence is rewritten around its problem; the second is untouched.
        let new = "Hier, Paul a lancé le cupboard. Puis il est parti.. sans un mot, vraiment.";
        let mut loaded = Baseline::load(&file).unwrap();
        let kept = loaded.filter_new(
            doc,
            new,
            vec![
                diagnostic("p/x", at(new, "cupboard")),
                diagnostic("p/y", at(new, ".. ")),
            ],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(&*kept[0].rule, "p/x");
    }

    #[test]
    fn version_1_files_are_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("baseline.json");
        fs::write(
            &file,
            "{\"version\": 1, \"entries\": [{\"rule\": \"p/x\", \"path\": \"doc.txt\", \"line\": \"un..\", \"count\": 1}]}",
        )
        .unwrap();
        let doc = dir.path().join("doc.txt");
        let mut loaded = Baseline::load(&file).unwrap();
        assert_eq!(loaded.len(), 1);
        let kept = loaded.filter_new(
            doc.to_str().unwrap(),
            "Titre\nun..\ndeux..\n",
            vec![diagnostic("p/x", 8), diagnostic("p/x", 14)],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].span.start, 14);
    }

    #[test]
    fn paths_with_dot_dot_compare_equal() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let file = dir.path().join("sub/../baseline.json");
        let mut baseline = Baseline::new(&file);
        let doc = dir.path().join("sub/../docs/./a.txt");
        baseline.record(doc.to_str().unwrap(), "un..", &[diagnostic("p/x", 2)]);
        assert!(
            baseline.to_json().contains("\"path\":\"docs/a.txt\""),
            "{}",
            baseline.to_json()
        );
    }
}
