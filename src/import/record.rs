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
/// user's slot is 16 bytes and a preview's cell 16. `Arc<str>` is two pointers wide; with a
/// million users and 25 mappings the difference was 400 MB.
pub type Text = arcstr::ArcStr;

/// A value of one attribute, to [`set`](User::set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserValue {
    /// A single value (shared with every other user who has the same text).
    One(Text),
    /// A multi-valued attribute (`proxyAddresses`, `otherMails`).
    Many(Vec<String>),
}

impl UserValue {
    /// The value, borrowed.
    pub fn as_ref(&self) -> ValueRef<'_> {
        match self {
            UserValue::One(s) => ValueRef::One(s),
            UserValue::Many(values) => ValueRef::Many(values),
        }
    }
}

/// A value of one attribute, as the user holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueRef<'a> {
    /// A single value.
    One(&'a Text),
    /// A multi-valued attribute.
    Many(&'a [String]),
}

impl ValueRef<'_> {
    /// The value as one line of text (a list joined with `; `).
    pub fn display(self) -> String {
        match self {
            ValueRef::One(s) => s.to_string(),
            ValueRef::Many(values) => values.join("; "),
        }
    }

    /// An owned copy (the text itself is shared).
    pub fn to_owned(self) -> UserValue {
        match self {
            ValueRef::One(s) => UserValue::One(s.clone()),
            ValueRef::Many(values) => UserValue::Many(values.to_vec()),
        }
    }
}

/// An attribute the user has, and the key path it was read from. Its value is
/// [`User::value`]: a single value is here, a list with the user (lists are rare, and keeping
/// them out of the slot makes a slot 16 bytes instead of 24, 200 MB for a million users).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The attribute (index into [`AttributeNames`]).
    pub attr: u32,
    /// The key path in the file it was read from (index into [`KeyPaths`]), e.g.
    /// `onPremisesExtensionAttributes.extensionAttribute1`.
    pub key: u32,
    /// The single value; empty for a list (whose values are in [`User::lists`]).
    text: Text,
}

/// One user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct User {
    slots: Vec<Slot>,
    /// The values of the attributes that are lists, sorted by attribute (most users have one or
    /// none).
    lists: Vec<(u32, Box<[String]>)>,
    /// Which loaded file (0-based).
    pub file: u32,
    /// Which user of that file (0-based, in file order).
    pub position: u32,
}

impl User {
    /// A user with no attributes yet, from user `position` of file `file`.
    pub fn new(file: usize, position: usize) -> Self {
        Self::with_capacity(file, position, 0)
    }

    /// A user with room for `capacity` attributes.
    pub fn with_capacity(file: usize, position: usize, capacity: usize) -> Self {
        Self {
            slots: Vec::with_capacity(capacity),
            lists: Vec::new(),
            file: saturate(file),
            position: saturate(position),
        }
    }

    /// Sets attribute `attr` (replacing an earlier value of it).
    pub fn set(&mut self, attr: usize, key: u32, value: UserValue) {
        match value {
            UserValue::One(text) => self.set_text(attr, key, text),
            UserValue::Many(values) => {
                let attr = saturate(attr);
                let values = values.into_boxed_slice();
                match self.lists.binary_search_by_key(&attr, |(a, _)| *a) {
                    Ok(i) => self.lists[i].1 = values,
                    Err(i) => {
                        // Most users have one list: room for exactly that.
                        self.lists.reserve_exact(1);
                        self.lists.insert(i, (attr, values));
                    }
                }
                self.put(Slot {
                    attr,
                    key,
                    text: Text::new(),
                });
            }
        }
    }

    /// Sets attribute `attr` to a single value (replacing an earlier value or list).
    pub fn set_text(&mut self, attr: usize, key: u32, text: Text) {
        let attr = saturate(attr);
        self.forget_list(attr);
        self.put(Slot { attr, key, text });
    }

    fn put(&mut self, slot: Slot) {
        // Attributes are numbered as first met, and every user's keys come in nearly the same
        // order: most go after the last one.
        if self.slots.last().is_none_or(|last| last.attr < slot.attr) {
            self.slots.push(slot);
            return;
        }
        match self.slots.binary_search_by_key(&slot.attr, |s| s.attr) {
            Ok(i) => self.slots[i] = slot,
            Err(i) => self.slots.insert(i, slot),
        }
    }

    /// Removes the list of `attr`, if the user has one.
    fn forget_list(&mut self, attr: u32) {
        if !self.lists.is_empty()
            && let Ok(i) = self.lists.binary_search_by_key(&attr, |(a, _)| *a)
        {
            self.lists.remove(i);
        }
    }

