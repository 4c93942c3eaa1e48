//! SCIM target attribute paths as Azure's attribute list writes them, and where each puts its
//! value in the request body: `userName`, `name.givenName`, `emails[type eq "work"].value`,
//! `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.

use crate::mapping::ENTERPRISE;

/// The longest attribute name accepted (SCIM sets none; Azure's attribute list has none near
/// it, and a longer one is pasted text, not a name).
pub const MAX_NAME: usize = 128;

/// True for a SCIM attribute name (RFC 7643 §2.1: a letter, then letters, digits, `-` and
/// `_`), at most [`MAX_NAME`] characters: Azure's attribute list holds only such names.
fn is_name(name: &str) -> bool {
    name.len() <= MAX_NAME
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// True for a schema URN's characters (letters, digits, `:`, `.`, `-`, `_`), within bounds.
fn is_urn(urn: &str) -> bool {
    urn.len() <= 4 * MAX_NAME
        && urn
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '-' | '_'))
}

/// A target path as a message shows it: cut after 60 characters.
pub fn shown_name(path: &str) -> String {
    match path.char_indices().nth(60) {
        Some((cut, _)) => format!("{}… ({} characters)", &path[..cut], path.chars().count()),
        None => path.to_owned(),
    }
}

/// Where a target attribute goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A top-level attribute (`userName`, `active`, `externalId`).
    Top(String),
    /// A sub-attribute of a complex one (`name.givenName`).
    Sub(String, String),
    /// A sub-attribute of the entry of a multi-valued attribute with a given type
    /// (`emails[type eq "work"].value`).
    Typed {
        /// `emails`.
        attr: String,
        /// `work`.
        kind: String,
        /// `value`.
        sub: String,
    },
    /// An attribute of an extension schema (the enterprise one, or a custom URN).
    Extension {
        /// The schema URN.
        urn: String,
        /// The attribute.
        attr: String,
    },
}

impl Target {
    /// Reads a target path; `None` for one Azure's attribute list could not have.
    pub fn parse(path: &str) -> Option<Target> {
        let path = path.trim();
        if path.starts_with("urn:") {
            let (urn, attr) = path.rsplit_once(':')?;
            if !is_name(attr) || !urn.contains(':') || !is_urn(urn) {
                return None;
            }
            return Some(Target::Extension {
                urn: urn.to_owned(),
                attr: attr.to_owned(),
            });
        }
        if let Some((attr, rest)) = path.split_once('[') {
            let (filter, sub) = rest.split_once("].")?;
            let kind = filter
                .trim()
                .strip_prefix("type eq ")?
                .trim()
                .strip_prefix('"')?
                .strip_suffix('"')?;
            if !is_name(attr) || !is_name(sub) || kind.is_empty() || kind.len() > MAX_NAME {
                return None;
            }
            return Some(Target::Typed {
                attr: attr.to_owned(),
                kind: kind.to_owned(),
                sub: sub.to_owned(),
            });
        }
        if let Some((attr, sub)) = path.split_once('.') {
            return (is_name(attr) && is_name(sub))
                .then(|| Target::Sub(attr.to_owned(), sub.to_owned()));
        }
        is_name(path).then(|| Target::Top(path.to_owned()))
    }

    /// True for the enterprise `manager`: a reference, sent in its own PATCH after create.
    pub fn is_manager(&self) -> bool {
        matches!(self, Target::Extension { urn, attr } if urn == ENTERPRISE && attr == "manager")
    }

    /// True for attributes whose SCIM type is Boolean (`active`): "True"/"False" become JSON
    /// booleans on create.
    pub fn is_boolean(&self) -> bool {
        matches!(self, Target::Top(name) if name == "active")
    }

    /// The enterprise attribute name, for enterprise targets.
    pub fn enterprise(&self) -> Option<&str> {
        match self {
            Target::Extension { urn, attr } if urn == ENTERPRISE => Some(attr),
            _ => None,
        }
    }

    /// A short name for messages: the enterprise attribute alone (`department`), else the path.
    pub fn short(&self) -> String {
        match self.enterprise() {
            Some(attr) => attr.to_owned(),
            None => self.path(),
        }
    }

    /// The path as a PATCH operation writes it.
    pub fn path(&self) -> String {
        match self {
            Target::Top(name) => name.clone(),
            Target::Sub(attr, sub) => format!("{attr}.{sub}"),
            Target::Typed { attr, kind, sub } => format!("{attr}[type eq \"{kind}\"].{sub}"),
            Target::Extension { urn, attr } => format!("{urn}:{attr}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_path_is_read_and_written_back() {
        for (path, target) in [
            ("userName", Target::Top("userName".into())),
            (
                "name.givenName",
                Target::Sub("name".into(), "givenName".into()),
            ),
            (
                r#"emails[type eq "work"].value"#,
                Target::Typed {
                    attr: "emails".into(),
                    kind: "work".into(),
                    sub: "value".into(),
                },
            ),
            (
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                Target::Extension {
                    urn: ENTERPRISE.into(),
                    attr: "department".into(),
                },
            ),
        ] {
            assert_eq!(Target::parse(path).as_ref(), Some(&target), "{path}");
            assert_eq!(target.path(), path);
        }
        assert!(
            Target::parse(&format!("{ENTERPRISE}:manager"))
                .unwrap()
                .is_manager()
        );
        assert!(Target::parse("active").unwrap().is_boolean());
        for bad in [
            "",
            "emails[type eq work].value",
            "a b",
            "urn:x",
            "emails[].value",
            "__proto__",
            "name..givenName",
            "name.given.Name",
            "emails[type eq \"work\"].va lue",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:__proto__",
        ] {
            assert_eq!(Target::parse(bad), None, "{bad}");
        }
        assert_eq!(Target::parse(&"a".repeat(100_000)), None);
        assert!(Target::parse(&"a".repeat(MAX_NAME)).is_some());
        assert!(Target::parse("extension_1a2b_costCenter-2").is_some());
        assert!(shown_name(&"a".repeat(100_000)).ends_with("(100000 characters)"));
    }
}
