//! What Azure did for a user, as its provisioning log says ([`AzureDid`]), and whether that is
//! what the preview says it would do: the one place where Azure's skip and error codes are
//! mapped to the preview's [`SkipReason`] ([`agrees`]).
//!
//! Azure's codes (entra-docs, docs/identity/monitoring-health/howto-analyze-provisioning-logs.md
//! and the provisionOnDemand example in microsoft-graph-docs-contrib): `NotEffectivelyEntitled`
//! (not assigned, out of the scoping filters, or disabled), `RedundantExport` (the user in the
//! app already matches: nothing to send), `ImportSkipped` (no value for a matching attribute).

use crate::import::logs::{Action, LogRecord, Status};
use crate::preview::SkipReason;

/// Why Azure skipped a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AzureSkip {
    /// `NotEffectivelyEntitled`: not assigned, out of scope, or disabled.
    NotEntitled,
    /// `ImportSkipped`: no value for a matching attribute.
    NoMatchingValue,
    /// Another code (as written; empty when the log gives none).
    Other(String),
}

/// What Azure did for a user, from their latest record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AzureDid {
    /// Created the user (`create`, success).
    Created,
    /// Updated the user (`update`).
    Updated,
    /// Nothing to send: the user in the app already matched (`RedundantExport`).
    UpToDate,
    /// Skipped the user.
    Skipped(AzureSkip),
    /// Tried and failed, with the error code.
    Failed(String),
    /// Disabled the user in the app (`disable`: active set to false).
    Disabled,
    /// Deleted the user in the app.
    Deleted,
    /// Something else (`other` with no skip reason).
    Other,
}

impl AzureDid {
    /// What `record` says Azure did.
    pub fn of(record: &LogRecord) -> AzureDid {
        let code = record.skip_code();
        match record.status {
            Status::Skipped => {
                return code.map_or(AzureDid::Skipped(AzureSkip::Other(String::new())), skip);
            }
            Status::Failure => {
                let error = record.error_code.clone().unwrap_or_default();
                return match skip(&error) {
                    AzureDid::Skipped(AzureSkip::NoMatchingValue) => {
                        AzureDid::Skipped(AzureSkip::NoMatchingValue)
                    }
                    _ => AzureDid::Failed(error),
                };
            }
            _ => {}
        }
        match record.action {
            Action::Create => AzureDid::Created,
            Action::Update => AzureDid::Updated,
            Action::Disable => AzureDid::Disabled,
            Action::Delete => AzureDid::Deleted,
            Action::Other => code.map_or(AzureDid::Other, skip),
        }
    }

    /// A short label (the `azure` of JSON output, the window).
    pub fn label(&self) -> String {
        match self {
            AzureDid::Created => "created".into(),
            AzureDid::Updated => "updated".into(),
            AzureDid::UpToDate => "already up to date".into(),
            AzureDid::Skipped(AzureSkip::NotEntitled) => {
                "skipped (not assigned, out of scope or disabled)".into()
            }
            AzureDid::Skipped(AzureSkip::NoMatchingValue) => {
                "skipped (no value for the matching attribute)".into()
            }
            AzureDid::Skipped(AzureSkip::Other(code)) if code.is_empty() => "skipped".into(),
            AzureDid::Skipped(AzureSkip::Other(code)) => format!("skipped ({code})"),
            AzureDid::Failed(code) if code.is_empty() => "failed".into(),
            AzureDid::Failed(code) => format!("failed ({code})"),
            AzureDid::Disabled => "disabled".into(),
            AzureDid::Deleted => "deleted".into(),
            AzureDid::Other => "other".into(),
        }
    }
}

/// Azure's skip or error code as what it did.
fn skip(code: &str) -> AzureDid {
    match code.trim() {
        c if c.eq_ignore_ascii_case("RedundantExport") => AzureDid::UpToDate,
        c if c.eq_ignore_ascii_case("NotEffectivelyEntitled") => {
            AzureDid::Skipped(AzureSkip::NotEntitled)
        }
        c if c.eq_ignore_ascii_case("ImportSkipped") => {
            AzureDid::Skipped(AzureSkip::NoMatchingValue)
        }
        other => AzureDid::Skipped(AzureSkip::Other(other.to_owned())),
    }
}

