//! What produced the text: the setting that tells the suggestions which artifact an English word
//! in French most likely is.

use serde::{Deserialize, Serialize};

/// What produced the documents, which decides what an English word in them most likely stands
/// for (`origin` in a configuration file, `--origin` on the command line).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// French run through an English synonym spinner (the default): an English word replaced
    /// a French word that is also English ("le cupboard" for "le placard", "le default" for
    /// "le standard"), so candidates that are both French and English come first.
    #[default]
    Spun,
    /// An unfinished machine translation from English: an English word is one the translation
    /// left as it was, and stands for its French translation ("défaut" for "default",
    /// "démon" for "daemon"), rarely for a word that is also English.
    Translated,
}
