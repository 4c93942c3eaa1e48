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
//! - An entry with neither `id` nor `userPrincipalName`, or a `/users/delta` entry marked
//!   `@removed`, is one the JSON reader leaves out ([`UserReader::left_out`]).
//! - A .NET type name where an object belongs (`ConvertTo-Json`'s default depth of 2 cut it off)
//!   is reported as a [`Finding`], with the fix; so is a key that appears twice in one object
//!   (the last one is kept, whatever it is).
//! - Every key path is remembered for the rest of the file, so a key longer than
//!   [`MAX_KEY_BYTES`] or more than [`MAX_KEY_PATHS`] different ones are refused.

use chrono::DateTime;
use serde::de::Deserializer;
use serde_json::{Map, Value};

use self::seeds::ObjectSeed;
pub use super::finding::Finding;
use super::left_out::LeftOut;
use super::limits::{Limit, MAX_KEY_BYTES, MAX_KEY_PATHS};
use super::names::source_name;
use super::record::{Interner, KeyPaths, Text, User, UserValue, ValueRef};
use crate::expr::AttributeNames;

/// Source attributes that are multi-valued.
const MULTI_VALUED: &[&str] = &["proxyAddresses", "otherMails"];

/// Source attributes whose values are (nearly) all different: not worth interning. A manager's id
/// repeats for each of their reports, but a million users have a quarter of a million of them,
/// and looking each up in so large a table took longer than storing it again.
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
    "manager",
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

/// True if a value at top-level key `key` can give a user anything: it is a source attribute
/// (or a list whose first element is one), or an object whose keys can be. A CSV column with
/// another header is not read at all.
pub(crate) fn key_is_read(key: &str) -> bool {
    source_name(key).is_some()
        || source_name(&format!("{key}[0]")).is_some()
        || OBJECT_KEYS.contains(&key.to_ascii_lowercase().as_str())
}

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
#[derive(Debug, Clone)]
struct Entry {
    /// The key as the file spells it (the last part of the path).
    name: Box<str>,
    /// The entry of the key that followed this one last time, at the same level.
    next: Option<usize>,
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
    /// This is the top-level `@removed` of a `/users/delta` entry.
    removed: bool,
}

/// A level of key paths: the root, or the object at one key path.
#[derive(Debug, Clone, Default)]
struct Node {
    path: String,
    children: foldhash::HashMap<Box<str>, usize>,
    /// The entry of the first key of the last object at this level, and the entry of the key
    /// just read in the object being read (`None` at its start). Exports write every user's
    /// keys in the same order, so the next key is nearly always the one that followed this
    /// one last time ([`Entry::next`]): one comparison instead of a hash lookup, and a key
    /// only some users have costs a lookup once, not for every key after it.
    first: Option<usize>,
    last: Option<usize>,
}

impl Node {
    /// Starts reading an object at this level.
    fn start(&mut self) {
        self.last = None;
    }
}

/// Reads user objects into [`User`]s, straight from a JSON deserializer. It owns the attribute
/// names, key paths and interned texts the users it made refer to, and remembers what each key
/// path means, so the second and later users cost one hash lookup per key.
#[derive(Debug, Clone)]
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
    /// The unique texts of the user being read: (length, attribute), to share an equal one.
    unique: Vec<(usize, u32)>,
    /// For each entry, the object it was last seen in (numbered by `object`), and whether
    /// it was reported as a duplicate there.
    seen: Vec<(u32, bool)>,
    /// The number of the object being read.
    object: u32,
    /// The limit the last failed [`read`](Self::read) went over.
    refused: Option<Limit>,
    /// The last [`read`](Self::read) failed because the value was not an object at all.
    not_object: bool,
    /// The last user read had a top-level `@removed`.
    removed: bool,
}

