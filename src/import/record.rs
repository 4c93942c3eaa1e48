//! One user, as every export shape becomes it: values keyed by provisioning source attribute
//! (an index into a shared [`AttributeNames`]), each remembering the key path it came from (an
//! index into a shared [`KeyPaths`]), with repeated texts (department and company names…) stored
//! once by the [`Interner`].
//!
//! A user keeps only the attributes it has, sorted by index, so 500 000 users with 30 values
//! each fit in well under the size of the file they came from.

use std::collections::HashMap;
use std::sync::Arc;

use foldhash::HashSet;

use crate::expr::{AttrValue, AttributeNames, Attributes};

/// A shared, immutable text: one pointer wide (its length is stored with the text), so a
/// user's slot is 24 bytes and a preview's cell 16. `Arc<str>` is two pointers wide; with a
/// million users and 25 mappings the difference was 400 MB.
pub type Text = arcstr::ArcStr;

/// A value of one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserValue {
    /// A single value (shared with every other user who has the same text).
    One(Text),
    /// A multi-valued attribute (`proxyAddresses`, `otherMails`), kept out of line (rare).
    Many(Box<Vec<String>>),
}

impl UserValue {
    /// The value as one line of text (a list joined with `; `).
    pub fn display(&self) -> String {
        match self {
            UserValue::One(s) => s.to_string(),
            UserValue::Many(values) => values.join("; "),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The attribute (index into [`AttributeNames`]).
    pub attr: u32,
    /// The key path in the file it was read from (index into [`KeyPaths`]), e.g.
    /// `onPremisesExtensionAttributes.extensionAttribute1`.
    pub key: u32,
    /// The value.
    pub value: UserValue,
}

/// One user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct User {
    slots: Vec<Slot>,
    /// Which loaded file (0-based).
    pub file: u32,
    /// Which user of that file (0-based, in file order).
    pub position: u32,
}

impl User {
    /// A user with no attributes yet, from user `position` of file `file`.
    pub fn new(file: usize, position: usize) -> Self {
        Self {
            slots: Vec::new(),
            file: saturate(file),
            position: saturate(position),
        }
    }

    /// A user with room for `capacity` attributes.
    pub fn with_capacity(file: usize, position: usize, capacity: usize) -> Self {
        Self {
            slots: Vec::with_capacity(capacity),
            file: saturate(file),
            position: saturate(position),
        }
    }

    /// Sets attribute `attr` (replacing an earlier value of it).
    pub fn set(&mut self, attr: usize, key: u32, value: UserValue) {
        let attr = saturate(attr);
        let slot = Slot { attr, key, value };
        // Attributes are numbered as first met, and every user's keys come in nearly the same
        // order: most go after the last one.
        if self.slots.last().is_none_or(|last| last.attr < attr) {
            self.slots.push(slot);
            return;
        }
        match self.slots.binary_search_by_key(&attr, |s| s.attr) {
            Ok(i) => self.slots[i] = slot,
            Err(i) => self.slots.insert(i, slot),
        }
    }

    /// Replaces the key and value of the `i`th slot (in [`slots`](Self::slots) order).
    pub(crate) fn replace_at(&mut self, i: usize, key: u32, value: UserValue) {
        if let Some(slot) = self.slots.get_mut(i) {
            slot.key = key;
            slot.value = value;
        }
    }

    /// Removes attribute `attr`.
    pub fn remove(&mut self, attr: usize) {
        if let Ok(i) = self.slots.binary_search_by_key(&saturate(attr), |s| s.attr) {
            self.slots.remove(i);
        }
    }

    /// The slot of attribute `attr`, if the user has it.
    pub fn slot(&self, attr: usize) -> Option<&Slot> {
        let attr = u32::try_from(attr).ok()?;
        self.slots
            .binary_search_by_key(&attr, |s| s.attr)
            .ok()
            .map(|i| &self.slots[i])
    }

