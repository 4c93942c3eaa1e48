//! The preview checked against what Azure really did: for each user of the provisioning logs,
//! whether Azure created or skipped them as the preview says ([`reasons`]), and for each
//! attribute Azure sent, whether the preview's value equals Azure's new value.
//!
//! A log user is found among the loaded users by object id, else by user principal name. The
//! modified properties of a record are named as the target app names its attributes
//! (`userName`, `emails[type eq "work"].value`, the enterprise URNs), so each is matched to the
//! mapping with that target; properties that are source attributes (`objectId`,
//! `accountEnabled`, `IsSoftDeleted`: Azure logs those too) are not compared. Of several
//! records of one user, the latest decides what Azure did and each attribute's latest sent
//! value is compared. The manager is not compared: Azure sends the manager's id in the app,
//! which an export does not have.
//!
//! A difference is explained, not counted as a disagreement, when a source attribute the
//! mapping reads has another value in the log's import step than in the loaded users: the
//! value changed in Entra after the log was written.

pub mod reasons;
pub mod report;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::import::logs::{Action, LogRecord, LogSet};
use crate::import::record::ValueRef;
use crate::mapping::compiled::Source;
use crate::preview::Preview;
use crate::preview::target::Target;
use reasons::{AzureDid, action_note, agrees, preview_label};

/// SCIM core user attributes a modified property may name (RFC 7643 §4.1), besides the complex
/// and extension ones: such a property is compared even when no mapping sends it.
const SCIM_CORE: &[&str] = &[
    "userName",
    "active",
    "externalId",
    "title",
    "nickName",
    "profileUrl",
    "userType",
    "preferredLanguage",
    "locale",
    "timezone",
];

/// Why the preview's value and Azure's differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A real disagreement: the same source values, another result.
    Disagree,
    /// The source value Azure read (the log's import step) is not the loaded user's: it
    /// changed in Entra after the log was written.
    ChangedSince {
        /// The source attribute.
        attribute: String,
        /// Its value in the log.
        logged: String,
        /// Its value in the loaded users (`None`: empty).
        now: Option<String>,
    },
    /// The current mappings send nothing to this attribute.
    NotMapped,
}

impl Cause {
    /// The cause in plain words, as every output shows it.
    pub fn message(&self) -> String {
        match self {
            Cause::Disagree => "the preview disagrees with what Azure sent".to_owned(),
            Cause::ChangedSince {
                attribute,
                logged,
                now,
            } => format!(
                "explained: {attribute} changed in Entra after the log (Azure read \"{logged}\", \
                 the loaded users have {})",
                match now {
                    Some(now) => format!("\"{now}\""),
                    None => "no value".to_owned(),
                }
            ),
            Cause::NotMapped => "the current mappings send nothing to this attribute".to_owned(),
        }
    }

    /// True for a difference the logs explain (not a disagreement of the preview).
    pub fn explained(&self) -> bool {
        matches!(self, Cause::ChangedSince { .. })
    }
}

/// One attribute Azure sent, checked against the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The user (index in the preview).
    pub user: usize,
    /// The target attribute, as the log names it.
    pub target: String,
    /// Azure's new value.
    pub azure: Option<String>,
    /// The preview's value.
    pub preview: Option<String>,
    /// `None` when they agree.
    pub cause: Option<Cause>,
    /// The preview's note on this attribute for this user, if it has one.
    pub note: Option<String>,
}

/// What Azure did for one user of the logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The user (index in the preview).
    pub user: usize,
    /// What Azure did, as their latest record says.
    pub did: AzureDid,
    /// True when the preview says the same.
    pub agree: bool,
    /// Their latest record (index in the logs' records).
    pub record: usize,
}

/// A user Azure treated otherwise than the preview says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionDifference {
    /// The user (index in the preview).
    pub user: usize,
    /// What Azure did.
    pub azure: AzureDid,
    /// What the preview says, short.
    pub preview: String,
    /// Why they may differ, if known.
    pub note: Option<String>,
}

/// The comparison of a preview with provisioning logs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogComparison {
    /// Records in the logs (users' and groups').
    pub records: usize,
    /// Different users in the logs.
    pub users: usize,
    /// Of those, how many were found among the loaded users.
    pub found: usize,
    /// Log users not among the loaded users, by how the log names them (sorted).
    pub not_loaded: Vec<String>,
    /// What Azure did for each found user, by user.
    pub decisions: Vec<Decision>,
    /// Every attribute compared, by user then target.
    pub checks: Vec<Check>,
    /// Users whose create or skip differs.
    pub actions: Vec<ActionDifference>,
}

