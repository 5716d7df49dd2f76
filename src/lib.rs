//! mtlint: a linter for machine-translated and spun text.
//!
//! The pipeline is short: [`input`] reads files, [`document`] prepares each one (folding,
//! tokens, protected regions), [`engine`] runs the rules compiled from the TOML packs of
//! [`rules`] through the [`kinds`], [`fix`] repairs, and [`render`] prints.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod document;
pub mod encoding;
pub mod engine;
pub mod fingerprint;
pub mod fix;
#[cfg(test)]
mod fixture_texts;
pub mod formats;
pub mod glossary;
pub mod hooks;
pub mod input;
pub mod kinds;
pub mod lexicon;
pub mod linter;
pub mod morph;
pub mod output;
pub mod policy;
pub mod protect;
pub mod render;
pub mod rules;
pub mod score;
pub mod sentence;
pub mod stages;
pub mod suggest;
pub mod suppress;
pub mod text;
pub mod view;

pub use diagnostic::{Applicability, Category, Diagnostic, Edit, Fix, Severity};
pub use document::Format;
pub use engine::Engine;
pub use linter::{Linter, LinterError};
pub use rules::{RuleSet, Selection};
pub use score::Score;
