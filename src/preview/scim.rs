//! The requests Azure sends, built from one user's evaluated mappings (provisioning-model.md §3):
//! the `POST /Users` body on create, the PATCH on a later update (in the default dialect or the
//! `aadOptscim062020` one), and the separate PATCH that sets the manager.
//!
//! Shapes follow Microsoft's own requests, field by field: the SCIM tutorial's Create User and
//! Update User examples (entra-docs `use-scim-to-provision-users-and-groups.md`), the
//! `aadOptscim062020` page (`application-provisioning-config-problem-scim-compatibility.md`) and
//! the SCIM reference code's user payload (AzureAD/SCIMReferenceCode
//! `Microsoft.SCIM.PlaywrightTests/json/user_enterprise.json`). Where they disagree, the choice
//! is a [`crate::expr::assumptions::RequestChoice`].

use serde_json::{Map, Value, json};

use super::Preview;
use super::manager::{Lookup, ManagerLink};
use super::redact::Redaction;
use super::target::Target;
use crate::expr::assumptions::RequestChoice;
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
                        if let Some(primary) = primary(attr, kind) {
                            entry.insert("primary".into(), Value::Bool(primary));
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
                object(&mut body, urn).insert(attr.clone(), value);
            }
        }
    }
    // Microsoft's Create User request lists both schemas though it sends no enterprise value
    // (RequestChoice::Schemas), and carries an empty roles list.
    let schemas = [CORE, ENTERPRISE].map(|s| Value::String(s.into()));
    body.insert("schemas".into(), Value::Array(schemas.into()));
    body.insert("meta".into(), json!({"resourceType": "User"}));
    body.entry("roles")
        .or_insert_with(|| Value::Array(Vec::new()));
    Value::Object(body)
}

/// Whether an entry of a multi-valued attribute carries `primary`, and its value: on e-mails,
/// phone numbers and addresses, `true` for the work entry and `false` for the others. The
/// tutorial's Create User request has the work e-mail `primary: true`; the reference code's user
/// payload has the work phone number `true` and the others `false`. Addresses are where
/// Microsoft's examples disagree ([`RequestChoice::AddressPrimary`]).
fn primary(attr: &str, kind: &str) -> Option<bool> {
    matches!(attr, "emails" | "phoneNumbers" | "addresses").then_some(kind == "work")
}

/// The choices behind user `u`'s POST and PATCH that Microsoft's examples leave open, for the
/// notes shown beside the requests.
pub fn request_choices(preview: &Preview, u: usize) -> Vec<RequestChoice> {
    let mut choices = Vec::new();
    let sent = |pick: &dyn Fn(&Target) -> bool| {
        preview
            .targets
            .iter()
            .enumerate()
            .any(|(m, t)| t.as_ref().is_some_and(pick) && preview.create_value(u, m).is_some())
    };
    if sent(&|t| matches!(t, Target::Typed { attr, .. } if attr == "addresses")) {
        choices.push(RequestChoice::AddressPrimary);
    }
    if !sent(&|t| {
        matches!(t, Target::Extension { urn, .. } if urn == ENTERPRISE) && !t.is_manager()
    }) {
        choices.push(RequestChoice::Schemas);
    }
    if preview.options.aad_opt_scim_062020 {
        choices.push(RequestChoice::CollapsedLast);
    }
    choices
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

/// What Azure does to one attribute on an update. Microsoft documents `Add` for an attribute
/// that was empty before and `Replace` for one that had a value (the `aadOptscim062020` page's
/// "add a single-value string attribute" and "replace multiple attributes" requests). An
/// attribute that becomes empty gets no operation at all: clearing target values is not
/// supported for outbound provisioning (entra-docs `clear-attribute-values.md`, "Preview scope
/// and limitations").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum UpdateOp {
    /// The attribute was empty before.
    Add,
    /// The attribute had another value.
    Replace,
}

