//! The summary of a load, as text for the terminal and as JSON for scripts. The window shows
//! the same facts in its own layout.

use serde_json::{Map, Value, json};

use super::coverage::{Need, export_advice};
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

/// The summary as JSON: `{"users", "shape", "files", "coverage", "warnings", "conflicts"}`;
/// `coverage` lists the attributes of `needs` (what the mappings read) and every other one any
/// user has, each with the share of users who have it (1 and 0 only when exact).
/// `warnings` holds every message (conflicts first); `conflicts` the same conflicts by field:
/// `[{"attribute", "users", "examples": [{"user", "kept": {"value", "file"}, "dropped": […]}]}]`.
pub fn to_json(set: &UserSet, needs: &[Need]) -> Value {
    let coverage: Map<String, Value> = set
        .coverage(needs)
        .into_iter()
        .map(|row| (row.attribute.clone(), json!(row.rounded_fraction())))
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

/// The summary as text; the coverage lists the attributes of `needs` (what the mappings read)
/// first, says what each gap means for the users without the attribute, and how to export
/// everything the mappings read.
pub fn to_text(set: &UserSet, needs: &[Need]) -> String {
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
    out.push_str("\nAttribute coverage (the attributes the mappings read first):\n");
    let rows = set.coverage(needs);
    let width = rows
        .iter()
        .map(|r| r.attribute.len())
        .max()
        .unwrap_or(0)
        .min(80);
    for row in rows.iter().take(COVERAGE_LINES) {
        let line = format!("  {:width$}  {:>5}", row.attribute, row.percent());
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if rows.len() > COVERAGE_LINES {
        out.push_str(&format!(
            "  … and {} more attributes (--json lists them all)\n",
            rows.len() - COVERAGE_LINES
        ));
    }
    let gaps: Vec<String> = rows.iter().filter_map(|row| row.gap()).collect();
    if !gaps.is_empty() {
        out.push_str("\nWhat the gaps mean:\n");
        for gap in &gaps {
            out.push_str(&format!("  - {gap}\n"));
        }
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
    if !gaps.is_empty() {
        let [graph, powershell] = export_advice(needs);
        out.push_str(&format!(
            "\nHow to export everything the mappings read:\n  {graph}\n  {powershell}\n"
        ));
    }
    out
}