impl LogComparison {
    /// Attributes compared.
    pub fn compared(&self) -> usize {
        self.checks.len()
    }

    /// Attributes that agree.
    pub fn agree(&self) -> usize {
        self.checks.iter().filter(|c| c.cause.is_none()).count()
    }

    /// Attributes that differ, explained ones included.
    pub fn differences(&self) -> impl Iterator<Item = &Check> + '_ {
        self.checks.iter().filter(|c| c.cause.is_some())
    }

    /// Differences the logs explain (a value changed in Entra since).
    pub fn explained(&self) -> usize {
        self.differences()
            .filter(|c| matches!(c.cause, Some(Cause::ChangedSince { .. })))
            .count()
    }

    /// The checks of user `u`.
    pub fn user_checks(&self, u: usize) -> &[Check] {
        let first = self.checks.partition_point(|c| c.user < u);
        let end = self.checks.partition_point(|c| c.user <= u);
        &self.checks[first..end]
    }

    /// What Azure did for user `u`, if the logs have them.
    pub fn decision(&self, u: usize) -> Option<&Decision> {
        self.decisions
            .binary_search_by_key(&u, |d| d.user)
            .ok()
            .map(|i| &self.decisions[i])
    }
}

/// Compares `preview` with `logs`; `None` once `cancel` is set.
pub fn compare(logs: &LogSet, preview: &Preview, cancel: &AtomicBool) -> Option<LogComparison> {
    let set = &preview.set;
    let upn = set.names.get("userPrincipalName");
    let mut by_upn: HashMap<String, usize> = HashMap::new();
    if let Some(upn) = upn {
        for (u, user) in set.users.iter().enumerate() {
            if let Some(ValueRef::One(name)) = user.value_of(upn) {
                by_upn.entry(name.to_lowercase()).or_insert(u);
            }
        }
    }
    // The records of each log user, in order, keyed by how the log identifies them.
    let mut order: Vec<String> = Vec::new();
    let mut records: HashMap<String, Vec<(usize, &LogRecord)>> = HashMap::new();
    for (i, record) in logs.records.iter().enumerate() {
        if !record.is_user() {
            continue;
        }
        let key = record
            .source_id()
            .map_or_else(|| record.user_label(), str::to_owned);
        let entry = records.entry(key.clone()).or_default();
        if entry.is_empty() {
            order.push(key);
        }
        entry.push((i, record));
    }
    let mut out = LogComparison {
        records: logs.records.len(),
        users: order.len(),
        ..LogComparison::default()
    };
    for key in &order {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let mut list = records.remove(key).unwrap_or_default();
        // Latest last; records without a time keep their place.
        list.sort_by(|a, b| a.1.time.cmp(&b.1.time));
        let Some(&(index, latest)) = list.last() else {
            continue;
        };
        let found = latest
            .source_id()
            .and_then(|id| preview.user_by_object_id(id))
            .or_else(|| {
                let name = latest.import_step()?.detail("userPrincipalName")?;
                by_upn.get(&name.to_lowercase()).copied()
            });
        let Some(u) = found else {
            out.not_loaded.push(latest.user_label());
            continue;
        };
        out.found += 1;
        let did = AzureDid::of(latest);
        let skipped = preview.users[u].skipped.as_deref();
        let agree = agrees(&did, skipped);
        if !agree {
            out.actions.push(ActionDifference {
                user: u,
                preview: preview_label(skipped),
                note: action_note(&did, skipped),
                azure: did.clone(),
            });
        }
        out.decisions.push(Decision {
            user: u,
            did,
            agree,
            record: index,
        });
        let list: Vec<&LogRecord> = list.into_iter().map(|(_, r)| r).collect();
        check_attributes(preview, u, &list, &mut out.checks);
    }
    out.not_loaded.sort();
    out.decisions.sort_by_key(|d| d.user);
    out.checks
        .sort_by(|a, b| a.user.cmp(&b.user).then_with(|| a.target.cmp(&b.target)));
    out.actions.sort_by_key(|a| a.user);
    Some(out)
}

