//! The preview as text, JSON and CSV, optionally redacted: what `scim-preflight preview` prints
//! and what the window's export buttons save. The JSON object is a stable contract (see the
//! README): other tools read it.

use serde_json::{Value, json};

use super::redact::Redaction;
use super::{Preview, SkipReason, hierarchy, scim};
use crate::import::UserSet;
use crate::mapping::MappingSet;

/// The JSON object, redacted when `redacted`.
pub fn json_text(set: &UserSet, preview: &Preview, redacted: bool) -> String {
    let json = to_json_shown(set, preview, redacted);
    serde_json::to_string_pretty(&json).unwrap_or_default()
}

/// A user's id for output: the objectId, or the userPrincipalName, or the position.
pub fn user_id(set: &UserSet, u: usize) -> String {
    let user = &set.users[u];
    user.text(&set.names, "objectId")
        .or_else(|| user.text(&set.names, "userPrincipalName"))
        .map_or_else(|| format!("#{}", u + 1), str::to_owned)
}

/// How a user is named in a list of users: the principal name, else the id; hashed when
/// `redaction` is given.
fn user_name(set: &UserSet, u: usize, redaction: Option<&Redaction>) -> String {
    let name = set.users[u]
        .text(&set.names, "userPrincipalName")
        .map_or_else(|| user_id(set, u), str::to_owned);
    shown_id(&name, redaction)
}

/// An id as shown: hashed when `redaction` is given.
fn shown_id(id: &str, redaction: Option<&Redaction>) -> String {
    match redaction {
        Some(redaction) => redaction.id(id),
        None => id.to_owned(),
    }
}

/// The tree and the diagnostics as text.
pub fn tree(set: &UserSet, preview: &Preview) -> String {
    tree_shown(set, preview, false)
}

/// The tree and the diagnostics as text, redacted when `redacted`.
pub fn tree_shown(set: &UserSet, preview: &Preview, redacted: bool) -> String {
    let redaction = redacted.then(|| Redaction::new(preview));
    let created = preview.users.iter().filter(|u| u.skipped.is_none()).count();
    let mut out = format!(
        "{created} of {} users would be created.\n\n",
        preview.users.len()
    );
    if preview.hierarchy.is_empty() {
        out.push_str(
            "No organization, division or department is mapped, so there is no hierarchy.\n",
        );
    } else {
        match &redaction {
            Some(redaction) => out.push_str(&hierarchy::to_text(&redaction.hierarchy(preview))),
            None => out.push_str(&hierarchy::to_text(&preview.hierarchy)),
        }
    }
    out.push_str(&skipped_text(set, preview, redaction.as_ref()));
    if !preview.diagnostics.is_empty() {
        out.push_str("\nProblems found:\n");
        for diagnostic in &preview.diagnostics {
            out.push_str(&format!("- {}", diagnostic.message_shown(redacted)));
            if !diagnostic.users.is_empty() {
                let shown: Vec<String> = diagnostic
                    .users
                    .iter()
                    .take(5)
                    .map(|&u| user_name(set, u, redaction.as_ref()))
                    .collect();
                let more = diagnostic.users.len().saturating_sub(shown.len());
                out.push_str(&format!(
                    " [{}{}]",
                    shown.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ));
            }
            out.push('\n');
        }
    }
    out
}

/// The tree's "Skipped" section: every user Azure would not create, by principal name (else
/// id), with the reason; empty when Azure creates everyone.
fn skipped_text(set: &UserSet, preview: &Preview, redaction: Option<&Redaction>) -> String {
    let mut out = String::new();
    for (u, reason) in preview.skipped() {
        if out.is_empty() {
            out.push_str("\nSkipped (Azure would not create these users):\n");
        }
        out.push_str(&format!("- {}: {reason}\n", user_name(set, u, redaction)));
    }
    out
}

/// The whole preview as the stable JSON object of `--format json`.
pub fn to_json(set: &UserSet, preview: &Preview) -> Value {
    to_json_shown(set, preview, false)
}

