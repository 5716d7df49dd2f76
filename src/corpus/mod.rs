//! Large inputs, linted part by part in bounded memory: a file is read in parts that end at a
//! paragraph break (a record break for JSON Lines), the facts the whole-document checks need
//! are gathered in a first pass ([`facts`]), and each part is then linted on its own, with
//! those facts, and reported at its place in the file.

pub mod facts;
pub mod parts;
pub mod word_counts;