    /// Replaces the key and value of the `i`th slot (in [`slots`](Self::slots) order).
    pub(crate) fn replace_at(&mut self, i: usize, key: u32, value: UserValue) {
        if let Some(attr) = self.slots.get(i).map(|s| s.attr) {
            self.set(attr as usize, key, value);
        }
    }

    /// Removes attribute `attr`.
    pub fn remove(&mut self, attr: usize) {
        if let Ok(i) = self.slots.binary_search_by_key(&saturate(attr), |s| s.attr) {
            let attr = self.slots.remove(i).attr;
            self.forget_list(attr);
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

    /// The value in `slot` (one of this user's [`slots`](Self::slots)).
    pub fn value<'a>(&'a self, slot: &'a Slot) -> ValueRef<'a> {
        if slot.text.is_empty()
            && let Ok(i) = self.lists.binary_search_by_key(&slot.attr, |(a, _)| *a)
        {
            return ValueRef::Many(&self.lists[i].1);
        }
        ValueRef::One(&slot.text)
    }

    /// The value of attribute `attr`, if the user has it.
    pub fn value_of(&self, attr: usize) -> Option<ValueRef<'_>> {
        self.slot(attr).map(|slot| self.value(slot))
    }

    /// The single value of the attribute named `name`, if any (the first, for a list).
    pub fn text<'a>(&'a self, names: &AttributeNames, name: &str) -> Option<&'a str> {
        match self.value_of(names.get(name)?)? {
            ValueRef::One(s) => Some(s),
            ValueRef::Many(values) => values.first().map(String::as_str),
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
        for (attr, _) in &mut self.lists {
            *attr = attrs[*attr as usize];
        }
        self.slots.sort_by_key(|s| s.attr);
        self.lists.sort_by_key(|(attr, _)| *attr);
    }

    /// Frees spare capacity worth freeing (after loading).
    pub(crate) fn shrink(&mut self) {
        if self.slots.capacity() > self.slots.len() + 4 {
            self.slots.shrink_to_fit();
        }
        self.lists.shrink_to_fit();
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Attributes for User {
    fn get(&self, index: usize) -> AttrValue<'_> {
        match self.value_of(index) {
            Some(ValueRef::One(s)) => AttrValue::One(s),
            Some(ValueRef::Many(values)) => AttrValue::Many(values),
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
    fn a_slot_is_two_numbers_and_a_pointer() {
        assert_eq!(std::mem::size_of::<Slot>(), 16);
    }

    #[test]
    fn lists_are_kept_with_the_user_and_follow_its_slots() {
        let many = |v: &[&str]| UserValue::Many(v.iter().map(|s| s.to_string()).collect());
        let mut user = User::new(0, 0);
        user.set(3, 0, many(&["SMTP:a@x", "smtp:b@x"]));
        user.set(1, 1, UserValue::One("".into()));
        user.set(2, 2, many(&[]));
        assert_eq!(
            user.get(3),
            AttrValue::Many(&["SMTP:a@x".to_owned(), "smtp:b@x".to_owned()])
        );
        // An empty single value is not mistaken for a list, nor an empty list for a value.
        assert_eq!(user.get(1), AttrValue::One(""));
        assert_eq!(user.get(2), AttrValue::Many(&[]));
        // A single value replaces a list, and a list a single value.
        user.set(3, 4, UserValue::One("one".into()));
        assert_eq!(user.get(3), AttrValue::One("one"));
        user.set(1, 5, many(&["x"]));
        assert_eq!(user.value_of(1), Some(ValueRef::Many(&["x".to_owned()])));
        user.replace_at(0, 6, UserValue::One("y".into()));
        assert_eq!(user.get(1), AttrValue::One("y"));
        // Renumbered with the slots, removed with them.
        user.set(0, 7, many(&["z"]));
        user.remap(&[2, 1, 0, 3], &[0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(user.get(2), AttrValue::Many(&["z".to_owned()]));
        assert_eq!(user.get(0), AttrValue::Many(&[]));
        user.remove(2);
        assert_eq!(user.get(2), AttrValue::Absent);
        // The same values set in another order make an equal user.
        let mut same = User::new(0, 0);
        same.set(3, 4, UserValue::One("one".into()));
        same.set(5, 8, many(&["w"]));
        same.set(1, 6, UserValue::One("y".into()));
        same.set(0, 2, many(&[]));
        user.set(5, 8, many(&["w"]));
        assert_eq!(user, same);
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
