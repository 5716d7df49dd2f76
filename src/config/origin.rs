//! What produced the text: the setting that tells the suggestions which artifact an English word
//! in French most likely is.

use serde::{Deserialize, Serialize};

/// What produced the documents, which decides what an English word in them most likely stands
/// for (`origin` in a configuration file, `--origin` on the command line).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Decided for each document (the default): one that reads as an unfinished translation
    /// (many of its English words have their dictionary translation written elsewhere in it)
    /// is taken as [`Origin::Translated`], any other as [`Origin::Spun`].
    #[default]
    Auto,
    /// French run through an English synonym spinner: an English word replaced a French word
    /// that is also English ("le cupboard" for "le placard", "le default" for "le standard"),
    /// so candidates that are both French and English come first.
    Spun,
    /// An unfinished machine translation from English: an English word is one the translation
    /// left as it was, and stands for its French translation ("défaut" for "default",
    /// "démon" for "daemon"), rarely for a word that is also English.
    Translated,
}
