//! Which personal data a mapping set sends, and to how many users: what an admin checks before
//! deciding to leave something out (Secure Practice's guide gives mobile phone numbers as the
//! example). A mapping is personal by the same rule the redaction uses
//! ([`super::redact::personal_mapping`]); the counts come from a preview of the same mappings.

use super::Preview;
use super::redact::personal_mapping;
use super::target::Target;
use crate::expr::AttributeNames;
use crate::mapping::MappingSet;
use crate::mapping::compiled::compile_one;

/// Why a personal mapping cannot simply be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Azure finds the user in the app by it ("Match objects using this attribute").
    Matching,
    /// SCIM requires a userName for every user.
    UserName,
}

impl Keep {
    /// Why, in the admin's words.
    pub fn reason(self) -> &'static str {
        match self {
            Keep::Matching => "Azure finds users in Secure Practice by it",
            Keep::UserName => "every user needs a userName",
        }
    }
}

/// One mapping that sends personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalSend {
    /// The mapping's index in the set.
    pub mapping: usize,
    /// How many of the users Azure would create get a value from it; `None` without a preview
    /// of these mappings.
    pub users: Option<usize>,
    /// Why it must stay, if it must.
    pub keep: Option<Keep>,
}

/// What a mapping set sends that is personal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalData {
    /// The personal mappings, in the set's order.
    pub sends: Vec<PersonalSend>,
    /// How many users Azure would create, from the preview; `None` without one.
    pub created: Option<usize>,
}

/// The personal mappings of `set`, counted over `preview` where it previewed the same mapping
/// (a preview still running after an edit counts the mappings it has).
pub fn personal_data(set: &MappingSet, preview: Option<&Preview>) -> PersonalData {
    let mut names = AttributeNames::new();
    let sends = set
        .mappings
        .iter()
        .enumerate()
        .filter(|(_, mapping)| {
            let compiled = compile_one(mapping, &mut names);
            personal_mapping(&compiled, Target::parse(&mapping.target).as_ref())
        })
        .map(|(m, mapping)| {
            let users = preview.and_then(|preview| {
                let p = preview
                    .mappings
                    .get(m)
                    .filter(|c| c.mapping == *mapping)
                    .map(|_| m)
                    .or_else(|| preview.mappings.iter().position(|c| c.mapping == *mapping))?;
                Some(
                    (0..preview.users.len())
                        .filter(|&u| {
                            preview.users[u].skipped.is_none()
                                && preview.create_value(u, p).is_some()
                        })
                        .count(),
                )
            });
            let keep = if mapping.matching > 0 {
                Some(Keep::Matching)
            } else if mapping.target == "userName" {
                Some(Keep::UserName)
            } else {
                None
            };
            PersonalSend {
                mapping: m,
                users,
                keep,
            }
        })
        .collect();
    PersonalData {
        sends,
        created: preview.map(|p| p.users.iter().filter(|u| u.skipped.is_none()).count()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::import::{Input, Progress, UserSet};
    use crate::mapping::presets;
    use crate::preview::{Options, run};

    fn users() -> Arc<UserSet> {
        let json = r#"{"value":[
            {"id":"1","accountEnabled":true,"userPrincipalName":"a@contoso.com","displayName":"A","mobile":"+47 900 00 001","jobTitle":"Chef"},
            {"id":"2","userPrincipalName":"b@contoso.com","displayName":"B","mobile":"+47 900 00 002"},
            {"id":"3","userPrincipalName":"c@contoso.com","displayName":"C"},
            {"id":"4","userPrincipalName":"d@contoso.com","mobile":"+47 900 00 004","accountEnabled":false}
        ]}"#;
        let input = Input::Bytes {
            name: "users.json".into(),
            bytes: json.as_bytes().to_vec().into(),
        };
        Arc::new(UserSet::load(&[input], &Progress::default()).0)
    }

    fn target_of<'a>(set: &'a MappingSet, send: &PersonalSend) -> &'a str {
        &set.mappings[send.mapping].target
    }

    #[test]
    fn personal_mappings_are_listed_with_how_many_created_users_get_a_value() {
        let set = presets::azure_defaults();
        let preview = run(users(), &set, Options::default());
        let data = personal_data(&set, Some(&preview));
        assert_eq!(data.created, Some(3), "the disabled user is skipped");
        let find = |target: &str| {
            data.sends
                .iter()
                .find(|s| target_of(&set, s) == target)
                .unwrap_or_else(|| panic!("{target} is listed"))
        };
        let mobile = find(r#"phoneNumbers[type eq "mobile"].value"#);
        assert_eq!(
            mobile.users,
            Some(2),
            "the disabled user's mobile is not counted"
        );
        assert_eq!(mobile.keep, None);
        assert_eq!(find("displayName").users, Some(3));
        assert_eq!(find("userName").keep, Some(Keep::Matching));
        assert_eq!(find(r#"emails[type eq "work"].value"#).users, Some(0));
        // Not personal: job title, the active flag, the department.
        for target in ["title", "active", "preferredLanguage"] {
            assert!(
                data.sends.iter().all(|s| target_of(&set, s) != target),
                "{target} is not personal"
            );
        }
    }

    #[test]
    fn without_a_preview_of_these_mappings_nothing_is_counted() {
        let set = presets::azure_defaults();
        let data = personal_data(&set, None);
        assert!(data.sends.iter().all(|s| s.users.is_none()));
        assert_eq!(data.created, None);

        // A preview of other mappings counts only the mappings it has.
        let preview = run(users(), &set, Options::default());
        let mut edited = set.clone();
        let mobile = edited
            .mappings
            .iter()
            .position(|m| m.target.contains("mobile"))
            .unwrap();
        edited.mappings.remove(0);
        edited.mappings[mobile - 1].source = "telephoneNumber".into();
        let data = personal_data(&edited, Some(&preview));
        let counted: Vec<bool> = data.sends.iter().map(|s| s.users.is_some()).collect();
        assert!(counted.iter().filter(|c| !**c).count() == 1, "{counted:?}");
        let uncounted = data.sends.iter().find(|s| s.users.is_none()).unwrap();
        assert_eq!(uncounted.mapping, mobile - 1);
    }
}