/// [`to_json`], with every personal value, id and unit of a personal level hashed when
/// `redacted` (see [`super::redact`]).
pub fn to_json_shown(set: &UserSet, preview: &Preview, redacted: bool) -> Value {
    let redaction = redacted.then(|| Redaction::new(preview));
    let redaction = redaction.as_ref();
    let users: Vec<Value> = (0..preview.users.len())
        .map(|u| {
            let user = &preview.users[u];
            let created = user.skipped.is_none();
            json!({
                "id": shown_id(&user_id(set, u), redaction),
                "userPrincipalName": set.users[u]
                    .text(&set.names, "userPrincipalName")
                    .map(|name| shown_id(name, redaction)),
                "skipped": user.skipped.as_ref().map(SkipReason::message),
                "scim": if created {
                    scim::post_body_shown(preview, u, redaction)
                } else {
                    Value::Null
                },
                "patch": scim::patch_body_shown(preview, u, redaction),
                "managerPatch": scim::manager_patch_shown(preview, u, redaction),
                "errors": errors_shown(preview, u, redaction),
                "notes": preview
                    .notes(u)
                    .into_iter()
                    .map(|(target, kind, message)| {
                        json!({"target": target, "kind": kind.label(), "message": message})
                    })
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    fn node(n: &hierarchy::Node) -> Value {
        json!({
            "name": n.name,
            "level": n.level,
            "users": n.users,
            "children": n.children.iter().map(node).collect::<Vec<_>>(),
        })
    }
    let diagnostics: Vec<Value> = preview
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "kind": d.kind,
                "message": d.message_shown(redacted),
                "users": d
                    .users
                    .iter()
                    .map(|&u| shown_id(&user_id(set, u), redaction))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    let mappings: Vec<Value> = preview
        .mappings
        .iter()
        .filter_map(|c| match &c.source {
            crate::mapping::compiled::Source::Expression(e) if !e.notes().is_empty() => {
                Some(json!({
                    "target": c.mapping.target,
                    "notes": e
                        .notes()
                        .iter()
                        .map(|n| json!({"kind": n.kind.label(), "message": n.message}))
                        .collect::<Vec<_>>(),
                }))
            }
            _ => None,
        })
        .collect();
    json!({
        "users": users,
        "mappings": mappings,
        "hierarchy": match redaction {
            Some(redaction) => redaction.hierarchy(preview).iter().map(node).collect::<Vec<_>>(),
            None => preview.hierarchy.iter().map(node).collect::<Vec<_>>(),
        },
        "diagnostics": diagnostics,
    })
}

/// Mappings that failed for user `u`, as "target: message"; with `redaction`, the message of
/// a personal mapping is left out (an evaluation error may quote the values it worked on).
fn errors_shown(preview: &Preview, u: usize, redaction: Option<&Redaction>) -> Vec<String> {
    preview
        .columns
        .iter()
        .zip(&preview.mappings)
        .enumerate()
        .filter_map(|(m, (column, c))| {
            let error = column.cells[u].error()?;
            Some(match redaction {
                Some(redaction) if redaction.is_personal(m) => format!(
                    "{}: the expression fails for this user (the message is left out: it may \
                     quote personal values)",
                    c.mapping.target
                ),
                _ => format!("{}: {}", c.mapping.target, error.message),
            })
        })
        .collect()
}

/// One row per user, personal values and ids hashed when `redacted`. Every cell a spreadsheet
/// would read as a formula is neutralized ([`crate::csv_cell`]).
pub fn to_csv(set: &UserSet, mappings: &MappingSet, preview: &Preview, redacted: bool) -> String {
    let redaction = redacted.then(|| Redaction::new(preview));
    let redaction = redaction.as_ref();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "id".to_owned(),
        "userPrincipalName".into(),
        "skipped".into(),
    ];
    header.extend(mappings.mappings.iter().map(|m| m.target.clone()));
    let _ = out.write_record(
        header
            .iter()
            .map(|cell| crate::csv_cell::safe(cell).into_owned()),
    );
    for (u, user) in preview.users.iter().enumerate() {
        let mut row = vec![
            shown_id(&user_id(set, u), redaction),
            set.users[u]
                .text(&set.names, "userPrincipalName")
                .map(|name| shown_id(name, redaction))
                .unwrap_or_default(),
            user.skipped
                .as_ref()
                .map(SkipReason::message)
                .unwrap_or_default(),
        ];
        row.extend((0..preview.mappings.len()).map(|m| {
            let value = preview.create_value(u, m).unwrap_or_default();
            match redaction {
                Some(redaction) => redaction.value(m, value).into_owned(),
                None => value.to_owned(),
            }
        }));
        let _ = out.write_record(
            row.iter()
                .map(|cell| crate::csv_cell::safe(cell).into_owned()),
        );
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
