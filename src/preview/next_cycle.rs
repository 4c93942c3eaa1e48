//! The next cycle: what Azure sends to the users it already created once a change is saved —
//! a changed mapping set over the same users, or a later export of the same users. Only users
//! whose sent values change get a request, and it holds only the attributes that change, each
//! with the operation Azure uses ([`UpdateOp`]: `Add` for an attribute that was empty before,
//! `Replace` otherwise); an attribute that becomes empty gets none, so Secure Practice keeps
//! the old value ([`RequestChoice::EmptyValue`]). Counted per attribute, with the full requests
//! per user in either PATCH dialect, and the reminder of how the change reaches everyone.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer as _};
use serde_json::Value;

use super::Preview;
use super::SkipReason;
use super::manager::Lookup;
use super::scim::{self, Patch, UpdateOp};
use crate::expr::assumptions::RequestChoice;
use crate::mapping::{Apply, Mapping};

/// What the next cycle does to one attribute of one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The mapping (in the preview after) that sends it.
    pub mapping: usize,
    /// The target attribute.
    pub target: String,
    /// The operation; `None` when the value becomes empty, which Azure does not send.
    pub op: Option<UpdateOp>,
    /// What Secure Practice holds now (as sent before), if anything.
    pub old: Option<String>,
    /// What Azure evaluates now, if anything.
    pub new: Option<String>,
}

/// The next cycle's update of one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserUpdate {
    /// The user in the preview before.
    pub before: usize,
    /// The same user in the preview after.
    pub after: usize,
    /// The attributes that change, in the order of the mappings after.
    pub changes: Vec<Change>,
    /// The manager changes: `Add` for a first manager, `Replace` for another one.
    pub manager: Option<UpdateOp>,
    /// The user is now disabled in Entra: Azure disables them in Secure Practice.
    pub disable: bool,
}

impl UserUpdate {
    /// True when Azure sends this user a request.
    pub fn sends(&self) -> bool {
        self.disable || self.manager.is_some() || self.changes.iter().any(|c| c.op.is_some())
    }
}

/// How many users get each operation on one attribute.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AttributeCount {
    /// The target attribute.
    pub target: String,
    /// Users for whom it was empty before: `Add`.
    pub add: usize,
    /// Users for whom it had another value: `Replace`.
    pub replace: usize,
    /// Users for whom it becomes empty: nothing is sent, the old value stays.
    pub emptied: usize,
}

impl AttributeCount {
    /// In plain words: "department: 12 users change (3 Add, 9 Replace)".
    pub fn sentence(&self) -> String {
        let sent = self.add + self.replace;
        let mut parts = Vec::new();
        if sent > 0 {
            parts.push(format!(
                "{} {} a new value ({} Add, {} Replace)",
                users(sent),
                if sent == 1 { "gets" } else { "get" },
                self.add,
                self.replace
            ));
        }
        if self.emptied > 0 {
            parts.push(format!(
                "for {} the value becomes empty in Entra: Azure sends nothing, so Secure \
                 Practice keeps the old value",
                users(self.emptied)
            ));
        }
        format!("{}: {}", self.target, parts.join("; "))
    }
}

fn users(n: usize) -> String {
    format!("{n} user{}", if n == 1 { "" } else { "s" })
}

/// How the change reaches the users Azure already created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Reach {
    /// The mappings changed: saving them starts a new initial cycle over everyone.
    MappingsChanged,
    /// Only the users' values in Entra changed: the next incremental cycle sends them.
    UsersChanged,
}

impl Reach {
    /// The reminder shown with the requests. Microsoft: "A new initial cycle is triggered
    /// because of a change in attribute mappings or scoping filters. This action also clears
    /// any stored watermark and causes all source objects to be evaluated again", and
    /// incremental cycles query only "users and groups that were updated since the last
    /// watermark" (entra-docs `how-provisioning-works.md`, Incremental cycles).
    pub fn reminder(self) -> &'static str {
        match self {
            Reach::MappingsChanged => {
                "Saving changed mappings makes Azure start a new initial cycle that checks \
                 every user again, and sends these requests in it; for many users that can \
                 take hours. If the Provisioning overview does not show a new initial cycle \
                 after you saved, click Restart provisioning: until then, only users who \
                 change in Entra get the new values."
            }
            Reach::UsersChanged => {
                "These users changed in Entra, so Azure's next incremental cycle sends these \
                 requests by itself: no restart needed."
            }
        }
    }
}

/// The next cycle between two previews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextCycle {
    /// Users whose sent values change (some may only have attributes becoming empty), in the
    /// order of the users after.
    pub users: Vec<UserUpdate>,
    /// Per target attribute that changes for someone, in the order of the mappings after.
    pub counts: Vec<AttributeCount>,
    /// Users Azure creates next cycle (skipped before): a POST, not a PATCH.
    pub created: Vec<usize>,
    /// Users of either preview not found in the other (two exports only).
    pub unmatched: usize,
    /// How the change reaches everyone.
    pub reach: Reach,
}

impl NextCycle {
    /// The users Azure sends a request to.
    pub fn sent(&self) -> impl Iterator<Item = &UserUpdate> {
        self.users.iter().filter(|u| u.sends())
    }

