//! Who each user's manager is for Azure: one decision ([`link`]) behind both the PATCH that sets
//! the manager ([`super::scim::manager_patch`]) and the problems of users who lose their
//! reporting line because their manager is not provisioned ([`problems`]).

use rayon::prelude::*;

use super::Preview;
use super::diagnostics::Diagnostic;
use super::target::Target;

/// Where a user's manager is, as Azure would resolve the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManagerLink<'p> {
    /// A loaded user Azure creates: the manager PATCH references them.
    Created(usize),
    /// A loaded user Azure skips: no manager is sent, the reporting line is lost.
    Skipped(usize),
    /// An id that is not among the loaded users: Azure sets the manager only if it provisions
    /// that manager too, which the preview cannot tell.
    NotLoaded(&'p str),
}

/// The mapping whose target is the enterprise `manager`.
pub fn manager_mapping(preview: &Preview) -> Option<usize> {
    preview
        .targets
        .iter()
        .position(|t| t.as_ref().is_some_and(Target::is_manager))
}

/// User `u`'s manager: `None` when no mapping sends a manager, Azure skips `u`, or `u` has no
/// manager value.
pub fn link(preview: &Preview, u: usize) -> Option<ManagerLink<'_>> {
    link_by(preview, manager_mapping(preview)?, u)
}

/// What the manager requests of many users look up, found once (an export of 100 000 users
/// asks for each of them): the manager mapping, the `userName` mapping (how a created manager is
/// named). Users by object id are indexed by the preview itself, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lookup {
    /// The mapping whose target is the enterprise `manager`.
    pub manager: Option<usize>,
    /// The mapping whose target is `userName`.
    pub user_name: Option<usize>,
}

impl Lookup {
    /// The lookups of `preview`.
    pub fn new(preview: &Preview) -> Self {
        Self {
            manager: manager_mapping(preview),
            user_name: preview
                .targets
                .iter()
                .position(|t| matches!(t, Some(Target::Top(name)) if name == "userName")),
        }
    }

    /// [`link`], with the manager mapping found already.
    pub fn link<'p>(&self, preview: &'p Preview, u: usize) -> Option<ManagerLink<'p>> {
        link_by(preview, self.manager?, u)
    }
}

/// [`link`], given the manager mapping `m`.
fn link_by(preview: &Preview, m: usize, u: usize) -> Option<ManagerLink<'_>> {
    if preview.users.get(u)?.skipped.is_some() {
        return None;
    }
    let manager_id = preview.update_value(u, m)?;
    Some(match preview.user_by_object_id(manager_id) {
        Some(i) if preview.users[i].skipped.is_some() => ManagerLink::Skipped(i),
        Some(i) => ManagerLink::Created(i),
        None => ManagerLink::NotLoaded(manager_id),
    })
}

/// The users whose reporting line is lost or in doubt: those whose manager Azure skips, and
/// those whose manager is not among the loaded users.
pub fn problems(preview: &Preview) -> Vec<Diagnostic> {
    let Some(m) = manager_mapping(preview) else {
        return Vec::new();
    };
    // Looked up on every core: each lookup is a wait for memory (the index, the manager's id).
    let (skipped, not_loaded): (Vec<usize>, Vec<usize>) = (0..preview.users.len())
        .into_par_iter()
        .filter_map(|u| match link_by(preview, m, u) {
            Some(ManagerLink::Skipped(_)) => Some((u, true)),
            Some(ManagerLink::NotLoaded(_)) => Some((u, false)),
            Some(ManagerLink::Created(_)) | None => None,
        })
        .partition_map(|(u, skipped)| {
            if skipped {
                rayon::iter::Either::Left(u)
            } else {
                rayon::iter::Either::Right(u)
            }
        });
    let mut out = Vec::new();
    if !skipped.is_empty() {
        let n = skipped.len();
        out.push(Diagnostic {
            kind: "manager-skipped",
            message: format!(
                "{n} user{} a manager whom Azure skips (see Skipped): Azure sends no manager for \
                 {}, so {} reporting line{} missing in Secure Practice. Enable the manager's \
                 account in Entra (or give the manager the missing value), or give {} another \
                 manager.",
                if n == 1 { " has" } else { "s have" },
                if n == 1 { "this user" } else { "them" },
                if n == 1 { "the" } else { "their" },
                if n == 1 { " is" } else { "s are" },
                if n == 1 { "the user" } else { "these users" },
            ),
            shareable: None,
            users: skipped,
        });
    }
    if !not_loaded.is_empty() {
        let n = not_loaded.len();
        out.push(Diagnostic {
            kind: "manager-not-loaded",
            message: format!(
                "{n} user{} a manager who is not among the loaded users. Azure sets the manager \
                 only if it provisions that manager too (assigned to the app in Entra); if not, \
                 {} no manager in Secure Practice. Load the export of every user to check.",
                if n == 1 { " has" } else { "s have" },
                if n == 1 { "this user gets" } else { "they get" },
            ),
            shareable: None,
            users: not_loaded,
        });
    }
    out
}
