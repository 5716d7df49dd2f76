//! Language-neutral text utilities: case folding, tokenizing, and neighbour lookup.

pub mod bytes;
pub mod case;
pub mod distance;
pub mod lines;
pub mod normalize;
pub mod packed_table;
pub mod spans;
pub mod tokenize;