    /// The single value of the attribute named `name`, if any (the first, for a list).
    pub fn text<'a>(&'a self, names: &AttributeNames, name: &str) -> Option<&'a str> {
        match &self.slot(names.get(name)?)?.value {
            UserValue::One(s) => Some(s),
            UserValue::Many(values) => values.first().map(String::as_str),
        }
    }

    /// How messages name the user: its `userPrincipalName`, else its `objectId`, else its
    /// place in its file ("user 3").
    pub fn label(&self, names: &AttributeNames) -> String {
        match self
            .text(names, "userPrincipalName")
            .or_else(|| self.text(names, "objectId"))
        {
            Some(name) => super::error::shorten(name, 80),
            None => format!("user {}", u64::from(self.position) + 1),
        }
    }

    /// Every attribute the user has, in attribute index order.
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// Renumbers attributes and keys (when users loaded separately are merged into one set).
    pub(crate) fn remap(&mut self, attrs: &[u32], keys: &[u32]) {
        for slot in &mut self.slots {
            slot.attr = attrs[slot.attr as usize];
            slot.key = keys[slot.key as usize];
        }
        self.slots.sort_by_key(|s| s.attr);
    }

    /// Frees spare capacity worth freeing (after loading).
    pub(crate) fn shrink(&mut self) {
        if self.slots.capacity() > self.slots.len() + 4 {
            self.slots.shrink_to_fit();
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Attributes for User {
    fn get(&self, index: usize) -> AttrValue<'_> {
        match self.slot(index).map(|s| &s.value) {
            Some(UserValue::One(s)) => AttrValue::One(s),
            Some(UserValue::Many(values)) => AttrValue::Many(values),
            None => AttrValue::Absent,
        }
    }
}

/// Stores each distinct text once.
#[derive(Debug, Default)]
pub struct Interner {
    texts: HashSet<Text>,
}

/// A copy has its own copy of each text: two parsing threads that share a text would both
/// count its references, and fight over that count's cache line at every value.
impl Clone for Interner {
    fn clone(&self) -> Self {
        Self {
            texts: self.texts.iter().map(|t| Text::from(t.as_str())).collect(),
        }
    }
}

impl Interner {
    /// The shared copy of `text`.
    pub fn intern(&mut self, text: &str) -> Text {
        if let Some(shared) = self.texts.get(text) {
            return shared.clone();
        }
        let shared = Text::from(text);
        self.texts.insert(shared.clone());
        shared
    }

    /// How many distinct texts are stored.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// The key paths values were read from (`officeLocation`, `Manager.Id`, CSV column headers…),
/// each stored once and numbered.
#[derive(Debug, Clone, Default)]
pub struct KeyPaths {
    paths: Vec<Arc<str>>,
    index: HashMap<Arc<str>, u32>,
}

impl KeyPaths {
    /// The number of `path`, adding it if new.
    pub fn intern(&mut self, path: &str) -> u32 {
        if let Some(&i) = self.index.get(path) {
            return i;
        }
        let i = saturate(self.paths.len());
        let shared: Arc<str> = Arc::from(path);
        self.paths.push(shared.clone());
        self.index.insert(shared, i);
        i
    }

    /// The path numbered `key`.
    pub fn path(&self, key: u32) -> &str {
        self.paths.get(key as usize).map_or("", |p| p)
    }

    /// How many paths there are.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// All paths, in number order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(|p| &**p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_stay_sorted_and_replace() {
        let mut user = User::new(0, 0);
        user.set(5, 0, UserValue::One("five".into()));
        user.set(1, 1, UserValue::One("one".into()));
        user.set(5, 2, UserValue::One("FIVE".into()));
        let attrs: Vec<u32> = user.slots().iter().map(|s| s.attr).collect();
        assert_eq!(attrs, [1, 5]);
        assert_eq!(user.slot(5).unwrap().key, 2);
        assert_eq!(user.get(5), AttrValue::One("FIVE"));
        assert_eq!(user.get(3), AttrValue::Absent);
        user.remove(1);
        assert_eq!(user.get(1), AttrValue::Absent);
    }

    #[test]
    fn remap() {
        let mut b = User::new(1, 0);
        b.set(0, 0, UserValue::One("y".into()));
        b.set(1, 1, UserValue::One("z".into()));
        // b's attribute 0 is a's 1 and vice versa.
        b.remap(&[1, 0], &[3, 4]);
        assert_eq!(b.get(1), AttrValue::One("y"));
        assert_eq!(b.slot(0).unwrap().key, 4);
    }

    #[test]
    fn key_paths_are_numbered_once() {
        let mut keys = KeyPaths::default();
        assert_eq!(keys.intern("officeLocation"), 0);
        assert_eq!(keys.intern("Manager.Id"), 1);
        assert_eq!(keys.intern("officeLocation"), 0);
        assert_eq!(keys.path(1), "Manager.Id");
        assert_eq!(keys.path(9), "");
    }
}
