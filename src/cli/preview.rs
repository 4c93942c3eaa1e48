//! `scim-preflight preview USERS...`: what Azure would send for every user, the organization
//! hierarchy the SCIM app would build, and every problem found — as a tree, JSON or CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use super::EXIT_BAD_INPUT;
use crate::import::UserSet;
use crate::mapping::{MappingSet, file, presets, schema};
use std::collections::HashMap;

use crate::preview::{self, Options, Preview, hierarchy, redact, scim};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The hierarchy indented with counts, then the problems found.
    Tree,
    /// One JSON object: users (with their SCIM requests), hierarchy, diagnostics.
    Json,
    /// One row per user: id, userPrincipalName, skipped, and the value of every target.
    Csv,
}

/// Presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    /// Azure's defaults for a non-gallery SCIM app.
    Defaults,
    /// The defaults plus companyName → organization and employeeOrgData → division, costCenter.
    Securepractice,
}

/// Options of `scim-preflight preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The exported users (any shape `import` reads).
    #[arg(required = true)]
    pub users: Vec<PathBuf>,
    /// A mapping file saved by SCIM Preflight.
    #[arg(long, conflicts_with_all = ["preset", "schema"])]
    pub mapping: Option<PathBuf>,
    /// The schema JSON Azure downloads from "Review your schema here" (its users' mappings).
    #[arg(long, conflicts_with = "preset")]
    pub schema: Option<PathBuf>,
    /// A preset mapping set.
    #[arg(long, value_enum, default_value_t = Preset::Securepractice)]
    pub preset: Preset,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Tree)]
    pub format: Format,
    /// The tenant URL has ?aadOptscim062020 (SCIM-compliant PATCH).
    #[arg(long)]
    pub aad_opt_scim_062020: bool,
    /// Replace names, principal names, mail addresses, phone numbers and ids with stable hashes
    /// (for sharing with a vendor's support); organization units stay readable.
    #[arg(long)]
    pub redact: bool,
}

/// Runs the command.
pub fn run(args: &PreviewArgs) -> ExitCode {
    let from_file = |path: &PathBuf, read: fn(&str) -> Result<MappingSet, String>| {
        std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| read(&text))
            .map_err(|error| format!("{}: {error}", path.display()))
    };
    let mappings = match (&args.mapping, &args.schema) {
        (Some(path), _) => from_file(path, file::from_json),
        (None, Some(path)) => from_file(path, |text| schema::import(text).map(|(set, _)| set)),
        (None, None) => Ok(match args.preset {
            Preset::Defaults => presets::azure_defaults(),
            Preset::Securepractice => presets::secure_practice(),
        }),
    };
    let mappings = match mappings {
        Ok(set) => set,
        Err(error) => {
            eprintln!("scim-preflight preview: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let set = match super::load_users("preview", &args.users) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let options = Options {
        aad_opt_scim_062020: args.aad_opt_scim_062020,
    };
    let set = std::sync::Arc::new(set);
    let preview = preview::run(set.clone(), &mappings, options);
    let redaction = args.redact.then(|| personal(&set));
    match (args.format, &redaction) {
        (Format::Tree, None) => print!("{}", tree(&set, &preview)),
        (Format::Tree, Some(values)) => {
            let all: Vec<String> = values.iter().flatten().cloned().collect();
            let mut all = all;
            all.sort_by_key(|v| std::cmp::Reverse(v.len()));
            all.dedup();
            print!(
                "{}",
                redact::redact_text(&tree(&set, &preview), &all, &mut HashMap::new())
            );
        }
        (Format::Json, _) => {
            let mut json = to_json(&set, &preview);
            if let Some(values) = &redaction {
                redact_preview(&mut json, values);
            }
            println!("{json}");
        }
        (Format::Csv, _) => print!(
            "{}",
            to_csv(&set, &mappings, &preview, redaction.as_deref())
        ),
    }
    ExitCode::SUCCESS
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
