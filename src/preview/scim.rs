//! The requests Azure sends, built from one user's evaluated mappings (provisioning-model.md §3):
//! the `POST /Users` body on create, the PATCH on a later update (in the default dialect or the
//! `aadOptscim062020` one), and the separate PATCH that sets the manager.

use serde_json::{Map, Value, json};

use super::Preview;
use super::manager::{Lookup, ManagerLink};
use super::redact::Redaction;
use super::target::Target;
use crate::mapping::{Apply, ENTERPRISE};

/// The SCIM core User schema URN.
pub const CORE: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The PATCH message schema URN.
pub const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

// The value Azure sends for a cell, and on create: one rule, in the values module.
pub use super::values::{cell_value, create_value};

fn typed(value: &str, target: &Target) -> Value {
    if target.is_boolean() {
        match value.to_ascii_lowercase().as_str() {
            "true" => return Value::Bool(true),
            "false" => return Value::Bool(false),
            _ => {}
        }
    }
    Value::String(value.to_owned())
}

/// The body of `POST /Users` for user `u`.
pub fn post_body(preview: &Preview, u: usize) -> Value {
    post_body_shown(preview, u, None)
}

/// Mapping `m`'s value as shown: as is, or redacted.
fn shown<'a>(redaction: Option<&Redaction>, m: usize, value: &'a str) -> std::borrow::Cow<'a, str> {
    match redaction {
        Some(redaction) => redaction.value(m, value),
        None => std::borrow::Cow::Borrowed(value),
    }
}

/// [`post_body`], with personal values redacted when `redaction` is given.
pub fn post_body_shown(preview: &Preview, u: usize, redaction: Option<&Redaction>) -> Value {
    let mut body = Map::new();
    let mut enterprise = false;
    for (m, target) in preview.targets.iter().enumerate() {
        let Some(target) = target else { continue };
        if target.is_manager() {
            continue; // sent later, in its own PATCH
        }
        let Some(value) = preview.create_value(u, m) else {
            continue;
        };
        let value = typed(&shown(redaction, m, value), target);
        match target {
            Target::Top(name) => {
                body.insert(name.clone(), value);
            }
            Target::Sub(attr, sub) => {
                object(&mut body, attr).insert(sub.clone(), value);
            }
            Target::Typed { attr, kind, sub } => {
                let entries = body
                    .entry(attr.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                let Value::Array(entries) = entries else {
                    continue;
                };
                let position = entries
                    .iter()
                    .position(|e| e.get("type").and_then(Value::as_str) == Some(kind));
                let entry = match position {
                    Some(i) => &mut entries[i],
                    None => {
                        let mut entry = Map::new();
                        entry.insert("type".into(), Value::String(kind.clone()));
                        if attr == "emails" && kind == "work" {
                            entry.insert("primary".into(), Value::Bool(true));
                        }
                        entries.push(Value::Object(entry));
                        entries.last_mut().expect("just pushed")
                    }
                };
                if let Value::Object(entry) = entry {
                    entry.insert(sub.clone(), value);
                }
            }
            Target::Extension { urn, attr } => {
                enterprise |= urn == ENTERPRISE;
                object(&mut body, urn).insert(attr.clone(), value);
            }
        }
    }
    let mut schemas = vec![Value::String(CORE.into())];
    if enterprise {
        schemas.push(Value::String(ENTERPRISE.into()));
    }
    body.insert("schemas".into(), Value::Array(schemas));
    body.insert("meta".into(), json!({"resourceType": "User"}));
    Value::Object(body)
}

fn object<'a>(body: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let entry = body
        .entry(key.to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    match entry {
        Value::Object(map) => map,
        _ => unreachable!("made an object above"),
    }
}

/// The PATCH Azure sends on a later update of user `u`, as if every mapped attribute changed
/// (offline there is no earlier state to compare with); for a disabled user, the disable.
pub fn patch_body(preview: &Preview, u: usize) -> Value {
    patch_body_shown(preview, u, None)
}

/// [`patch_body`], with personal values redacted when `redaction` is given.
pub fn patch_body_shown(preview: &Preview, u: usize, redaction: Option<&Redaction>) -> Value {
    serde_json::to_value(patch_shown(preview, u, redaction)).unwrap_or(Value::Null)
}

/// A PATCH request: its operations, written as the JSON [`patch_body`] gives without making a
/// [`Value`] of it first (an export writes one for every user).
#[derive(Debug, Clone, PartialEq)]
pub struct Patch {
    operations: Vec<PatchOp>,
}

/// One operation of a [`Patch`]; `path` is left out of the collapsed replace of the
/// `aadOptscim062020` dialect.
#[derive(Debug, Clone, PartialEq)]
struct PatchOp {
    op: &'static str,
    path: Option<String>,
    value: Value,
}

impl serde::Serialize for Patch {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("Operations", &self.operations)?;
        map.serialize_entry("schemas", &[PATCH_OP])?;
        map.end()
    }
}

