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

use std::sync::Arc;

use chrono::DateTime;
use serde_json::{Map, Value};

use super::names::source_name;
use super::record::{Interner, Slot, User, UserValue};
use crate::expr::AttributeNames;

/// Something found while reading a user that the summary should report.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Keys that hold objects; a string there is a truncation.
const OBJECT_KEYS: &[&str] = &[
    "manager",
    "additionalproperties",
    "manager.additionalproperties",
    "employeeorgdata",
    "onpremisesextensionattributes",
];

/// Reads one user object. `file` and `position` are kept on the record.
pub fn user_from_json(
    object: &Map<String, Value>,
    file: usize,
    position: usize,
    names: &mut AttributeNames,
    interner: &mut Interner,
) -> (User, Vec<Finding>) {
    let mut reader = Reader {
        user: User::new(file, position),
        names,
        interner,
        findings: Vec::new(),
    };
    reader.walk("", object);
    reader.computed();
    (reader.user, reader.findings)
}

struct Reader<'a> {
    user: User,
    names: &'a mut AttributeNames,
    interner: &'a mut Interner,
    findings: Vec<Finding>,
}

impl Reader<'_> {
    fn set(&mut self, name: &str, value: UserValue, key: &str) {
        let index = self.names.intern(name);
        let key: Arc<str> = self.interner.intern(key);
        self.user.set(index, Slot { value, key });
    }

    fn set_text(&mut self, name: &str, text: &str, key: &str) {
        let value = UserValue::One(self.interner.intern(text));
        self.set(name, value, key);
    }

    fn walk(&mut self, prefix: &str, object: &Map<String, Value>) {
        for (key, value) in object {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                Value::Null => {}
                Value::Object(inner) => self.walk(&path, inner),
                Value::Array(items) => self.list(&path, items),
                Value::String(s) => {
                    if OBJECT_KEYS.contains(&path.to_ascii_lowercase().as_str()) {
                        if is_type_name(s) {
                            self.findings.push(Finding::Truncated { key: path });
                        }
                        continue;
                    }
                    if let Some(name) = source_name(&path) {
                        let text = powershell_date(s).unwrap_or_else(|| s.clone());
                        self.set_text(&name, &text, &path);
                    }
                }
                Value::Bool(b) => {
                    if let Some(name) = source_name(&path) {
                        self.set_text(&name, if *b { "True" } else { "False" }, &path);
                    }
                }
                Value::Number(n) => {
                    if let Some(name) = source_name(&path) {
                        self.set_text(&name, &n.to_string(), &path);
                    }
                }
            }
        }
    }

    fn list(&mut self, path: &str, items: &[Value]) {
        let texts: Vec<String> = items
            .iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_owned()),
                _ => None,
            })
            .collect();
        if let Some(name) = source_name(&format!("{path}[0]")) {
            if let Some(first) = texts.first() {
                self.set_text(&name, first, &format!("{path}[0]"));
            }
            return;
        }
        if let Some(name) = source_name(path)
            && MULTI_VALUED.contains(&name.as_str())
            && !texts.is_empty()
        {
            self.set(&name, UserValue::Many(texts), path);
        }
    }

    /// `IsSoftDeleted` and the guest `userPrincipalName`.
    fn computed(&mut self) {
        let enabled = self
            .user
            .text(self.names, "accountEnabled")
            .map(|s| s.eq_ignore_ascii_case("true"));
        let deleted = self.user.text(self.names, "deletedDateTime").is_some();
        match enabled {
            Some(enabled) => {
                let soft_deleted = if !enabled || deleted { "True" } else { "False" };
                self.set_text("IsSoftDeleted", soft_deleted, "accountEnabled");
            }
            None => {
                self.set_text(
                    "IsSoftDeleted",
                    "False",
                    "(assumed: accountEnabled is not in the export)",
                );
                self.findings.push(Finding::NoAccountEnabled);
            }
        }
        if let Some(upn) = self
            .user
            .text(self.names, "userPrincipalName")
            .map(str::to_owned)
            && let Some((local, _)) = upn.split_once("#EXT#")
        {
            let key = self
                .names
                .get("userPrincipalName")
                .and_then(|i| self.user.slot(i))
                .map_or_else(|| "userPrincipalName".to_owned(), |s| s.key.to_string());
            // alias_theirdomain#EXT#@tenant → alias@theirdomain (the last `_` was the `@`).
            let external = match local.rfind('_') {
                Some(at) => format!("{}@{}", &local[..at], &local[at + 1..]),
                None => local.to_owned(),
            };
            self.set_text("originalUserPrincipalName", &upn, &key);
            self.set_text("userPrincipalName", &external, &key);
        }
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
