//! Azure's rules for "Sync only assigned users and groups", applied to the loaded assignments
//! ([`crate::import::assignments`]): a user is in scope when assigned directly, or when an
//! immediate member of an assigned group. Members of groups nested in an assigned group are
//! not: "The Microsoft Entra user provisioning service can't read or provision users in nested
//! groups. The service can only read and provision users that are immediate members of an
//! explicitly assigned group" (how-provisioning-works, "Assignment-based scoping"); "Nested
//! group memberships aren't supported for group-based assignment to applications" (groups-saasapps).
//! The assignments also give each assigned user the `appRoleAssignments` the app-role
//! functions read ([`apply_app_roles`]).

use std::collections::HashMap;
use std::sync::Arc;

use crate::import::UserSet;
use crate::import::assignments::{Assignments, PrincipalType};
use crate::import::record::{User, UserValue};

/// How a user is assigned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// Assigned directly, with this app role id.
    Direct(String),
    /// Through this group (display name or id), with this app role id.
    Group(String, String),
}

impl Via {
    /// The app role id of the assignment (`crate::import::assignments::DEFAULT_ACCESS` for
    /// "Default Access").
    pub fn app_role_id(&self) -> &str {
        match self {
            Via::Direct(role) | Via::Group(_, role) => role,
        }
    }
}

/// Why a user is not assigned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAssigned {
    /// Neither assigned directly nor a member of an assigned group's loaded member list.
    Nowhere,
    /// A member of this group (loaded), which is not assigned to the app.
    UnassignedGroup(String),
    /// A member of group `.0`, nested in the assigned group `.1`: Azure does not provision
    /// members of nested groups.
    Nested(String, String),
}

/// The reason of a user found in no loaded list.
static NOWHERE: NotAssigned = NotAssigned::Nowhere;

/// The assignments, indexed by user.
#[derive(Debug, Default)]
pub struct AssignmentIndex {
    /// User object id or principal name (lower case) → how they are assigned.
    assigned: HashMap<String, Vec<Via>>,
    /// User → a loaded group they are in that is not assigned, or nested in an assigned one.
    other: HashMap<String, NotAssigned>,
    /// Assigned groups whose member list is not loaded (display name or id), shared by every
    /// reason that names them.
    pub unlisted: Arc<[String]>,
}

impl AssignmentIndex {
    /// The index of `assignments`, or `None` when no file of the app's assignments is loaded
    /// (then every loaded user is taken as assigned).
    pub fn new(assignments: &Assignments) -> Option<Self> {
        if !assignments.has_assignments() {
            return None;
        }
        let mut index = AssignmentIndex::default();
        let mut groups: HashMap<String, (String, String)> = HashMap::new();
        for a in assignments.assignments() {
            let id = a.principal_id.to_ascii_lowercase();
            match a.principal_type {
                PrincipalType::User => index
                    .assigned
                    .entry(id)
                    .or_default()
                    .push(Via::Direct(a.app_role_id.clone())),
                PrincipalType::Group => {
                    let name = if a.name.is_empty() {
                        a.principal_id.clone()
                    } else {
                        a.name.clone()
                    };
                    groups.insert(id, (name, a.app_role_id.clone()));
                }
                PrincipalType::Other => {}
            }
        }
        let name_of = |list_group: &str| assignments.group_name(list_group);
        for list in assignments.member_lists() {
            let assigned = groups.get(&list.group.to_ascii_lowercase());
            // Not assigned: nested in an assigned group, if a loaded list says so (decided once
            // per list, not per member).
            let reason = assigned.is_none().then(|| {
                let parent = assignments.member_lists().find(|parent| {
                    groups.contains_key(&parent.group.to_ascii_lowercase())
                        && parent
                            .members
                            .iter()
                            .any(|m| m.is_group && m.id.eq_ignore_ascii_case(&list.group))
                });
                match parent {
                    Some(parent) => {
                        NotAssigned::Nested(name_of(&list.group), name_of(&parent.group))
                    }
                    None => NotAssigned::UnassignedGroup(name_of(&list.group)),
                }
            });
            for member in list.members.iter().filter(|m| !m.is_group) {
                let keys = std::iter::once(member.id.to_ascii_lowercase()).chain(
                    member
                        .user_principal_name
                        .iter()
                        .map(|u| u.to_ascii_lowercase()),
                );
                for key in keys {
                    match (assigned, &reason) {
                        (Some((name, role)), _) => index
                            .assigned
                            .entry(key)
                            .or_default()
                            .push(Via::Group(name.clone(), role.clone())),
                        (None, Some(reason)) => {
                            index.other.entry(key).or_insert_with(|| reason.clone());
                        }
                        (None, None) => {}
                    }
                }
            }
        }
        index.unlisted = assignments
            .groups_without_members()
            .iter()
            .map(|a| assignments.group_name(&a.principal_id))
            .collect();
        Some(index)
    }

