//! The tree export: how many users Azure creates, the organization hierarchy, the users it
//! skips (each with why) and the problems found, written line by line.

use std::io::{self, Write};

use super::super::redact::Redaction;
use super::super::scoping::ASSUMES_ASSIGNED;
use super::super::{Preview, SkipReason, hierarchy};
use super::user_name;
use crate::import::UserSet;

/// Writes the tree and the diagnostics as text to `out`, redacted when `redacted`.
pub fn write_tree(
    out: &mut dyn Write,
    set: &UserSet,
    preview: &Preview,
    redacted: bool,
) -> io::Result<()> {
    let redaction = redacted.then(|| Redaction::new(preview));
    let redaction = redaction.as_ref();
    let scope = preview.scope_summary();
    writeln!(
        out,
        "{} of {} users would be created.",
        scope.in_scope,
        preview.users.len()
    )?;
    for (kind, count) in &scope.skipped {
        writeln!(out, "- skipped, {}: {count}", SkipReason::kind_label(kind))?;
    }
    if scope.assumes_all_assigned {
        writeln!(
            out,
            "{ASSUMES_ASSIGNED} Give the app's assignments and its groups' member lists with \
             --assignments to see who Azure really provisions."
        )?;
    }
    out.write_all(b"The tree counts only the users Azure would create.\n\n")?;
    if preview.hierarchy.is_empty() {
        out.write_all(
            b"No organization, division or department is mapped, so there is no hierarchy.\n",
        )?;
    } else {
        let text = match redaction {
            Some(redaction) => hierarchy::to_text(&redaction.hierarchy(preview)),
            None => hierarchy::to_text(&preview.hierarchy),
        };
        out.write_all(text.as_bytes())?;
    }
    let mut first = true;
    for (u, reason) in preview.skipped() {
        if first {
            out.write_all(b"\nSkipped (Azure would not create these users):\n")?;
            first = false;
        }
        writeln!(
            out,
            "- {}: {}",
            user_name(set, u, redaction),
            reason.message_shown(redacted)
        )?;
    }
    if !preview.diagnostics.is_empty() {
        out.write_all(b"\nProblems found:\n")?;
        for diagnostic in &preview.diagnostics {
            write!(out, "- {}", diagnostic.message_shown(redacted))?;
            if !diagnostic.users.is_empty() {
                let shown: Vec<String> = diagnostic
                    .users
                    .iter()
                    .take(5)
                    .map(|&u| user_name(set, u, redaction))
                    .collect();
                let more = diagnostic.users.len().saturating_sub(shown.len());
                write!(out, " [{}", shown.join(", "))?;
                if more > 0 {
                    write!(out, " and {more} more")?;
                }
                out.write_all(b"]")?;
            }
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}
