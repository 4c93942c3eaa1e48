//! One exported user object (Graph camelCase, PowerShell PascalCase, or legacy AAD Graph) to a
//! [`User`] keyed by provisioning source attribute.
//!
//! - Nested objects are walked as dotted paths (`employeeOrgData.division`,
//!   `OnPremisesExtensionAttributes.ExtensionAttribute1`, `Manager.Id`), PowerShell's
//!   `AdditionalProperties` included; [`source_name`] decides what each path is.
//! - `businessPhones` gives its first entry as `telephoneNumber`; `proxyAddresses` and
//!   `otherMails` stay lists; booleans become `True`/`False`; Windows PowerShell 5.1's
//!   `\/Date(ms)\/` becomes ISO 8601.
//! - `IsSoftDeleted` is computed from `accountEnabled` (and `deletedDateTime`); a guest's
//!   `userPrincipalName` loses `#EXT#` as Azure does, the raw one kept as
//!   `originalUserPrincipalName`.
//! - A .NET type name where an object belongs (`ConvertTo-Json`'s default depth of 2 cut it off)
//!   is reported as a [`Finding`], with the fix.

use std::fmt;
use std::sync::Arc;

use chrono::DateTime;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::names::source_name;
use super::record::{Interner, KeyPaths, User, UserValue};
use crate::expr::AttributeNames;

/// Something found while reading a user that the summary should report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Finding {
    /// `ConvertTo-Json` replaced the object at this key with its type name: the export was cut
    /// off at its default depth.
    Truncated {
        /// The key path.
        key: String,
    },
    /// `accountEnabled` is not in the export, so every user is assumed enabled.
    NoAccountEnabled,
}

impl Finding {
    /// The message for the admin.
    pub fn message(&self) -> String {
        match self {
            Finding::Truncated { key } => format!(
                "`{key}` holds a type name instead of data: PowerShell's ConvertTo-Json stopped \
                 at its default depth. Export again with `ConvertTo-Json -Depth 5`."
            ),
            Finding::NoAccountEnabled => "The export has no accountEnabled, so every user is \
                 treated as enabled. Add accountEnabled to $select (or -Property) to see which \
                 users Azure would skip."
                .to_owned(),
        }
    }
}

/// Source attributes that are multi-valued.
const MULTI_VALUED: &[&str] = &["proxyAddresses", "otherMails"];

/// Source attributes whose values are (nearly) all different: not worth interning.
const UNIQUE: &[&str] = &[
    "objectId",
    "userPrincipalName",
    "mail",
    "mailNickname",
    "displayName",
    "employeeId",
    "immutableId",
    "telephoneNumber",
    "mobile",
    "facsimileTelephoneNumber",
    "onPremisesSecurityIdentifier",
    "onPremisesDistinguishedName",
    "onPremisesSamAccountName",
    "onPremisesUserPrincipalName",
];

/// Keys that hold objects; a string there is a truncation.
const OBJECT_KEYS: &[&str] = &[
    "manager",
    "additionalproperties",
    "manager.additionalproperties",
    "employeeorgdata",
    "onpremisesextensionattributes",
];

/// Reads one user object (from a parsed JSON value). `file` and `position` are kept on the
/// record. The streaming importer uses [`UserReader`] directly, without building a value.
pub fn user_from_json(
    object: &Map<String, Value>,
    file: usize,
    position: usize,
    reader: &mut UserReader,
) -> (User, Vec<Finding>) {
    let value = Value::Object(object.clone());
    // Reading a parsed object cannot fail; an empty user is the harmless answer if it did.
    reader
        .read(&value, file, position)
        .unwrap_or_else(|_| (User::new(file, position), Vec::new()))
}

/// What to do with one key under one parent, decided the first time the key is seen.
#[derive(Debug)]
struct Entry {
    /// The key path, numbered in [`KeyPaths`].
    key: u32,
    /// The source attribute a text here is.
    attr: Option<u32>,
    /// The source attribute the first element of a list here is (`businessPhones`), with the
    /// number of its key path (`businessPhones[0]`).
    first: Option<(u32, u32)>,
    /// A list here is kept whole (`proxyAddresses`).
    multi: bool,
    /// An object belongs here; a string is a truncation.
    object: bool,
    /// The values here are (nearly) all different.
    unique: bool,
    /// The node for an object here, once one was seen.
    child: Option<usize>,
}

/// A level of key paths: the root, or the object at one key path.
#[derive(Debug, Default)]
struct Node {
    path: String,
    children: foldhash::HashMap<Box<str>, usize>,
    /// The keys of the last object at this level, in order. Exports write every user's keys in
    /// the same order, so the next key is nearly always the one at `cursor`: one comparison
    /// instead of a hash lookup.
    order: Vec<(Box<str>, usize)>,
    cursor: usize,
}