    /// A short summary: how many users get a request, are created, and the reminder.
    pub fn summary(&self) -> String {
        let sent = self.sent().count();
        let mut text = if sent == 0 {
            "The next cycle sends no update to the users Azure already created.".to_owned()
        } else {
            let disabled = self.users.iter().filter(|u| u.disable).count();
            let managers = self.users.iter().filter(|u| u.manager.is_some()).count();
            let mut parts = Vec::new();
            if disabled > 0 {
                parts.push(format!("{} now disabled in Entra", users(disabled)));
            }
            if managers > 0 {
                parts.push(format!("{} with a new manager", users(managers)));
            }
            let parts = if parts.is_empty() {
                String::new()
            } else {
                format!(" ({})", parts.join(", "))
            };
            format!(
                "The next cycle sends an update to {} Azure already created{parts}.",
                users(sent)
            )
        };
        if !self.created.is_empty() {
            text.push_str(&format!(
                " It creates {} skipped before.",
                users(self.created.len())
            ));
        }
        if self.unmatched > 0 {
            text.push_str(&format!(
                " {} of one export {} not in the other and {} left out.",
                users(self.unmatched),
                if self.unmatched == 1 { "is" } else { "are" },
                if self.unmatched == 1 { "is" } else { "are" }
            ));
        }
        text
    }
}

/// The next cycle as text, for `diff`: the summary, the counts per attribute, the reminder.
pub fn to_text(next: &NextCycle) -> String {
    let mut out = format!("\nNext cycle: {}\n", next.summary());
    for count in &next.counts {
        out.push_str(&format!("  {}\n", count.sentence()));
    }
    if next.sent().next().is_some() {
        out.push_str(next.reach.reminder());
        out.push_str("\nThe requests: add --requests.\n");
    }
    out
}