    /// How `user` is assigned, or why not; by object id, else by principal name.
    pub fn status(&self, set: &UserSet, user: &User) -> Result<&[Via], &NotAssigned> {
        let keys = ["objectId", "userPrincipalName"]
            .into_iter()
            .filter_map(|name| user.text(&set.names, name))
            .map(str::to_ascii_lowercase);
        let mut why: &NotAssigned = &NOWHERE;
        for key in keys {
            if let Some(via) = self.assigned.get(&key) {
                return Ok(via.as_slice());
            }
            if let Some(other) = self.other.get(&key) {
                why = other;
            }
        }
        Err(why)
    }
}

/// The value an assignment gives the user's `appRoleAssignments`: the app role's id, or
/// "Default Access" for an assignment without a role (the assignment list has no role names).
fn role_value(app_role_id: &str) -> String {
    if app_role_id == crate::import::assignments::DEFAULT_ACCESS {
        "Default Access".to_owned()
    } else {
        app_role_id.to_owned()
    }
}

/// Gives every assigned user of `set` the attribute `appRoleAssignments` Azure computes from
/// the app's assignments (one value per assignment: directly and through each assigned group),
/// which `SingleAppRoleAssignment`, `AppRoleAssignmentsComplex` and
/// `AssertiveAppRoleAssignmentsComplex` read. Nothing changes without an assignment file.
pub fn apply_app_roles(set: &mut UserSet) {
    let Some(index) = set.assignments.as_deref().and_then(AssignmentIndex::new) else {
        return;
    };
    let roles: Vec<Option<Vec<String>>> = set
        .users
        .iter()
        .map(|user| {
            let via = index.status(set, user).ok()?;
            Some(via.iter().map(|v| role_value(v.app_role_id())).collect())
        })
        .collect();
    let attr = set.names.intern("appRoleAssignments");
    let key = set.keys.intern("appRoleAssignedTo");
    for (user, roles) in set.users.iter_mut().zip(roles) {
        if let Some(roles) = roles {
            user.set(attr, key, UserValue::Many(roles));
        }
    }
}

/// How many users the loaded assignments name (assigned directly, or immediate members of an
/// assigned group's loaded list) who are not among the loaded users: Azure would provision
/// them, but the preview cannot show them.
pub fn assigned_not_loaded(set: &UserSet) -> usize {
    let Some(assignments) = set.assignments.as_deref().filter(|a| a.has_assignments()) else {
        return 0;
    };
    let mut loaded: std::collections::HashSet<String> = std::collections::HashSet::new();
    for user in &set.users {
        for name in ["objectId", "userPrincipalName"] {
            if let Some(value) = user.text(&set.names, name) {
                loaded.insert(value.to_ascii_lowercase());
            }
        }
    }
    let assigned_groups: std::collections::HashSet<String> = assignments
        .assignments()
        .filter(|a| a.principal_type == PrincipalType::Group)
        .map(|a| a.principal_id.to_ascii_lowercase())
        .collect();
    let direct = assignments
        .assignments()
        .filter(|a| a.principal_type == PrincipalType::User)
        .map(|a| (a.principal_id.to_ascii_lowercase(), None));
    let members = assignments
        .member_lists()
        .filter(|l| assigned_groups.contains(&l.group.to_ascii_lowercase()))
        .flat_map(|l| l.members.iter().filter(|m| !m.is_group))
        .map(|m| {
            let upn = m
                .user_principal_name
                .as_ref()
                .map(|u| u.to_ascii_lowercase());
            (m.id.to_ascii_lowercase(), upn)
        });
    let mut missing: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (id, upn) in direct.chain(members) {
        let found = loaded.contains(&id) || upn.as_ref().is_some_and(|u| loaded.contains(u));
        if !found {
            missing.insert(id);
        }
    }
    missing.len()
}
