//! The `serde` visitors that read a user object straight from a JSON deserializer into a
//! [`User`], asking the [`UserReader`] what each key means.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::UserReader;
use crate::import::record::User;

/// Reads the members of an object at `node` into `user`.
pub(super) struct ObjectSeed<'r> {
    pub(super) reader: &'r mut UserReader,
    pub(super) user: &'r mut User,
    pub(super) node: usize,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a user object")
    }

    // A user that is not an object: noted (typed) for the message, then refused as serde does.
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.not_object(de::Unexpected::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.not_object(de::Unexpected::Signed(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.not_object(de::Unexpected::Unsigned(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.not_object(de::Unexpected::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.not_object(de::Unexpected::Str(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_object(de::Unexpected::Unit)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.not_object(de::Unexpected::Seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.reader.nodes[self.node].start();
        let object = self.reader.next_object();
        while let Some(entry) = map.next_key_seed(KeySeed {
            reader: self.reader,
            node: self.node,
        })? {
            if self.reader.entries[entry].removed {
                self.reader.removed = true;
            }
            if self.reader.repeated(entry, object) {
                self.reader.forget(self.user, entry);
            }
            map.next_value_seed(ValueSeed {
                reader: self.reader,
                user: self.user,
                entry,
            })?;
        }
        Ok(())
    }
}

impl ObjectSeed<'_> {
    /// Notes that the value read as a user is not an object, and refuses it.
    fn not_object<E: de::Error>(self, unexpected: de::Unexpected<'_>) -> Result<(), E> {
        self.reader.not_object = true;
        Err(E::invalid_type(unexpected, &self))
    }
}

/// A key: looked up (or added) under the parent's node.
struct KeySeed<'r> {
    reader: &'r mut UserReader,
    node: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        self.reader.entry(self.node, key).map_err(|limit| {
            self.reader.refused = Some(limit);
            E::custom(limit.what())
        })
    }
}

/// The value at one key.
struct ValueSeed<'r> {
    reader: &'r mut UserReader,
    user: &'r mut User,
    entry: usize,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.reader.text(self.user, self.entry, text);
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<(), E> {
        self.visit_str(if b { "True" } else { "False" })
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<(), E> {
        self.visit_str(&n.to_string())
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<(), E> {
        self.visit_str(&n.to_string())
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<(), E> {
        self.visit_str(&n.to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let node = self.reader.child(self.entry);
        ObjectSeed {
            reader: self.reader,
            user: self.user,
            node,
        }
        .visit_map(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut texts = Vec::new();
        while let Some(item) = seq.next_element::<ListItem>()? {
            if let ListItem(Some(text)) = item {
                texts.push(text);
            }
        }
        self.reader.list(self.user, self.entry, texts);
        Ok(())
    }
}

/// An element of a list: a text, number or boolean as text; anything else skipped.
struct ListItem(Option<String>);

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListItemVisitor)
    }
}

struct ListItemVisitor;

impl<'de> Visitor<'de> for ListItemVisitor {
    type Value = ListItem;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list element")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<ListItem, E> {
        Ok(ListItem(Some(s.to_owned())))
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<ListItem, E> {
        Ok(ListItem(Some(if b { "True" } else { "False" }.to_owned())))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<ListItem, E> {
        Ok(ListItem(Some(n.to_string())))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<ListItem, E> {
        Ok(ListItem(Some(n.to_string())))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<ListItem, E> {
        Ok(ListItem(Some(n.to_string())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<ListItem, E> {
        Ok(ListItem(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ListItem, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(ListItem(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListItem, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(ListItem(None))
    }
}
