//! The built-in packs as the build script parsed them: each value of a pack's TOML, with the
//! byte range it was written at, as a tree of static data. A run reads a built-in pack's
//! [`crate::rules::spec::PackSpec`] from its tree ([`Node`] is a serde deserializer, spans
//! included) instead of parsing its TOML text: the same values, without the cost of the parse.

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
    value::{BorrowedStrDeserializer, Error},
};
use serde_spanned::de::{SpannedDeserializer, is_spanned};

/// One value of a pack and the bytes of the pack's text it was written at.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    /// Where the value starts in the pack's text.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The value.
    pub value: Value,
}

/// A TOML value.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// A string.
    String(&'static str),
    /// An integer.
    Integer(i64),
    /// A floating-point number.
    Float(f64),
    /// A boolean.
    Boolean(bool),
    /// An array.
    Array(&'static [Node]),
    /// A table: its keys and values, in the order the parser gave them.
    Table(&'static [(&'static str, Node)]),
}

/// A string written at `start..end` (for the build script's code: it keeps the code short).
const fn s(start: usize, end: usize, text: &'static str) -> Node {
    Node {
        start,
        end,
        value: Value::String(text),
    }
}

/// An integer written at `start..end`.
const fn i(start: usize, end: usize, value: i64) -> Node {
    Node {
        start,
        end,
        value: Value::Integer(value),
    }
}

/// A floating-point number written at `start..end`.
const fn f(start: usize, end: usize, value: f64) -> Node {
    Node {
        start,
        end,
        value: Value::Float(value),
    }
}

/// A boolean written at `start..end`.
const fn b(start: usize, end: usize, value: bool) -> Node {
    Node {
        start,
        end,
        value: Value::Boolean(value),
    }
}

/// An array written at `start..end`.
const fn a(start: usize, end: usize, items: &'static [Node]) -> Node {
    Node {
        start,
        end,
        value: Value::Array(items),
    }
}

/// A table written at `start..end`.
const fn t(start: usize, end: usize, entries: &'static [(&'static str, Node)]) -> Node {
    Node {
        start,
        end,
        value: Value::Table(entries),
    }
}

include!(concat!(env!("OUT_DIR"), "/builtin_pack_trees.rs"));

impl Node {
    /// Reads a `T` from the tree, as `toml::from_str` reads it from the text.
    pub fn read<T: de::Deserialize<'static>>(self) -> Result<T, Error> {
        T::deserialize(self)
    }
}

impl<'de> IntoDeserializer<'de, Error> for Node {
    type Deserializer = Node;

    fn into_deserializer(self) -> Node {
        self
    }
}

impl<'de> Deserializer<'de> for Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(text) => visitor.visit_borrowed_str(text),
            Value::Integer(value) => visitor.visit_i64(value),
            Value::Float(value) => visitor.visit_f64(value),
            Value::Boolean(value) => visitor.visit_bool(value),
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            Value::Table(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
        }
    }

    /// A value that is there is `Some` (an absent key is `None`, as in TOML).
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    /// A [`toml::Spanned`] value gets its span; any other struct is read from its table.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if is_spanned(name) {
            let span = self.start..self.end;
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        let _ = fields;
        self.deserialize_any(visitor)
    }

    /// A unit variant is written as its name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::String(text) => visitor.visit_enum(text.into_deserializer()),
            _ => Err(de::Error::custom(format!(
                "{name}: expected one of {variants:?}"
            ))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The items of an array.
struct Items(std::slice::Iter<'static, Node>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|&item| seed.deserialize(item))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The entries of a table, and the value of the key just read.
struct Entries {
    entries: std::slice::Iter<'static, (&'static str, Node)>,
    value: Option<Node>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(&(key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::<Error>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value asked for before its key"))?;
        seed.deserialize(value)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{BUILTIN_PACKS, spec::PackSpec};

    #[test]
    fn every_builtin_pack_has_a_tree() {
        assert_eq!(BUILTIN_PACK_TREES.len(), BUILTIN_PACKS.len());
        assert!(BUILTIN_PACK_TREES.iter().all(Option::is_some));
    }

    #[test]
    fn trees_read_as_the_texts_parse() {
        for (&(name, text), tree) in BUILTIN_PACKS.iter().zip(BUILTIN_PACK_TREES) {
            let parsed: PackSpec = toml::from_str(text).expect("a built-in pack parses");
            let read: PackSpec = tree.expect("a tree").read().expect("a tree reads");
            // Every value and every span, as the derived Debug shows them.
            assert_eq!(format!("{read:?}"), format!("{parsed:?}"), "{name}");
        }
    }

    #[test]
    fn values_of_each_type_read_back() {
        #[derive(Debug, serde::Deserialize, PartialEq)]
        struct Sample {
            word: toml::Spanned<String>,
            count: usize,
            share: f32,
            on: bool,
            pairs: Vec<[String; 2]>,
            missing: Option<String>,
            severity: crate::diagnostic::Severity,
        }
        const ENTRIES: &[(&str, Node)] = &[
            ("word", s(3, 8, "mot")),
            ("count", i(10, 11, 4)),
            ("share", f(12, 15, 0.5)),
            ("on", b(16, 20, true)),
            (
                "pairs",
                a(21, 30, &[a(22, 29, &[s(23, 25, "«"), s(26, 28, "»")])]),
            ),
            ("severity", s(31, 40, "warning")),
        ];
        let sample: Sample = t(0, 40, ENTRIES).read().unwrap();
        assert_eq!(sample.word.span(), 3..8);
        assert_eq!(sample.word.get_ref(), "mot");
        assert_eq!((sample.count, sample.share, sample.on), (4, 0.5, true));
        assert_eq!(sample.pairs, vec![["«".to_string(), "»".to_string()]]);
        assert_eq!(sample.missing, None);
        assert_eq!(sample.severity, crate::diagnostic::Severity::Warning);
        const UNKNOWN: &[(&str, Node)] = &[("word", s(0, 1, "x")), ("x", b(0, 1, true))];
        let unknown: Result<Sample, _> = t(0, 1, UNKNOWN).read();
        assert!(unknown.is_err());
    }
}
