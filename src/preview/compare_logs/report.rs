//! The comparison with provisioning logs as the command line prints it: JSON (the figures, every
//! difference, every create-or-skip difference) and text for a person.

use serde_json::{Value, json};

use super::LogComparison;
use crate::import::logs::{LogSet, plural};
use crate::preview::Preview;

/// How messages name user `u` of `preview`.
pub fn user_name(preview: &Preview, u: usize) -> String {
    preview.set.users[u].label(&preview.set.names)
}

/// `{"records", "users", "compared", "agree", "differences": [{"user", "target", "azure",
/// "preview"}], "actions": [{"user", "azure", "preview"}]}`.
pub fn to_json(comparison: &LogComparison, preview: &Preview) -> Value {
    let differences: Vec<Value> = comparison
        .differences()
        .map(|c| {
            json!({
                "user": user_name(preview, c.user),
                "target": c.target,
                "azure": c.azure,
                "preview": c.preview,
            })
        })
        .collect();
    let actions: Vec<Value> = comparison
        .actions
        .iter()
        .map(|a| {
            json!({
                "user": user_name(preview, a.user),
                "azure": a.azure.label(),
                "preview": a.preview,
            })
        })
        .collect();
    json!({
        "records": comparison.records,
        "users": comparison.users,
        "compared": comparison.compared(),
        "agree": comparison.agree(),
        "differences": differences,
        "actions": actions,
    })
}

/// A value as the text shows it: quoted, or "nothing".
fn shown(value: Option<&str>) -> String {
    match value {
        Some(v) => format!("\"{v}\""),
        None => "nothing".to_owned(),
    }
}

/// The comparison's figures, one line each (the command's text and the window show the same):
/// records and users, create-or-skip decisions agreeing, attributes compared and agreeing.
pub fn figures(c: &LogComparison) -> Vec<String> {
    let agreeing = c.decisions.iter().filter(|d| d.agree).count();
    let explained = c.explained();
    vec![
        format!(
            "{} of {}; {} found among the loaded users.",
            plural(c.records, "record"),
            plural(c.users, "user"),
            c.found
        ),
        format!(
            "Create or skip: {agreeing} of {} as the preview says.",
            plural(c.decisions.len(), "user")
        ),
        format!(
            "Attributes compared: {}; {} agree{}.",
            c.compared(),
            c.agree(),
            if explained > 0 {
                format!(
                    "; {} explained by a change in Entra after the log",
                    plural(explained, "difference")
                )
            } else {
                String::new()
            }
        ),
    ]
}

/// The comparison for a person: the figures, then every difference with its cause and note,
/// the create-or-skip differences, and the log users that were not loaded.
pub fn to_text(comparison: &LogComparison, logs: &LogSet, preview: &Preview) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    for file in &logs.files {
        line(file.summary());
        for note in &file.notes {
            line(format!("  note: {note}"));
        }
    }
    for note in &logs.notes {
        line(format!("note: {note}"));
    }
    let c = comparison;
    for figure in figures(c) {
        line(figure);
    }
    let differences: Vec<_> = c.differences().collect();
    if !differences.is_empty() {
        line(String::new());
        line("Differences:".to_owned());
        for check in differences {
            line(format!(
                "  {} {}: Azure sent {}, the preview has {}",
                user_name(preview, check.user),
                check.target,
                shown(check.azure.as_deref()),
                shown(check.preview.as_deref())
            ));
            if let Some(cause) = &check.cause {
                line(format!("    {}", cause.message()));
            }
            if let Some(note) = &check.note {
                line(format!("    note: {note}"));
            }
        }
    }
    if !c.actions.is_empty() {
        line(String::new());
        line("Create or skip differs:".to_owned());
        for action in &c.actions {
            line(format!(
                "  {}: Azure {}; the preview says {}",
                user_name(preview, action.user),
                action.azure.label(),
                action.preview
            ));
            if let Some(note) = &action.note {
                line(format!("    {note}"));
            }
        }
    }
    if !c.not_loaded.is_empty() {
        line(String::new());
        line(format!(
            "Not among the loaded users ({}): {}",
            c.not_loaded.len(),
            c.not_loaded.join(", ")
        ));
    }
    out
}
