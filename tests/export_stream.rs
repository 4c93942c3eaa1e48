//! The streamed exports are byte for byte what the earlier exports wrote, which built the whole
//! document first (kept here as the reference): the JSON as `--format json` prints it and as the
//! window saves it, redacted or not, the CSV and the tree; on the fixture users and on generated
//! users with managers, skipped users and problems. And a watched export stops when asked and
//! counts the users it wrote.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use scim_preflight::import::sample::{self, SampleShape};
use scim_preflight::import::{Input, Progress, UserSet};
use scim_preflight::mapping::{MappingSet, presets};
use scim_preflight::preview::export::{self, JsonStyle, Watch, WriteError, user_id};
use scim_preflight::preview::redact::Redaction;
use scim_preflight::preview::{self, Options, Preview, SkipReason, hierarchy, scim};
use serde_json::{Value, json};

/// The JSON document as it was built before streaming.
fn reference_json(set: &UserSet, preview: &Preview, redacted: bool) -> Value {
    let redaction = redacted.then(|| Redaction::new(preview));
    let redaction = redaction.as_ref();
    let shown_id = |id: &str| match redaction {
        Some(r) => r.id(id),
        None => id.to_owned(),
    };
    let users: Vec<Value> = (0..preview.users.len())
        .map(|u| {
            let user = &preview.users[u];
            let errors: Vec<String> = preview
                .columns
                .iter()
                .zip(&preview.mappings)
                .enumerate()
                .filter_map(|(m, (column, c))| {
                    let error = column.cell(u).error()?;
                    Some(match redaction {
                        Some(r) if r.is_personal(m) => format!(
                            "{}: the expression fails for this user (the message is left out: \
                             it may quote personal values)",
                            c.mapping.target
                        ),
                        _ => format!("{}: {}", c.mapping.target, error.message),
                    })
                })
                .collect();
            json!({
                "id": shown_id(&user_id(set, u)),
                "userPrincipalName": set.users[u]
                    .text(&set.names, "userPrincipalName")
                    .map(shown_id),
                "skipped": user.skipped.as_ref().map(|r| json!({
                    "reason": r.kind(),
                    "detail": r.message_shown(redacted),
                })),
                "scim": if user.skipped.is_none() {
                    scim::post_body_shown(preview, u, redaction)
                } else {
                    Value::Null
                },
                "patch": scim::patch_body_shown(preview, u, redaction),
                "managerPatch": scim::manager_patch_shown(preview, u, redaction),
                "errors": errors,
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
                "users": d.users.iter().map(|&u| shown_id(&user_id(set, u))).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mappings: Vec<Value> = preview
        .mappings
        .iter()
        .filter_map(|c| match &c.source {
            scim_preflight::mapping::compiled::Source::Expression(e) if !e.notes().is_empty() => {
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
    let summary = preview.scope_summary();
    let skipped: serde_json::Map<String, Value> = summary
        .skipped
        .iter()
        .map(|(kind, n)| ((*kind).to_owned(), json!(n)))
        .collect();
    json!({
        "users": users,
        "scope": {
            "assumesAllAssigned": summary.assumes_all_assigned,
            "inScope": summary.in_scope,
            "skipped": skipped,
        },
        "mappings": mappings,
        "hierarchy": match redaction {
            Some(r) => r.hierarchy(preview).iter().map(node).collect::<Vec<_>>(),
            None => preview.hierarchy.iter().map(node).collect::<Vec<_>>(),
        },
        "diagnostics": diagnostics,
    })
}

/// The CSV as it was built before streaming.
fn reference_csv(
    set: &UserSet,
    mappings: &MappingSet,
    preview: &Preview,
    redacted: bool,
) -> String {
    let redaction = redacted.then(|| Redaction::new(preview));
    let redaction = redaction.as_ref();
    let shown_id = |id: &str| match redaction {
        Some(r) => r.id(id),
        None => id.to_owned(),
    };
    let safe = |cell: &String| scim_preflight::csv_cell::safe(cell).into_owned();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "id".to_owned(),
        "userPrincipalName".into(),
        "skipped".into(),
    ];
    header.extend(mappings.mappings.iter().map(|m| m.target.clone()));
    out.write_record(header.iter().map(safe)).unwrap();
    for (u, user) in preview.users.iter().enumerate() {
        let mut row = vec![
            shown_id(&user_id(set, u)),
            set.users[u]
                .text(&set.names, "userPrincipalName")
                .map(shown_id)
                .unwrap_or_default(),
            user.skipped
                .as_ref()
                .map(|r| r.message_shown(redacted))
                .unwrap_or_default(),
        ];
        row.extend((0..preview.mappings.len()).map(|m| {
            let value = preview.create_value(u, m).unwrap_or_default();
            match redaction {
                Some(r) => r.value(m, value).into_owned(),
                None => value.to_owned(),
            }
        }));
        out.write_record(row.iter().map(safe)).unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

/// The tree as it was built before streaming.
fn reference_tree(set: &UserSet, preview: &Preview, redacted: bool) -> String {
    let redaction = redacted.then(|| Redaction::new(preview));
    let name = |u: usize| {
        let name = set.users[u]
            .text(&set.names, "userPrincipalName")
            .map_or_else(|| user_id(set, u), str::to_owned);
        match &redaction {
            Some(r) => r.id(&name),
            None => name,
        }
    };
    let summary = preview.scope_summary();
    let mut out = format!(
        "{} of {} users would be created.\n",
        summary.in_scope,
        preview.users.len()
    );
    for (kind, n) in &summary.skipped {
        out.push_str(&format!(
            "- skipped, {}: {n}\n",
            SkipReason::kind_label(kind)
        ));
    }
    if summary.assumes_all_assigned {
        out.push_str(scim_preflight::preview::scoping::ASSUMES_ASSIGNED);
        out.push_str(
            " Give the app's assignments and its groups' member lists with --assignments to \
             see who Azure really provisions.\n",
        );
    }
    out.push_str("The tree counts only the users Azure would create.\n\n");
    if preview.hierarchy.is_empty() {
        out.push_str(
            "No organization, division or department is mapped, so there is no hierarchy.\n",
        );
    } else {
        match &redaction {
            Some(r) => out.push_str(&hierarchy::to_text(&r.hierarchy(preview))),
            None => out.push_str(&hierarchy::to_text(&preview.hierarchy)),
        }
    }
    let mut skipped = String::new();
    for (u, reason) in preview.skipped() {
        if skipped.is_empty() {
            skipped.push_str("\nSkipped (Azure would not create these users):\n");
        }
        skipped.push_str(&format!(
            "- {}: {}\n",
            name(u),
            reason.message_shown(redacted)
        ));
    }
    out.push_str(&skipped);
    if !preview.diagnostics.is_empty() {
        out.push_str("\nProblems found:\n");
        for d in &preview.diagnostics {
            out.push_str(&format!("- {}", d.message_shown(redacted)));
            if !d.users.is_empty() {
                let shown: Vec<String> = d.users.iter().take(5).map(|&u| name(u)).collect();
                let more = d.users.len().saturating_sub(shown.len());
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

fn fixture() -> UserSet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/preview/users.json");
    let (set, errors) = UserSet::load(&[Input::Path(path)], &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    set
}

fn generated(users: usize) -> UserSet {
    let mut bytes = Vec::new();
    sample::write(&mut bytes, SampleShape::Graph, users, 7).unwrap();
    let input = Input::Bytes {
        name: "sample".into(),
        bytes: bytes.into(),
    };
    let (set, errors) = UserSet::load(&[input], &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    set
}

fn json(set: &UserSet, preview: &Preview, pretty: bool, redacted: bool) -> String {
    let mut out = Vec::new();
    let style = JsonStyle { pretty, redacted };
    export::write_json(&mut out, set, preview, style, Watch::default()).unwrap();
    String::from_utf8(out).unwrap()
}

fn csv_text(set: &UserSet, mappings: &MappingSet, preview: &Preview, redacted: bool) -> String {
    let mut out = Vec::new();
    export::write_csv(&mut out, set, mappings, preview, redacted, Watch::default()).unwrap();
    String::from_utf8(out).unwrap()
}

fn same_bytes_as_before(set: UserSet) {
    let set = Arc::new(set);
    let cases = [
        (presets::azure_defaults(), Options::default()),
        (presets::secure_practice(), Options::default()),
        (
            presets::secure_practice(),
            Options {
                aad_opt_scim_062020: true,
            },
        ),
    ];
    for (mappings, options) in cases {
        let preview = preview::run(set.clone(), &mappings, options);
        for redacted in [false, true] {
            let reference = reference_json(&set, &preview, redacted);
            // `--format json`: one line and a line feed.
            assert!(
                json(&set, &preview, false, redacted) == format!("{reference}\n"),
                "compact JSON differs (redacted: {redacted})"
            );
            // The window's Save: indented.
            let pretty = serde_json::to_string_pretty(&reference).unwrap();
            assert!(
                json(&set, &preview, true, redacted) == pretty,
                "indented JSON differs (redacted: {redacted})"
            );
            assert_eq!(export::json_text(&set, &preview, redacted), pretty);
            assert_eq!(
                csv_text(&set, &mappings, &preview, redacted),
                reference_csv(&set, &mappings, &preview, redacted)
            );
            assert_eq!(
                export::tree_shown(&set, &preview, redacted),
                reference_tree(&set, &preview, redacted)
            );
        }
        assert_eq!(
            export::to_json(&set, &preview),
            reference_json(&set, &preview, false)
        );
    }
}

#[test]
fn the_fixture_exports_are_the_bytes_of_before() {
    same_bytes_as_before(fixture());
}

#[test]
fn generated_exports_are_the_bytes_of_before() {
    let set = generated(400);
    assert!(set.users.len() == 400);
    same_bytes_as_before(set);
}

#[test]
fn a_watched_export_counts_its_users_and_stops_when_asked() {
    let set = Arc::new(generated(300));
    let mappings = presets::secure_practice();
    let preview = preview::run(set.clone(), &mappings, Options::default());
    let (written, cancel) = (AtomicUsize::new(0), AtomicBool::new(false));
    let watch = Watch {
        written: Some(&written),
        cancel: Some(&cancel),
    };
    let style = JsonStyle {
        pretty: true,
        redacted: false,
    };
    let mut out = Vec::new();
    export::write_json(&mut out, &set, &preview, style, watch).unwrap();
    assert_eq!(written.load(Ordering::Relaxed), 300);
    written.store(0, Ordering::Relaxed);
    export::write_csv(&mut Vec::new(), &set, &mappings, &preview, false, watch).unwrap();
    assert_eq!(written.load(Ordering::Relaxed), 300);

    cancel.store(true, Ordering::Relaxed);
    let mut out = Vec::new();
    let stopped = export::write_json(&mut out, &set, &preview, style, watch);
    assert!(matches!(stopped, Err(WriteError::Cancelled)), "{stopped:?}");
    assert_eq!(
        written.load(Ordering::Relaxed),
        1,
        "stops after the first user"
    );
    let stopped = export::write_csv(&mut Vec::new(), &set, &mappings, &preview, false, watch);
    assert!(matches!(stopped, Err(WriteError::Cancelled)), "{stopped:?}");
}

/// A writer that takes `room` bytes and then fails as a full disk does.
struct FullDisk {
    room: usize,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_full_disk_is_reported_as_such() {
    let set = Arc::new(generated(50));
    let mappings = presets::secure_practice();
    let preview = preview::run(set.clone(), &mappings, Options::default());
    let style = JsonStyle {
        pretty: false,
        redacted: false,
    };
    let full = export::write_json(
        &mut FullDisk { room: 5000 },
        &set,
        &preview,
        style,
        Watch::default(),
    );
    assert!(
        matches!(&full, Err(WriteError::Io(e)) if e.kind() == std::io::ErrorKind::StorageFull),
        "{full:?}"
    );
    let full = export::write_csv(
        &mut FullDisk { room: 5000 },
        &set,
        &mappings,
        &preview,
        false,
        Watch::default(),
    );
    assert!(
        matches!(&full, Err(WriteError::Io(e)) if e.kind() == std::io::ErrorKind::StorageFull),
        "{full:?}"
    );
    let full = export::write_tree(&mut FullDisk { room: 10 }, &set, &preview, false);
    assert!(matches!(&full, Err(e) if e.kind() == std::io::ErrorKind::StorageFull));
}
