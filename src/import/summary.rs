//! The summary of a load, as text for the terminal and as JSON for scripts. The window shows
//! the same facts in its own layout.

use serde_json::{Map, Value, json};

use super::coverage::export_advice;
use super::set::UserSet;
use super::warning::{Severity, Sourced};

/// How many attributes the text's coverage table shows (the ones the preview relies on first):
/// a file can have thousands of directory extensions.
const COVERAGE_LINES: usize = 100;

/// The shape of the whole set: the files' shared shape id, or `mixed`.
pub fn shape_id(set: &UserSet) -> &'static str {
    let mut ids = set.files.iter().map(|f| f.shape.id());
    match ids.next() {
        Some(first) if ids.all(|id| id == first) => first,
        Some(_) => "mixed",
        None => "none",
    }
}

/// The summary as JSON: `{"users", "shape", "files", "coverage", "warnings", "conflicts"}`.
/// `warnings` holds every message (conflicts first); `conflicts` the same conflicts by field:
/// `[{"attribute", "users", "examples": [{"user", "kept": {"value", "file"}, "dropped": […]}]}]`.
pub fn to_json(set: &UserSet) -> Value {
    let coverage: Map<String, Value> = set
        .coverage()
        .into_iter()
        .map(|row| {
            (
                row.attribute,
                json!((row.fraction * 10_000.0).round() / 10_000.0),
            )
        })
        .collect();
    let sourced = |s: &Sourced| json!({"value": s.value, "file": s.file});
    let conflicts: Vec<Value> = set
        .conflicts()
        .iter()
        .map(|c| {
            let examples: Vec<Value> = c
                .examples
                .iter()
                .map(|e| {
                    json!({
                        "user": e.user,
                        "kept": sourced(&e.kept),
                        "dropped": e.dropped.iter().map(sourced).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({"attribute": c.attribute, "users": c.users, "examples": examples})
        })
        .collect();
    let files: Vec<Value> = set
        .files
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "bytes": f.bytes,
                "shape": f.shape.id(),
                "encoding": f.encoding.label(),
                "users": f.users,
            })
        })
        .collect();
    json!({
        "users": set.users.len(),
        "shape": shape_id(set),
        "files": files,
        "coverage": coverage,
        "warnings": set.warnings(),
        "conflicts": conflicts,
    })
}

/// The summary as text.
pub fn to_text(set: &UserSet) -> String {
    let mut out = String::new();
    let users = set.users.len();
    out.push_str(&format!(
        "{users} user{} loaded from {} file{}.\n",
        if users == 1 { "" } else { "s" },
        set.files.len(),
        if set.files.len() == 1 { "" } else { "s" }
    ));
    for file in &set.files {
        out.push_str(&format!(
            "  {}: {}, {}, {} user{}\n",
            file.name,
            file.shape.label(),
            file.encoding.label(),
            file.users,
            if file.users == 1 { "" } else { "s" }
        ));
    }
    out.push_str("\nAttribute coverage:\n");
    let rows = set.coverage();
    let width = rows
        .iter()
        .map(|r| r.attribute.len())
        .max()
        .unwrap_or(0)
        .min(80);
    let mut missing_any = false;
    for row in rows.iter().take(COVERAGE_LINES) {
        let percent = format!("{:.0} %", row.fraction * 100.0);
        let mut line = format!("  {:width$}  {percent:>5}", row.attribute);
        if row.fraction < 1.0
            && let Some(means) = row.missing_means
        {
            missing_any = true;
            line.push_str(&format!("  where missing: {means}"));
            if row.not_in_export {
                line.push_str(" (this export cannot contain it)");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if rows.len() > COVERAGE_LINES {
        out.push_str(&format!(
            "  … and {} more attributes (`--json` lists them all)\n",
            rows.len() - COVERAGE_LINES
        ));
    }
    let (conflicts, warnings): (Vec<_>, Vec<_>) = set
        .typed_warnings()
        .into_iter()
        .partition(|w| w.severity() == Severity::Conflict);
    for (heading, list) in [
        ("Conflicts between files (check them):", conflicts),
        ("Warnings:", warnings),
    ] {
        if !list.is_empty() {
            out.push_str(&format!("\n{heading}\n"));
            for warning in list {
                out.push_str(&format!("  - {}\n", warning.message()));
            }
        }
    }
    if missing_any {
        let [graph, powershell] = export_advice();
        out.push_str(&format!(
            "\nHow to export everything the preview uses:\n  {graph}\n  {powershell}\n"
        ));
    }
    out
}