/// Reads user objects into [`User`]s, straight from a JSON deserializer. It owns the attribute
/// names, key paths and interned texts the users it made refer to, and remembers what each key
/// path means, so the second and later users cost one hash lookup per key.
#[derive(Debug)]
pub struct UserReader {
    /// The attribute names the users' slots refer to.
    pub names: AttributeNames,
    /// The key paths the users' slots refer to.
    pub keys: KeyPaths,
    interner: Interner,
    nodes: Vec<Node>,
    entries: Vec<Entry>,
    findings: Vec<Finding>,
    fixed: Fixed,
    /// How many attributes the last user had: room for as many is made for the next.
    last_len: usize,
}

/// Names and keys the computed attributes use.
#[derive(Debug)]
struct Fixed {
    account_enabled: usize,
    soft_deleted: usize,
    upn: usize,
    original_upn: usize,
    deleted: usize,
    key_account_enabled: u32,
    key_assumed: u32,
}

impl Default for UserReader {
    fn default() -> Self {
        Self::new()
    }
}

impl UserReader {
    /// A reader with no users read yet.
    pub fn new() -> Self {
        let mut names = AttributeNames::new();
        let mut keys = KeyPaths::default();
        let fixed = Fixed {
            account_enabled: names.intern("accountEnabled"),
            soft_deleted: names.intern("IsSoftDeleted"),
            upn: names.intern("userPrincipalName"),
            original_upn: names.intern("originalUserPrincipalName"),
            deleted: names.intern("deletedDateTime"),
            key_account_enabled: keys.intern("accountEnabled"),
            key_assumed: keys.intern("(assumed: accountEnabled is not in the export)"),
        };
        Self {
            names,
            keys,
            interner: Interner::default(),
            nodes: vec![Node::default()],
            entries: Vec::new(),
            findings: Vec::new(),
            fixed,
            last_len: 0,
        }
    }

    /// How many distinct texts are stored.
    pub fn interned(&self) -> usize {
        self.interner.len()
    }

    /// Reads one user object from `deserializer`; anything but an object is an error.
    pub fn read<'de, D: Deserializer<'de>>(
        &mut self,
        deserializer: D,
        file: usize,
        position: usize,
    ) -> Result<(User, Vec<Finding>), D::Error> {
        let mut user = User::with_capacity(file, position, self.last_len);
        deserializer.deserialize_any(ObjectSeed {
            reader: self,
            user: &mut user,
            node: 0,
        })?;
        self.computed(&mut user);
        self.last_len = user.slots().len();
        user.shrink();
        Ok((user, std::mem::take(&mut self.findings)))
    }

    /// The entry for `key` under `node`, made the first time.
    fn entry(&mut self, node: usize, key: &str) -> usize {
        let n = &mut self.nodes[node];
        let cursor = n.cursor;
        n.cursor += 1;
        if let Some((expected, entry)) = n.order.get(cursor)
            && **expected == *key
        {
            return *entry;
        }
        let entry = self.lookup(node, key);
        let n = &mut self.nodes[node];
        if cursor < n.order.len() {
            n.order[cursor] = (key.into(), entry);
        } else if n.order.len() < 1024 {
            n.order.push((key.into(), entry));
        }
        entry
    }

    /// The entry for `key` under `node` by hash lookup, made the first time.
    fn lookup(&mut self, node: usize, key: &str) -> usize {
        if let Some(&entry) = self.nodes[node].children.get(key) {
            return entry;
        }
        let parent = &self.nodes[node].path;
        let path = if parent.is_empty() {
            key.to_owned()
        } else {
            format!("{parent}.{key}")
        };
        let name = source_name(&path);
        let first = source_name(&format!("{path}[0]")).map(|first| {
            (
                saturate(self.names.intern(&first)),
                self.keys.intern(&format!("{path}[0]")),
            )
        });
        let entry = Entry {
            key: self.keys.intern(&path),
            attr: name.as_deref().map(|n| saturate(self.names.intern(n))),
            first,
            multi: name.as_deref().is_some_and(|n| MULTI_VALUED.contains(&n)),
            object: OBJECT_KEYS.contains(&path.to_ascii_lowercase().as_str()),
            unique: name.as_deref().is_some_and(|n| UNIQUE.contains(&n)),
            child: None,
        };
        let index = self.entries.len();
        self.entries.push(entry);
        self.nodes[node].children.insert(key.into(), index);
        index
    }

