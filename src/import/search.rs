//! Searching the loaded users as the admin types: every user's name, principal name, mail,
//! company and department, lower-cased once into one text, searched with a SIMD substring
//! finder. 400 000 users answer in milliseconds, so the window can search on every keystroke.

use memchr::memmem;

use super::record::ValueRef;
use super::set::UserSet;

/// The attributes the search looks in.
pub const SEARCHED: [&str; 6] = [
    "displayName",
    "userPrincipalName",
    "mail",
    "companyName",
    "employeeOrgData.division",
    "department",
];

/// The searchable text of every user.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Each user's fields in lower case, separated by U+0001; users separated by U+0000.
    text: String,
    /// Where each user's text starts in `text`.
    starts: Vec<usize>,
}

impl SearchIndex {
    /// Indexes the users of `set`.
    pub fn new(set: &UserSet) -> Self {
        let attrs: Vec<usize> = SEARCHED
            .iter()
            .filter_map(|name| set.names.get(name))
            .collect();
        let mut index = SearchIndex {
            text: String::new(),
            starts: Vec::with_capacity(set.users.len()),
        };
        for user in &set.users {
            index.starts.push(index.text.len());
            for &attr in &attrs {
                match user.value_of(attr) {
                    Some(ValueRef::One(text)) => push_lower(&mut index.text, text),
                    Some(ValueRef::Many(texts)) => {
                        for text in texts.iter() {
                            push_lower(&mut index.text, text);
                        }
                    }
                    None => {}
                }
            }
            index.text.push('\0');
        }
        index
    }

    /// The users (indices into the set) whose fields contain `query`, ignoring case; every user
    /// for an empty query.
    pub fn matches(&self, query: &str) -> Vec<usize> {
        let needle: String = query
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| *c != '\0' && *c != '\u{1}')
            .collect();
        if needle.is_empty() {
            return (0..self.starts.len()).collect();
        }
        let finder = memmem::Finder::new(needle.as_bytes());
        let mut found = Vec::new();
        for at in finder.find_iter(self.text.as_bytes()) {
            let user = self.starts.partition_point(|&start| start <= at) - 1;
            if found.last() != Some(&user) {
                found.push(user);
            }
        }
        found
    }
}

fn push_lower(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .flat_map(char::to_lowercase)
            .filter(|c| *c != '\0' && *c != '\u{1}'),
    );
    out.push('\u{1}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::record::{User, UserValue};

    fn set(users: &[(&str, &str)]) -> UserSet {
        let mut set = UserSet::default();
        let name = set.names.intern("displayName");
        let department = set.names.intern("department");
        for (i, (n, d)) in users.iter().enumerate() {
            let mut user = User::new(0, i);
            user.set(name, 0, UserValue::One((*n).into()));
            user.set(department, 0, UserValue::One((*d).into()));
            set.users.push(user);
        }
        set
    }

    #[test]
    fn finds_users_by_any_field_ignoring_case() {
        let set = set(&[
            ("Åse Øvergård", "Vindel > Sales > EMEA"),
            ("Jürgen Groß", "Sales"),
            ("田中 花子", "IT"),
        ]);
        let index = SearchIndex::new(&set);
        assert_eq!(index.matches(""), [0, 1, 2]);
        assert_eq!(index.matches("SALES"), [0, 1], "one entry per user");
        assert_eq!(index.matches("øver"), [0]);
        assert_eq!(index.matches("ÅSE"), [0]);
        assert_eq!(index.matches("花子"), [2]);
        assert_eq!(index.matches("  it "), [2]);
        assert!(index.matches("nobody").is_empty());
        // A match never runs from one field into the next.
        assert!(index.matches("grossales").is_empty());
        assert!(index.matches("groß\u{1}sales").is_empty());
    }
}