/// What the preview says, short (the `preview` of JSON output): `create`, or `skip (…)` with
/// the first part of the reason's one wording ([`SkipReason::message`], up to its colon).
pub fn preview_label(preview: Option<&SkipReason>) -> String {
    match preview {
        None => "create".into(),
        Some(reason) => {
            let message = reason.message();
            let short = message.split(':').next().unwrap_or(&message).trim();
            format!("skip ({short})")
        }
    }
}

/// True when what Azure did is what the preview says it would do: the one mapping of Azure's
/// codes to the preview's reasons. A user Azure created, updated, found up to date or tried
/// and failed to create is one the preview creates; a user Azure skipped as not entitled is
/// one the preview skips as disabled (the export says nothing of assignments or scope); a
/// disabled or deleted user is one the preview skips as disabled.
pub fn agrees(azure: &AzureDid, preview: Option<&SkipReason>) -> bool {
    match preview {
        None => matches!(
            azure,
            AzureDid::Created | AzureDid::Updated | AzureDid::UpToDate | AzureDid::Failed(_)
        ),
        Some(SkipReason::Disabled) => matches!(
            azure,
            AzureDid::Skipped(AzureSkip::NotEntitled) | AzureDid::Disabled | AzureDid::Deleted
        ),
        Some(SkipReason::NoMatchingValue { .. }) => {
            matches!(azure, AzureDid::Skipped(AzureSkip::NoMatchingValue))
        }
        // Azure's code for a user out of scope, whichever rule left it out.
        Some(SkipReason::NotAssigned { .. } | SkipReason::OutsideScopingFilter(_)) => {
            matches!(azure, AzureDid::Skipped(AzureSkip::NotEntitled))
        }
        // An expression that fails on a required attribute fails the export of that user.
        Some(SkipReason::ExpressionError { .. }) => {
            matches!(
                azure,
                AzureDid::Failed(_) | AzureDid::Skipped(AzureSkip::Other(_))
            )
        }
    }
}

/// Why the two may differ, when they do: a hint for the admin, or `None`.
pub fn action_note(azure: &AzureDid, preview: Option<&SkipReason>) -> Option<String> {
    match (azure, preview) {
        (AzureDid::Skipped(AzureSkip::NotEntitled), None) => Some(
            "Azure skipped this user as not assigned to the app or outside its scoping \
             filters; a user export does not say who is assigned, so without the app's \
             assignments (load them in step 2, or give --assignments) the preview creates \
             everyone who is enabled. Check the app's Users and groups page."
                .into(),
        ),
        (AzureDid::Created | AzureDid::Updated, Some(SkipReason::Disabled)) => {
            Some("The account may have been disabled in Entra after this log was written.".into())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn codes_map_to_the_preview_reasons() {
        let no_match = SkipReason::NoMatchingValue {
            targets: Arc::from(vec!["userName".to_owned()]),
        };
        assert_eq!(skip("RedundantExport"), AzureDid::UpToDate);
        assert!(agrees(&skip("redundantexport"), None));
        assert!(agrees(
            &skip("NotEffectivelyEntitled"),
            Some(&SkipReason::Disabled)
        ));
        assert!(!agrees(&skip("NotEffectivelyEntitled"), None));
        assert!(agrees(&skip("ImportSkipped"), Some(&no_match)));
        assert!(!agrees(&skip("ImportSkipped"), Some(&SkipReason::Disabled)));
        assert!(!agrees(&AzureDid::Created, Some(&no_match)));
        assert!(agrees(&AzureDid::Disabled, Some(&SkipReason::Disabled)));
        assert_eq!(
            skip("SomethingNew"),
            AzureDid::Skipped(AzureSkip::Other("SomethingNew".into()))
        );
        assert_eq!(preview_label(None), "create");
        assert_eq!(
            preview_label(Some(&SkipReason::Disabled)),
            "skip (disabled in Entra (account enabled is No))"
        );
        assert_eq!(
            preview_label(Some(&no_match)),
            "skip (no value for the matching attribute (userName))"
        );
    }
}
