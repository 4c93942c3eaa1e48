//! The preview as text, JSON and CSV, optionally redacted: what `scim-preflight preview` prints
//! and what the window's export buttons save. The JSON object is a stable contract (see the
//! README): other tools read it.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::{Preview, hierarchy, redact, scim};
use crate::import::UserSet;
use crate::mapping::MappingSet;

/// The tree, redacted with every user's personal values.
pub fn redacted_tree(set: &UserSet, preview: &Preview) -> String {
    let mut all: Vec<String> = personal(set).into_iter().flatten().collect();
    all.sort_by_key(|v| std::cmp::Reverse(v.len()));
    all.dedup();
    redact::redact_text(&tree(set, preview), &all, &mut HashMap::new())
}

/// The JSON object, redacted when `redacted`.
pub fn json_text(set: &UserSet, preview: &Preview, redacted: bool) -> String {
    let mut json = to_json(set, preview);
    if redacted {
        redact_preview(&mut json, &personal(set));
    }
    serde_json::to_string_pretty(&json).unwrap_or_default()
}

/// A user's id for output: the objectId, or the userPrincipalName, or the position.
pub fn user_id(set: &UserSet, u: usize) -> String {
    let user = &set.users[u];
    user.text(&set.names, "objectId")
        .or_else(|| user.text(&set.names, "userPrincipalName"))
        .map_or_else(|| format!("#{}", u + 1), str::to_owned)
}

/// The tree and the diagnostics as text.
pub fn tree(set: &UserSet, preview: &Preview) -> String {
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
        out.push_str(&hierarchy::to_text(&preview.hierarchy));
    }
    if !preview.diagnostics.is_empty() {
        out.push_str("\nProblems found:\n");
        for diagnostic in &preview.diagnostics {
            out.push_str(&format!("- {}", diagnostic.message));
            if !diagnostic.users.is_empty() {
                let shown: Vec<String> = diagnostic
                    .users
                    .iter()
                    .take(5)
                    .map(|&u| {
                        set.users[u]
                            .text(&set.names, "userPrincipalName")
                            .map_or_else(|| user_id(set, u), str::to_owned)
                    })
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

/// The whole preview as the stable JSON object of `--format json`.
pub fn to_json(set: &UserSet, preview: &Preview) -> Value {
    let users: Vec<Value> = (0..preview.users.len())
        .map(|u| {
            let user = &preview.users[u];
            let created = user.skipped.is_none();
            json!({
                "id": user_id(set, u),
                "userPrincipalName": set.users[u].text(&set.names, "userPrincipalName"),
                "skipped": user.skipped,
                "scim": if created { scim::post_body(preview, u) } else { Value::Null },
                "patch": scim::patch_body(preview, u),
                "managerPatch": scim::manager_patch(preview, u),
                "errors": preview.errors(u),
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
                "message": d.message,
                "users": d.users.iter().map(|&u| user_id(set, u)).collect::<Vec<_>>(),
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
        "hierarchy": preview.hierarchy.iter().map(node).collect::<Vec<_>>(),
        "diagnostics": diagnostics,
    })
}

/// Each user's personal values and their manager's (the manager request names the manager).
pub fn personal(set: &UserSet) -> Vec<Vec<String>> {
    let object_id = set.names.get("objectId");
    let manager = set.names.get("manager");
    let by_id: HashMap<String, usize> = set
        .users
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((u.slot(object_id?)?.value.display(), i)))
        .collect();
    (0..set.users.len())
        .map(|u| {
            let mut values = redact::personal_values(set, u);
            if let Some(boss) = manager
                .and_then(|m| set.users[u].slot(m))
                .and_then(|s| by_id.get(&s.value.display()))
            {
                values.extend(redact::personal_values(set, *boss));
                values.sort_by_key(|v| std::cmp::Reverse(v.len()));
                values.dedup();
            }
            values
        })
        .collect()
}

/// Redacts the `--format json` object: each user's entry with their values, each diagnostic
/// with the values of the users it names.
pub fn redact_preview(json: &mut Value, values: &[Vec<String>]) {
    let mut cache = HashMap::new();
    if let Some(users) = json["users"].as_array_mut() {
        for (entry, values) in users.iter_mut().zip(values) {
            redact::redact_json(entry, values, &mut cache);
        }
    }
    let all: Vec<String> = {
        let mut all: Vec<String> = values.iter().flatten().cloned().collect();
        all.sort_by_key(|v| std::cmp::Reverse(v.len()));
        all.dedup();
        all
    };
    if let Some(diagnostics) = json["diagnostics"].as_array_mut() {
        for diagnostic in diagnostics {
            redact::redact_json(diagnostic, &all, &mut cache);
        }
    }
}

/// One row per user (redacted with each user's values, when given).
pub fn to_csv(
    set: &UserSet,
    mappings: &MappingSet,
    preview: &Preview,
    redaction: Option<&[Vec<String>]>,
) -> String {
    let mut cache = HashMap::new();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "id".to_owned(),
        "userPrincipalName".into(),
        "skipped".into(),
    ];
    header.extend(mappings.mappings.iter().map(|m| m.target.clone()));
    let _ = out.write_record(&header);
    for (u, user) in preview.users.iter().enumerate() {
        let mut row = vec![
            user_id(set, u),
            set.users[u]
                .text(&set.names, "userPrincipalName")
                .unwrap_or("")
                .to_owned(),
            user.skipped.clone().unwrap_or_default(),
        ];
        row.extend(
            (0..preview.mappings.len())
                .map(|m| preview.create_value(u, m).unwrap_or_default().to_owned()),
        );
        if let Some(values) = redaction.and_then(|r| r.get(u)) {
            row = row
                .iter()
                .map(|cell| redact::redact_text(cell, values, &mut cache))
                .collect();
        }
        let _ = out.write_record(&row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