/// Names and keys the computed attributes use.
#[derive(Debug, Clone)]
struct Fixed {
    account_enabled: usize,
    soft_deleted: usize,
    object_id: usize,
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
            object_id: names.intern("objectId"),
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
            unique: Vec::new(),
            seen: Vec::new(),
            object: 0,
            refused: None,
            not_object: false,
            removed: false,
        }
    }

    /// How many distinct texts are stored.
    pub fn interned(&self) -> usize {
        self.interner.len()
    }

    /// The limit the last failed [`read`](Self::read) went over, if that is why it failed
    /// (the deserializer's error then only says so in words).
    pub fn take_refusal(&mut self) -> Option<Limit> {
        self.refused.take()
    }

    /// True when the last failed [`read`](Self::read) failed because the value was not an
    /// object (a text, number, list…) at all.
    pub fn take_not_object(&mut self) -> bool {
        std::mem::take(&mut self.not_object)
    }

    /// Reads one user object from `deserializer`; anything but an object is an error, and so
    /// is a key over [`MAX_KEY_BYTES`] or one more than [`MAX_KEY_PATHS`] different keys
    /// (then [`take_refusal`](Self::take_refusal) says which).
    pub fn read<'de, D: Deserializer<'de>>(
        &mut self,
        deserializer: D,
        file: usize,
        position: usize,
    ) -> Result<(User, Vec<Finding>), D::Error> {
        let mut user = self.start(file, position);
        deserializer.deserialize_any(ObjectSeed {
            reader: self,
            user: &mut user,
            node: 0,
        })?;
        Ok(self.finish(user))
    }

    /// Reads one user from `text`, one JSON value: directly when the text is a plain user
    /// object (`fast.rs`), else through `serde_json` (the same user, or the exact error).
    pub fn read_text(
        &mut self,
        text: &str,
        file: usize,
        position: usize,
    ) -> Result<(User, Vec<Finding>), serde_json::Error> {
        if let Some(read) = self.read_direct(text, file, position) {
            return Ok(read);
        }
        let mut de = serde_json::Deserializer::from_str(text);
        self.read(&mut de, file, position)
            .and_then(|read| de.end().map(|()| read))
    }

    /// The computed attributes of `user`, just read, and what reading it found.
    fn finish(&mut self, mut user: User) -> (User, Vec<Finding>) {
        self.computed(&mut user);
        self.last_len = user.slots().len();
        user.shrink();
        (user, std::mem::take(&mut self.findings))
    }

    /// Why `user`, just [`read`](Self::read), is not a user to provision, if it is not: a
    /// `/users/delta` entry marked `@removed`, or an entry with neither `id` nor
    /// `userPrincipalName` (Graph's `{}`).
    pub fn left_out(&self, user: &User) -> Option<LeftOut> {
        if self.removed {
            Some(LeftOut::Removed)
        } else if !self.has_id(user) && user.slot(self.fixed.upn).is_none() {
            Some(LeftOut::NoIdOrName)
        } else {
            None
        }
    }

    /// The hash of `user`'s `id` (`objectId`) for the index of users by id, if it has one.
    pub(crate) fn id_hash(&self, user: &User) -> Option<u64> {
        super::by_id::hash_of(user, self.fixed.object_id)
    }

    /// True when `user` has an `id` (`objectId`).
    pub fn has_id(&self, user: &User) -> bool {
        user.slot(self.fixed.object_id).is_some()
    }

    /// The entry for `key` under `node`, made the first time.
    fn entry(&mut self, node: usize, key: &str) -> Result<usize, Limit> {
        let last = self.nodes[node].last;
        let expected = match last {
            Some(last) => self.entries[last].next,
            None => self.nodes[node].first,
        };
        let entry = match expected {
            Some(e) if *self.entries[e].name == *key => e,
            _ => {
                let e = self.lookup(node, key)?;
                match last {
                    Some(last) => self.entries[last].next = Some(e),
                    None => self.nodes[node].first = Some(e),
                }
                e
            }
        };
        self.nodes[node].last = Some(entry);
        Ok(entry)
    }

    /// The entry for `key` under `node` by hash lookup, made the first time (if the limits
    /// allow: each entry is remembered for the rest of the file).
    fn lookup(&mut self, node: usize, key: &str) -> Result<usize, Limit> {
        if let Some(&entry) = self.nodes[node].children.get(key) {
            return Ok(entry);
        }
        let parent = &self.nodes[node].path;
        if parent.len() + 1 + key.len() > MAX_KEY_BYTES {
            return Err(Limit::KeyBytes);
        }
        if self.entries.len() >= MAX_KEY_PATHS {
            return Err(Limit::KeyPaths);
        }
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
            name: key.into(),
            next: None,
            key: self.keys.intern(&path),
            attr: name.as_deref().map(|n| saturate(self.names.intern(n))),
            first,
            multi: name.as_deref().is_some_and(|n| MULTI_VALUED.contains(&n)),
            object: OBJECT_KEYS.contains(&path.to_ascii_lowercase().as_str()),
            unique: name.as_deref().is_some_and(|n| UNIQUE.contains(&n)),
            child: None,
            removed: path == "@removed",
        };
        let index = self.entries.len();
        self.entries.push(entry);
        self.nodes[node].children.insert(key.into(), index);
        Ok(index)
    }

    /// Starts reading an object: its number, for [`Self::repeated`].
    fn next_object(&mut self) -> u32 {
        self.object = self.object.wrapping_add(1);
        if self.object == 0 {
            self.seen.fill((0, false));
            self.object = 1;
        }
        self.object
    }

    /// Notes that `entry` was read in object number `object`: true if it was read there before,
    /// the first time that happens (a [`Finding::DuplicateKey`]).
    fn repeated(&mut self, entry: usize, object: u32) -> bool {
        if self.seen.len() <= entry {
            self.seen
                .resize(self.entries.len().max(entry + 1), (0, false));
        }
        let seen = &mut self.seen[entry];
        if seen.0 != object {
            *seen = (object, false);
            return false;
        }
        if seen.1 {
            return false;
        }
        seen.1 = true;
        let key = self.keys.path(self.entries[entry].key).to_owned();
        self.findings.push(Finding::DuplicateKey { key });
        true
    }

    /// Removes from `user` what `entry` (and the keys of an object there) gave it: a repeated
    /// key's last value replaces the earlier one, whatever it is.
    fn forget(&self, user: &mut User, entry: usize) {
        let e = &self.entries[entry];
        if let Some(attr) = e.attr {
            user.remove(attr as usize);
        }
        if let Some((attr, _)) = e.first {
            user.remove(attr as usize);
        }
        if let Some(child) = e.child {
            for &below in self.nodes[child].children.values() {
                self.forget(user, below);
            }
        }
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

    /// A new user, `position` of file `file`, to read.
    fn start(&mut self, file: usize, position: usize) -> User {
        self.refused = None;
        self.not_object = false;
        self.removed = false;
        self.findings.clear();
        self.unique.clear();
        User::with_capacity(file, position, self.last_len)
    }

    /// The text to keep for `text` at attribute `attr`: a repeated one is interned; a unique
    /// one is shared only with an equal unique value the user already has (`mail` is most often
    /// its `userPrincipalName`).
    fn text_value(&mut self, user: &User, attr: u32, text: &str, unique: bool) -> Text {
        if !unique {
            return self.interner.intern(text);
        }
        let same = self.unique.iter().find_map(|&(len, other)| {
            if len != text.len() {
                return None;
            }
            match user.value_of(other as usize) {
                Some(ValueRef::One(t)) if t.as_str() == text => Some(t.clone()),
                _ => None,
            }
        });
        same.unwrap_or_else(|| {
            self.unique.push((text.len(), attr));
            Text::from(text)
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
            Some(date) => self.text_value(user, attr, &date, unique),
            None => self.text_value(user, attr, text, unique),
        };
        user.set_text(attr as usize, key, value);
    }

    /// A list at `entry`.
    fn list(&mut self, user: &mut User, entry: usize, texts: Vec<String>) {
        let e = &self.entries[entry];
        if let Some((attr, key)) = e.first {
            if let Some(first) = texts.first() {
                let value = self.text_value(user, attr, first, true);
                user.set_text(attr as usize, key, value);
            }
        } else if let Some(attr) = e.attr
            && e.multi
            && !texts.is_empty()
        {
            user.set(attr as usize, e.key, UserValue::Many(texts));
        }
    }

    /// `IsSoftDeleted` and the guest `userPrincipalName`.
    fn computed(&mut self, user: &mut User) {
        let f = &self.fixed;
        let enabled = user.value_of(f.account_enabled);
        let deleted = user.slot(f.deleted).is_some();
        let (soft_deleted, key) = match soft_deleted(enabled, deleted) {
            Some(soft_deleted) => (soft_deleted, f.key_account_enabled),
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
        let (ValueRef::One(upn), key) = (user.value(slot), slot.key) else {
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
        user.set(self.fixed.upn, key, UserValue::One(Text::from(external)));
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `IsSoftDeleted` from `accountEnabled` and whether there is a `deletedDateTime`: `None` when
/// `accountEnabled` is unknown (then the user is assumed enabled, and reported).
pub(crate) fn soft_deleted(account_enabled: Option<ValueRef<'_>>, deleted: bool) -> Option<bool> {
    match account_enabled {
        Some(ValueRef::One(enabled)) => Some(!enabled.eq_ignore_ascii_case("true") || deleted),
        _ => None,
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

mod fast;
mod seeds;

#[cfg(test)]
mod tests;