/// Checks the attributes Azure sent to user `u` (its records `list`, latest last).
fn check_attributes(preview: &Preview, u: usize, list: &[&LogRecord], checks: &mut Vec<Check>) {
    // Each target's latest value, and whether it was sent on create.
    let mut sent: Vec<(String, Option<String>, bool)> = Vec::new();
    for record in list.iter().filter(|r| r.exported()) {
        for property in &record.modified {
            let create = record.action == Action::Create;
            match sent.iter_mut().find(|(t, _, _)| *t == property.name) {
                Some(slot) => {
                    slot.1 = property.new.clone();
                    slot.2 = create;
                }
                None => sent.push((property.name.clone(), property.new.clone(), create)),
            }
        }
    }
    let import = list.iter().rev().find_map(|r| r.import_step());
    let mut notes = None;
    for (target, azure, create) in sent {
        let parsed = Target::parse(&target);
        let mapping = preview
            .targets
            .iter()
            .position(|t| t.is_some() && *t == parsed);
        let mapping = mapping.or_else(|| {
            preview
                .mappings
                .iter()
                .position(|c| c.mapping.target.eq_ignore_ascii_case(&target))
        });
        let Some(m) = mapping else {
            if is_scim_target(parsed.as_ref()) {
                checks.push(Check {
                    user: u,
                    target,
                    azure,
                    preview: None,
                    cause: Some(Cause::NotMapped),
                    note: None,
                });
            }
            continue;
        };
        if parsed.as_ref().is_some_and(Target::is_manager) {
            continue;
        }
        let value = if create {
            preview.create_value(u, m)
        } else {
            preview.update_value(u, m)
        }
        .map(str::to_owned);
        let cause = if same(azure.as_deref(), value.as_deref()) {
            None
        } else {
            Some(changed_since(preview, u, m, import).unwrap_or(Cause::Disagree))
        };
        let note = if cause.is_some() {
            let notes = notes.get_or_insert_with(|| preview.notes(u));
            let own = &preview.mappings[m].mapping.target;
            notes
                .iter()
                .find(|(t, _, _)| t == own)
                .map(|(_, _, message)| message.clone())
        } else {
            None
        };
        checks.push(Check {
            user: u,
            target,
            azure,
            preview: value,
            cause,
            note,
        });
    }
}

/// True when `target` is a SCIM attribute a mapping could send (a sub-attribute, a typed
/// entry, an extension, or a core attribute), not a source attribute Azure also logs.
fn is_scim_target(target: Option<&Target>) -> bool {
    match target {
        Some(Target::Top(name)) => SCIM_CORE.contains(&name.as_str()),
        Some(_) => true,
        None => false,
    }
}

/// True when Azure's value and the preview's are the same: equal texts, or the same boolean
/// (Azure logs `True`, a mapping may give `true`).
pub fn same(azure: Option<&str>, preview: Option<&str>) -> bool {
    let azure = azure.filter(|v| !v.is_empty());
    match (azure, preview) {
        (None, None) => true,
        (Some(a), Some(p)) => {
            a == p
                || (["true", "false"].contains(&a.to_ascii_lowercase().as_str())
                    && a.eq_ignore_ascii_case(p))
        }
        _ => false,
    }
}

/// The source attribute of mapping `m` whose value in the log's import step differs from user
/// `u`'s loaded value, if any.
fn changed_since(
    preview: &Preview,
    u: usize,
    m: usize,
    import: Option<&crate::import::logs::Step>,
) -> Option<Cause> {
    let import = import.filter(|s| !s.details.is_empty())?;
    let read: Vec<&str> = match &preview.mappings[m].source {
        Source::Attribute { name, .. } => vec![name.as_str()],
        Source::Expression(expression) => expression
            .attributes()
            .iter()
            .map(|(name, _, _)| name.as_str())
            .collect(),
        Source::Constant(_) | Source::Nothing => Vec::new(),
    };
    let set = &preview.set;
    let user = &set.users[u];
    read.into_iter().find_map(|attribute| {
        let logged = import.detail(attribute)?;
        let now = set
            .names
            .get(attribute)
            .and_then(|i| user.value_of(i))
            .map(ValueRef::display);
        let now = now.filter(|v| !v.is_empty());
        let differs = match &now {
            Some(now) => !same(Some(logged), Some(now)),
            None => !logged.is_empty(),
        };
        differs.then(|| Cause::ChangedSince {
            attribute: attribute.to_owned(),
            logged: logged.to_owned(),
            now,
        })
    })
}

#[cfg(test)]
mod tests;