/// The users of `after` paired with the same users of `before`: by position when both are
/// previews of the same loaded users, else by object id (then principal name).
fn pairs(before: &Preview, after: &Preview) -> (Vec<(usize, usize)>, usize) {
    if std::sync::Arc::ptr_eq(&before.set, &after.set) {
        let n = before.users.len().min(after.users.len());
        return ((0..n).map(|u| (u, u)).collect(), 0);
    }
    let key = |p: &Preview, u: usize| -> Option<String> {
        let user = &p.set.users[u];
        user.text(&p.set.names, "objectId")
            .map(|id| format!("id:{id}"))
            .or_else(|| {
                user.text(&p.set.names, "userPrincipalName")
                    .map(|n| format!("upn:{}", n.to_lowercase()))
            })
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    for u in 0..before.users.len() {
        if let Some(k) = key(before, u) {
            index.entry(k).or_insert(u);
        }
    }
    let mut pairs = Vec::new();
    for a in 0..after.users.len() {
        if let Some(&b) = key(after, a).and_then(|k| index.get(&k)) {
            pairs.push((b, a));
        }
    }
    let unmatched = (before.users.len() + after.users.len()).saturating_sub(2 * pairs.len());
    (pairs, unmatched)
}

/// Each target's mapping (the later one when a target is mapped twice, as the preview does).
fn by_target(preview: &Preview) -> HashMap<&str, usize> {
    preview
        .mappings
        .iter()
        .enumerate()
        .map(|(m, c)| (c.mapping.target.as_str(), m))
        .collect()
}

/// What the next cycle sends when Azure created the users of `before` and now has `after`
/// (new mappings, a later export, or both). The dialect is `after`'s.
pub fn next_cycle(before: &Preview, after: &Preview) -> NextCycle {
    let (pairs, unmatched) = pairs(before, after);
    let old_targets = by_target(before);
    let old_manager = before.enterprise_mapping("manager");
    let new_manager = after.enterprise_mapping("manager");
    let mut counts: Vec<AttributeCount> = after
        .mappings
        .iter()
        .map(|c| AttributeCount {
            target: c.mapping.target.clone(),
            ..AttributeCount::default()
        })
        .collect();
    let mut updates = Vec::new();
    let mut created = Vec::new();
    for (b, a) in pairs {
        if before.users[b].skipped.is_some() {
            if after.users[a].skipped.is_none() {
                created.push(a);
            }
            continue;
        }
        match after.users[a].skipped.as_deref() {
            None => {}
            Some(SkipReason::Disabled) => {
                updates.push(UserUpdate {
                    before: b,
                    after: a,
                    changes: Vec::new(),
                    manager: None,
                    disable: true,
                });
                continue;
            }
            // Azure can no longer match or scope this user: no update to preview.
            Some(_) => continue,
        }
        let mut changes = Vec::new();
        for (m, compiled) in after.mappings.iter().enumerate() {
            let Some(target) = &after.targets[m] else {
                continue;
            };
            if target.is_manager() || compiled.mapping.apply == Apply::OnCreate {
                continue;
            }
            let old = old_targets
                .get(compiled.mapping.target.as_str())
                .and_then(|&m| before.create_value(b, m));
            let new = after.update_value(a, m);
            if old == new {
                continue;
            }
            let op = match (old, new) {
                (None, Some(_)) => Some(UpdateOp::Add),
                (Some(_), Some(_)) => Some(UpdateOp::Replace),
                _ => None,
            };
            let count = &mut counts[m];
            match op {
                Some(UpdateOp::Add) => count.add += 1,
                Some(UpdateOp::Replace) => count.replace += 1,
                None => count.emptied += 1,
            }
            changes.push(Change {
                mapping: m,
                target: compiled.mapping.target.clone(),
                op,
                old: old.map(str::to_owned),
                new: new.map(str::to_owned),
            });
        }
        let old_id = old_manager.and_then(|m| before.update_value(b, m));
        let new_id = new_manager.and_then(|m| after.update_value(a, m));
        let manager = match (old_id, new_id) {
            (old, Some(new)) if old != Some(new) => Some(if old.is_none() {
                UpdateOp::Add
            } else {
                UpdateOp::Replace
            }),
            _ => None,
        };
        if !changes.is_empty() || manager.is_some() {
            updates.push(UserUpdate {
                before: b,
                after: a,
                changes,
                manager,
                disable: false,
            });
        }
    }
    let mappings =
        |p: &Preview| -> Vec<Mapping> { p.mappings.iter().map(|c| c.mapping.clone()).collect() };
    let reach = if mappings(before) == mappings(after) {
        Reach::UsersChanged
    } else {
        Reach::MappingsChanged
    };
    counts.retain(|c| c.add + c.replace + c.emptied > 0);
    NextCycle {
        users: updates,
        counts,
        created,
        unmatched,
        reach,
    }
}

/// The PATCH the next cycle sends `update`'s user (empty when only values become empty).
pub fn patch(after: &Preview, update: &UserUpdate) -> Patch {
    let flag = after.options.aad_opt_scim_062020;
    if update.disable {
        return Patch::disable(flag);
    }
    Patch::of(
        flag,
        update
            .changes
            .iter()
            .filter_map(|c| Some((c.op?, after.targets[c.mapping].as_ref()?, c.new.as_deref()?))),
    )
}

/// The separate manager PATCH the next cycle sends `update`'s user, if the manager changes to
/// someone Azure provisions.
pub fn manager_patch(after: &Preview, update: &UserUpdate, lookup: &Lookup) -> Option<Value> {
    scim::manager_patch_as(after, update.after, None, lookup, update.manager?)
}

/// The notes that go with the requests: the choices Microsoft's examples leave open.
pub fn choices(after: &Preview) -> Vec<RequestChoice> {
    let mut choices = vec![RequestChoice::EmptyValue];
    if after.options.aad_opt_scim_062020 {
        choices.push(RequestChoice::CollapsedLast);
    }
    choices
}

/// Writes the next cycle as one JSON object, user by user as each request is made (`diff
/// --requests`): `{"dialect", "reminder", "summary", "counts": [{"target", "add", "replace",
/// "emptied"}], "created": N, "users": [{"id", "userPrincipalName", "patch", "managerPatch"}],
/// "notes": [...]}`. `users` lists the users Azure sends a request to.
pub fn write_json(out: &mut dyn Write, after: &Preview, next: &NextCycle) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(64 * 1024, out);
    let mut serializer = serde_json::Serializer::new(&mut buffered);
    let dialect = if after.options.aad_opt_scim_062020 {
        "aadOptscim062020"
    } else {
        "default"
    };
    let notes: Vec<&str> = choices(after).iter().map(|c| c.text()).collect();
    let mut map = serializer.serialize_map(None).map_err(io::Error::other)?;
    map.serialize_entry("dialect", dialect)
        .map_err(io::Error::other)?;
    map.serialize_entry("reminder", next.reach.reminder())
        .map_err(io::Error::other)?;
    map.serialize_entry("summary", &next.summary())
        .map_err(io::Error::other)?;
    map.serialize_entry("counts", &next.counts)
        .map_err(io::Error::other)?;
    map.serialize_entry("created", &next.created.len())
        .map_err(io::Error::other)?;
    map.serialize_entry("users", &Users { after, next })
        .map_err(io::Error::other)?;
    map.serialize_entry("notes", &notes)
        .map_err(io::Error::other)?;
    SerializeMap::end(map).map_err(io::Error::other)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// The `users` list, each user's requests made as it is written.
struct Users<'a> {
    after: &'a Preview,
    next: &'a NextCycle,
}

impl Serialize for Users<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let lookup = Lookup::new(self.after);
        let mut seq = serializer.serialize_seq(None)?;
        for update in self.next.sent() {
            let a = update.after;
            let set = &self.after.set;
            let upn = set.users[a].text(&set.names, "userPrincipalName");
            let patch = patch(self.after, update);
            let patch = if patch.is_empty() {
                Value::Null
            } else {
                serde_json::to_value(&patch).map_err(serde::ser::Error::custom)?
            };
            let manager = manager_patch(self.after, update, &lookup);
            seq.serialize_element(&serde_json::json!({
                "id": super::export::user_id(set, a),
                "userPrincipalName": upn,
                "patch": patch,
                "managerPatch": manager,
            }))?;
        }
        seq.end()
    }
}
