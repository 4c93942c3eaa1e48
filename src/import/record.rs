//! One user, as every export shape becomes it: values keyed by provisioning source attribute
//! (by index into a shared [`AttributeNames`]), each remembering the key it came from, with
//! repeated texts (department and company names…) stored once.

use std::collections::HashSet;
use std::sync::Arc;

use crate::expr::{AttrValue, AttributeNames, Attributes};

/// A value of one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserValue {
    /// A single value (shared with every other user who has the same text).
    One(Arc<str>),
    /// A multi-valued attribute (`proxyAddresses`, `otherMails`).
    Many(Vec<String>),
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The value.
    pub value: UserValue,
    /// The key path in the file it was read from, e.g. `onPremisesExtensionAttributes.extensionAttribute1`.
    pub key: Arc<str>,
}

/// One user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct User {
    slots: Vec<Option<Slot>>,
    /// Which loaded file (0-based).
    pub file: usize,
    /// Which user of that file (0-based, in file order).
    pub position: usize,
}

impl User {
    /// A user with no attributes yet, from user `position` of file `file`.
    pub fn new(file: usize, position: usize) -> Self {
        Self {
            slots: Vec::new(),
            file,
            position,
        }
    }

    /// Sets attribute `index`.
    pub fn set(&mut self, index: usize, slot: Slot) {
        if self.slots.len() <= index {
            self.slots.resize(index + 1, None);
        }
        self.slots[index] = Some(slot);
    }

    /// The slot of attribute `index`, if the user has it.
    pub fn slot(&self, index: usize) -> Option<&Slot> {
        self.slots.get(index).and_then(Option::as_ref)
    }

    /// The single value of the attribute named `name`, if any.
    pub fn text<'a>(&'a self, names: &AttributeNames, name: &str) -> Option<&'a str> {
        match &self.slot(names.get(name)?)?.value {
            UserValue::One(s) => Some(s),
            UserValue::Many(values) => values.first().map(String::as_str),
        }
    }

    /// Every attribute the user has, as (index, slot).
    pub fn slots(&self) -> impl Iterator<Item = (usize, &Slot)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, slot)| slot.as_ref().map(|s| (i, s)))
    }
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
    texts: HashSet<Arc<str>>,
}

impl Interner {
    /// The shared copy of `text`.
    pub fn intern(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.texts.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
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