    /// The node for objects at `entry`.
    fn child(&mut self, entry: usize) -> usize {
        if let Some(child) = self.entries[entry].child {
            return child;
        }
        let node = self.nodes.len();
        self.nodes.push(Node {
            path: self.keys.path(self.entries[entry].key).to_owned(),
            ..Node::default()
        });
        self.entries[entry].child = Some(node);
        node
    }

    fn text_value(&mut self, text: &str, unique: bool) -> UserValue {
        UserValue::One(if unique {
            Arc::from(text)
        } else {
            self.interner.intern(text)
        })
    }

    /// A text at `entry`.
    fn text(&mut self, user: &mut User, entry: usize, text: &str) {
        let e = &self.entries[entry];
        if e.object {
            if is_type_name(text) {
                let key = self.keys.path(e.key).to_owned();
                self.findings.push(Finding::Truncated { key });
            }
            return;
        }
        let Some(attr) = e.attr else { return };
        let (key, unique) = (e.key, e.unique);
        let value = match powershell_date(text) {
            Some(date) => self.text_value(&date, unique),
            None => self.text_value(text, unique),
        };
        user.set(attr as usize, key, value);
    }

    /// A list at `entry`.
    fn list(&mut self, user: &mut User, entry: usize, texts: Vec<String>) {
        let e = &self.entries[entry];
        if let Some((attr, key)) = e.first {
            if let Some(first) = texts.first() {
                let value = self.text_value(first, true);
                user.set(attr as usize, key, value);
            }
        } else if let Some(attr) = e.attr
            && e.multi
            && !texts.is_empty()
        {
            user.set(attr as usize, e.key, UserValue::Many(texts.into()));
        }
    }

    /// `IsSoftDeleted` and the guest `userPrincipalName`.
    fn computed(&mut self, user: &mut User) {
        let f = &self.fixed;
        let enabled = match user.slot(f.account_enabled).map(|s| &s.value) {
            Some(UserValue::One(s)) => Some(s.eq_ignore_ascii_case("true")),
            _ => None,
        };
        let deleted = user.slot(f.deleted).is_some();
        let (soft_deleted, key) = match enabled {
            Some(enabled) => (!enabled || deleted, f.key_account_enabled),
            None => {
                self.findings.push(Finding::NoAccountEnabled);
                (false, f.key_assumed)
            }
        };
        let value = self
            .interner
            .intern(if soft_deleted { "True" } else { "False" });
        user.set(self.fixed.soft_deleted, key, UserValue::One(value));
        let Some(slot) = user.slot(self.fixed.upn) else {
            return;
        };
        let (UserValue::One(upn), key) = (&slot.value, slot.key) else {
            return;
        };
        let Some((local, _)) = upn.split_once("#EXT#") else {
            return;
        };
        // alias_theirdomain#EXT#@tenant → alias@theirdomain (the last `_` was the `@`).
        let external = match local.rfind('_') {
            Some(at) => format!("{}@{}", &local[..at], &local[at + 1..]),
            None => local.to_owned(),
        };
        let original = UserValue::One(upn.clone());
        user.set(self.fixed.original_upn, key, original);
        user.set(self.fixed.upn, key, UserValue::One(Arc::from(external)));
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Reads the members of an object at `node` into `user`.
struct ObjectSeed<'r> {
    reader: &'r mut UserReader,
    user: &'r mut User,
    node: usize,
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

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.reader.nodes[self.node].cursor = 0;
        while let Some(entry) = map.next_key_seed(KeySeed {
            reader: self.reader,
            node: self.node,
        })? {
            map.next_value_seed(ValueSeed {
                reader: self.reader,
                user: self.user,
                entry,
            })?;
        }
        Ok(())
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
        Ok(self.reader.entry(self.node, key))
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

/// A .NET type name, as `ConvertTo-Json` writes for an object deeper than `-Depth`.
fn is_type_name(s: &str) -> bool {
    (s.starts_with("System.") || s.starts_with("Microsoft."))
        && !s.contains(' ')
        && s.split(['.', '`', '[', ']', ','])
            .all(|part| part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

/// Windows PowerShell 5.1's `/Date(1439769600000)/` (JSON `"\/Date(…)\/"`) as ISO 8601 UTC.
fn powershell_date(s: &str) -> Option<String> {
    let inner = s.strip_prefix("/Date(")?.strip_suffix(")/")?;
    // An offset such as +0100 may follow the milliseconds; the milliseconds are UTC.
    let digits_end = inner
        .char_indices()
        .skip(1)
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(inner.len(), |(i, _)| i);
    let millis: i64 = inner[..digits_end].parse().ok()?;
    let date = DateTime::from_timestamp_millis(millis)?;
    Some(date.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

#[cfg(test)]
mod tests;