impl UpdateOp {
    /// The `op` as each dialect writes it: `Add`/`Replace`, or lower case with the flag.
    pub fn word(self, aad_opt_scim_062020: bool) -> &'static str {
        match (self, aad_opt_scim_062020) {
            (UpdateOp::Add, false) => "Add",
            (UpdateOp::Add, true) => "add",
            (UpdateOp::Replace, false) => "Replace",
            (UpdateOp::Replace, true) => "replace",
        }
    }
}

impl Patch {
    /// The PATCH of `changes` (operation, target, value), in the dialect the flag says. The
    /// default dialect sends one operation per attribute with its path and every value as a
    /// string ("True", not true). With `aadOptscim062020`, values are typed, a typed
    /// multi-valued path (`emails[type eq "work"].value`) and every `add` keep their own
    /// operation, and the other replaced attributes go into one operation without a path whose
    /// value maps each path to its value, written after the others as in Microsoft's example
    /// ([`RequestChoice::CollapsedLast`]).
    pub fn of<'a>(
        aad_opt_scim_062020: bool,
        changes: impl IntoIterator<Item = (UpdateOp, &'a Target, &'a str)>,
    ) -> Patch {
        let flag = aad_opt_scim_062020;
        let mut operations = Vec::new();
        let mut collapsed = Map::new();
        for (op, target, value) in changes {
            let path = target.path();
            if !flag {
                operations.push(PatchOp {
                    op: op.word(false),
                    path: Some(path),
                    value: Value::String(value.to_owned()),
                });
                continue;
            }
            let value = typed(value, target);
            if op == UpdateOp::Replace && !matches!(target, Target::Typed { .. }) {
                collapsed.insert(path, value);
            } else {
                operations.push(PatchOp {
                    op: op.word(true),
                    path: Some(path),
                    value,
                });
            }
        }
        if !collapsed.is_empty() {
            operations.push(PatchOp {
                op: UpdateOp::Replace.word(true),
                path: None,
                value: Value::Object(collapsed),
            });
        }
        Patch { operations }
    }

    /// The PATCH that disables a user: `active` "False" (a string) in the default dialect,
    /// false with the flag, as the `aadOptscim062020` page shows both.
    pub fn disable(aad_opt_scim_062020: bool) -> Patch {
        let value = if aad_opt_scim_062020 {
            json!(false)
        } else {
            json!("False")
        };
        Patch {
            operations: vec![PatchOp {
                op: UpdateOp::Replace.word(aad_opt_scim_062020),
                path: Some("active".into()),
                value,
            }],
        }
    }

    /// True when it has no operation.
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }
}

/// [`patch_body_shown`] as a [`Patch`].
pub fn patch_shown(preview: &Preview, u: usize, redaction: Option<&Redaction>) -> Patch {
    let flag = preview.options.aad_opt_scim_062020;
    let user = &preview.users[u];
    if matches!(user.skipped.as_deref(), Some(super::SkipReason::Disabled)) {
        return Patch::disable(flag);
    }
    let values: Vec<(&Target, std::borrow::Cow<'_, str>)> = preview
        .targets
        .iter()
        .enumerate()
        .filter_map(|(m, target)| {
            let target = target.as_ref()?;
            if target.is_manager() || preview.mappings[m].mapping.apply == Apply::OnCreate {
                return None;
            }
            let value = preview.update_value(u, m)?;
            Some((target, shown(redaction, m, value)))
        })
        .collect();
    Patch::of(
        flag,
        values
            .iter()
            .map(|(target, value)| (UpdateOp::Replace, *target, &**value)),
    )
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
    manager_patch_as(preview, u, redaction, lookup, UpdateOp::Add)
}

/// The manager PATCH with operation `op`: `Add` when the user had no manager in Secure Practice
/// (Microsoft's manager requests), `Replace` when the next cycle changes one.
pub fn manager_patch_as(
    preview: &Preview,
    u: usize,
    redaction: Option<&Redaction>,
    lookup: &Lookup,
    op: UpdateOp,
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
    let op = op.word(preview.options.aad_opt_scim_062020);
    Some(json!({
        "schemas": [PATCH_OP],
        "Operations": [{"op": op, "path": format!("{ENTERPRISE}:manager"), "value": who}]
    }))
}
