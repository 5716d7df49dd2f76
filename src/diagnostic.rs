//! The one diagnostic type every rule produces and every renderer consumes.

use serde::{Deserialize, Serialize};
use std::{fmt, ops::Range, sync::Arc};

/// How serious a diagnostic is. `Error` and `Warning` fail a run; `Info` does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A remark worth reading that does not fail a run.
    Info,
    /// A probable artifact.
    Warning,
    /// A certain artifact.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The family of artifact a rule finds, as named in the output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// An English word a synonym spinner put in place of a French word.
    SpinnerSynonym,
    /// English left untranslated in French text.
    EnglishLeftover,
    /// Broken machine-translated grammar.
    BrokenPhrasing,
    /// Punctuation errors.
    Punctuation,
    /// Typographic errors (quotes, spacing, capitals).
    Typography,
    /// Scraped web residue.
    Boilerplate,
    /// Repeated words, lines or paragraphs.
    Duplicate,
    /// Several spellings of the same thing in one document.
    Consistency,
    /// Text left in another language.
    Language,
    /// A problem with a suppression comment (one that suppresses nothing).
    Suppression,
    /// A translated segment that disagrees with its source (bilingual files).
    Translation,
}

impl Category {
    /// Every category, in the order of the output contract.
    pub const ALL: [Category; 11] = [
        Category::SpinnerSynonym,
        Category::EnglishLeftover,
        Category::BrokenPhrasing,
        Category::Punctuation,
        Category::Typography,
        Category::Boilerplate,
        Category::Duplicate,
        Category::Consistency,
        Category::Language,
        Category::Suppression,
        Category::Translation,
    ];

    /// The kebab-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::SpinnerSynonym => "spinner-synonym",
            Category::EnglishLeftover => "english-leftover",
            Category::BrokenPhrasing => "broken-phrasing",
            Category::Punctuation => "punctuation",
            Category::Typography => "typography",
            Category::Boilerplate => "boilerplate",
            Category::Duplicate => "duplicate",
            Category::Consistency => "consistency",
            Category::Language => "language",
            Category::Suppression => "suppression",
            Category::Translation => "translation",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether `--fix` may apply a fix on its own (`Safe`) or only with `--unsafe-fixes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The fix keeps the meaning of the text: applied by `--fix`.
    Safe,
    /// The fix may change the meaning or pick the wrong candidate: applied by `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One replacement of the byte range `start..end` of a document by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Edit {
    /// Byte offset where the replaced range starts.
    pub start: usize,
    /// Byte offset where the replaced range ends (exclusive).
    pub end: usize,
    /// The text that takes the range's place.
    pub replacement: String,
}

impl Edit {
    /// A replacement of `range` by `replacement`.
    pub fn new(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            start: range.start,
            end: range.end,
            replacement: replacement.into(),
        }
    }

    /// A deletion of `range`.
    pub fn delete(range: Range<usize>) -> Self {
        Edit::new(range, "")
    }

    /// Whether applying both edits in one pass would be ambiguous.
    pub fn conflicts_with(&self, other: &Edit) -> bool {
        let overlap = self.start < other.end && other.start < self.end;
        let same_insertion =
            self.start == self.end && other.start == other.end && self.start == other.start;
        let inside = |point: usize, edit: &Edit| point > edit.start && point < edit.end;
        overlap
            || same_insertion
            || (self.start == self.end && inside(self.start, other))
            || (other.start == other.end && inside(other.start, self))
    }
}

/// A repair: edits applied together, all or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Whether `--fix` applies it without `--unsafe-fixes`.
    pub applicability: Applicability,
    /// What the fix does, for people ("Replace with “international”").
    pub message: String,
    /// The edits, sorted by position and never overlapping.
    pub edits: Vec<Edit>,
}

/// A problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable id of the rule that found it.
    pub rule: Arc<str>,
    /// The family of the artifact.
    pub category: Category,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
    /// The byte range of the document the problem covers.
    pub span: Range<usize>,
    /// How to repair it, when the rule knows.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// Whether this diagnostic's fix would be applied under the given `--unsafe-fixes` setting.
    pub fn fix_applies(&self, unsafe_fixes: bool) -> bool {
        self.fix
            .as_ref()
            .is_some_and(|fix| unsafe_fixes || fix.applicability == Applicability::Safe)
    }
}