impl serde::Serialize for PatchOp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2 + usize::from(self.path.is_some())))?;
        map.serialize_entry("op", self.op)?;
        if let Some(path) = &self.path {
            map.serialize_entry("path", path)?;
        }
        map.serialize_entry("value", &self.value)?;
        map.end()
    }
}

/// [`patch_body_shown`] as a [`Patch`].
pub fn patch_shown(preview: &Preview, u: usize, redaction: Option<&Redaction>) -> Patch {
    let flag = preview.options.aad_opt_scim_062020;
    let replace = if flag { "replace" } else { "Replace" };
    let user = &preview.users[u];
    let mut operations = Vec::new();
    if user.skipped == Some(super::SkipReason::Disabled) {
        let value = if flag { json!(false) } else { json!("False") };
        operations.push(PatchOp {
            op: replace,
            path: Some("active".into()),
            value,
        });
    } else {
        let mut collapsed = Map::new();
        for (m, target) in preview.targets.iter().enumerate() {
            let Some(target) = target else { continue };
            if target.is_manager() || preview.mappings[m].mapping.apply == Apply::OnCreate {
                continue;
            }
            let Some(value) = preview.update_value(u, m) else {
                continue;
            };
            let value = &*shown(redaction, m, value);
            let path = target.path();
            if flag {
                let value = typed(value, target);
                if matches!(target, Target::Typed { .. }) {
                    operations.push(PatchOp {
                        op: replace,
                        path: Some(path),
                        value,
                    });
                } else {
                    collapsed.insert(path, value);
                }
            } else {
                // The default dialect sends every value as a string ("True", not true).
                operations.push(PatchOp {
                    op: replace,
                    path: Some(path),
                    value: Value::String(value.to_owned()),
                });
            }
        }
        if !collapsed.is_empty() {
            operations.insert(
                0,
                PatchOp {
                    op: replace,
                    path: None,
                    value: Value::Object(collapsed),
                },
            );
        }
    }
    Patch { operations }
}

/// The PATCH that sets user `u`'s manager, sent once both exist in the SCIM app. The value is
/// the manager's id *in the SCIM app*, which only exists after Azure created the manager; the
/// preview names who it is.
pub fn manager_patch(preview: &Preview, u: usize) -> Option<Value> {
    manager_patch_shown(preview, u, None)
}

/// [`manager_patch`], with the manager's name and id redacted when `redaction` is given.
pub fn manager_patch_shown(
    preview: &Preview,
    u: usize,
    redaction: Option<&Redaction>,
) -> Option<Value> {
    manager_patch_with(preview, u, redaction, &Lookup::new(preview))
}

/// [`manager_patch_shown`], with the lookups made once for many users.
pub fn manager_patch_with(
    preview: &Preview,
    u: usize,
    redaction: Option<&Redaction>,
    lookup: &Lookup,
) -> Option<Value> {
    let id = |text: &str| match redaction {
        Some(redaction) => redaction.id(text),
        None => text.to_owned(),
    };
    let who = match lookup.link(preview, u)? {
        // A manager Azure does not provision is not referenced.
        ManagerLink::Skipped(_) => return None,
        ManagerLink::Created(i) => {
            let user_name = lookup
                .user_name
                .and_then(|n| Some(shown(redaction, n, preview.create_value(i, n)?)));
            let manager_id = lookup
                .manager
                .and_then(|m| preview.update_value(u, m))
                .unwrap_or_default();
            format!(
                "{{id in Secure Practice of {}}}",
                user_name.unwrap_or_else(|| id(manager_id).into())
            )
        }
        ManagerLink::NotLoaded(manager_id) => format!(
            "{{id in Secure Practice of {}, who is not in the loaded users}}",
            id(manager_id)
        ),
    };
    let op = if preview.options.aad_opt_scim_062020 {
        "add"
    } else {
        "Add"
    };
    Some(json!({
        "schemas": [PATCH_OP],
        "Operations": [{"op": op, "path": format!("{ENTERPRISE}:manager"), "value": who}]
    }))
}
