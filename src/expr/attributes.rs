//! Attribute names and values as the evaluator sees them.
//!
//! Names are resolved to indices once, when an expression is compiled ([`AttributeNames`]), so
//! evaluating 100 000 users looks values up by index, with no string hashing per node. A user
//! record implements [`Attributes`]; [`AttributeSet`] is a simple one for the command line and
//! tests.

use std::collections::HashMap;

/// Attribute names, each with a stable index. Names are case-sensitive, as in Azure.
#[derive(Debug, Clone, Default)]
pub struct AttributeNames {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl AttributeNames {
    /// An empty set of names.
    pub fn new() -> Self {
        Self::default()
    }

    /// The index of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len();
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), i);
        i
    }

    /// The index of `name`, if known.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// The name at `index`.
    pub fn name(&self, index: usize) -> Option<&str> {
        self.names.get(index).map(String::as_str)
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// All names, in index order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }
}

/// One attribute of one user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrValue<'a> {
    /// Not there (or JSON null): Azure's null.
    Absent,
    /// A single value.
    One(&'a str),
    /// A multi-valued attribute.
    Many(&'a [String]),
}

/// The attributes of one user, by index.
pub trait Attributes {
    /// The value of the attribute with this index.
    fn get(&self, index: usize) -> AttrValue<'_>;
}

/// A value stored in an [`AttributeSet`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Stored {
    /// Absent.
    #[default]
    Absent,
    /// Single-valued.
    One(String),
    /// Multi-valued.
    Many(Vec<String>),
}

/// A simple attribute set, indexed like an [`AttributeNames`].
#[derive(Debug, Clone, Default)]
pub struct AttributeSet {
    values: Vec<Stored>,
}

impl AttributeSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the attribute `name` (interned in `names`).
    pub fn set(&mut self, names: &mut AttributeNames, name: &str, value: Stored) {
        let index = names.intern(name);
        if self.values.len() <= index {
            self.values.resize(index + 1, Stored::Absent);
        }
        self.values[index] = value;
    }
}

impl Attributes for AttributeSet {
    fn get(&self, index: usize) -> AttrValue<'_> {
        match self.values.get(index) {
            Some(Stored::One(s)) => AttrValue::One(s),
            Some(Stored::Many(v)) => AttrValue::Many(v),
            Some(Stored::Absent) | None => AttrValue::Absent,
        }
    }
}
