//! Which attributes the loaded users have, how many users have each, what a gap means for the
//! preview, and how to export again so the gap closes.
//!
//! The attributes always listed are the ones Azure's default mappings and the organization
//! hierarchy (`companyName` > `employeeOrgData.division` > `department`) read; others are
//! listed when any user has them.

use super::names::graph_property;
use crate::expr::AttributeNames;

/// (source attribute, what the preview loses without it).
pub const IMPORTANT: &[(&str, &str)] = &[
    (
        "userPrincipalName",
        "the SCIM userName and the match with existing users: Azure cannot provision a user without it",
    ),
    (
        "objectId",
        "users cannot be told apart across files, and managers cannot be found",
    ),
    (
        "IsSoftDeleted",
        "every user is shown as active; disabled accounts would be left out by Azure",
    ),
    ("displayName", "the SCIM displayName is empty"),
    ("givenName", "name.givenName and name.formatted are empty"),
    ("surname", "name.familyName and name.formatted are empty"),
    ("mail", "the work e-mail is empty"),
    (
        "mailNickname",
        "the SCIM externalId (default mapping) is empty",
    ),
    ("jobTitle", "the SCIM title is empty"),
    (
        "companyName",
        "the hierarchy has no organization level (the top of the tree)",
    ),
    (
        "employeeOrgData.division",
        "the hierarchy has no division level",
    ),
    (
        "department",
        "the hierarchy has no department level, and the default department mapping sends nothing",
    ),
    (
        "employeeOrgData.costCenter",
        "a costCenter mapping sends nothing",
    ),
    (
        "manager",
        "no user gets a manager, so the reporting lines cannot be previewed",
    ),
    ("employeeId", "the SCIM employeeNumber is empty"),
    ("telephoneNumber", "the work phone number is empty"),
    ("mobile", "the mobile phone number is empty"),
    (
        "physicalDeliveryOfficeName",
        "the work address has no formatted office name",
    ),
    ("preferredLanguage", "the SCIM preferredLanguage is empty"),
];

/// One row of the coverage table.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow {
    /// The source attribute.
    pub attribute: String,
    /// How many users have a value.
    pub users: usize,
    /// `users` over all users, 0 to 1.
    pub fraction: f64,
    /// What the preview loses where it is missing (attributes the preview relies on).
    pub missing_means: Option<&'static str>,
    /// The Graph `$select` property (and PowerShell `-Property` name) that brings it.
    pub select: Option<String>,
    /// The loaded files cannot contain it (the admin center's CSV has no column for it).
    pub not_in_export: bool,
}

/// The coverage rows from `counts` (users per attribute index) of `users` users.
pub fn coverage(
    counts: &[usize],
    users: usize,
    names: &AttributeNames,
    csv_only_columns: Option<&[String]>,
) -> Vec<CoverageRow> {
    let count = |i: usize| counts.get(i).copied().unwrap_or(0);
    let total = users.max(1);
    let row = |attribute: &str, users: usize, missing_means: Option<&'static str>| CoverageRow {
        attribute: attribute.to_owned(),
        users,
        fraction: users as f64 / total as f64,
        missing_means,
        select: graph_property(attribute),
        not_in_export: csv_only_columns
            .is_some_and(|columns| users == 0 && !columns.iter().any(|c| c == attribute)),
    };
    let mut rows: Vec<CoverageRow> = IMPORTANT
        .iter()
        .map(|(name, means)| {
            let users = names.get(name).map_or(0, count);
            row(name, users, Some(means))
        })
        .collect();
    let mut others: Vec<CoverageRow> = names
        .iter()
        .enumerate()
        .filter(|(i, name)| {
            count(*i) > 0 && !IMPORTANT.iter().any(|(important, _)| important == name)
        })
        .map(|(i, name)| row(name, count(i), None))
        .collect();
    others.sort_by(|a, b| a.attribute.cmp(&b.attribute));
    rows.extend(others);
    rows
}

/// The command lines that export every attribute the preview uses: a Graph request and a
/// Microsoft Graph PowerShell command.
pub fn export_advice() -> [String; 2] {
    let mut select: Vec<String> = Vec::new();
    for property in IMPORTANT
        .iter()
        .filter(|(name, _)| *name != "manager")
        .filter_map(|(name, _)| graph_property(name))
    {
        if !select.contains(&property) {
            select.push(property);
        }
    }
    let list = select.join(",");
    [
        format!(
            "GET https://graph.microsoft.com/v1.0/users?$select={list}&$expand=manager($select=id)"
        ),
        format!(
            "Get-MgUser -All -Property {list} -ExpandProperty Manager | ConvertTo-Json -Depth 5 | Out-File users.json -Encoding utf8"
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::record::{User, UserValue};

    fn counted(users: &[User], names: &AttributeNames) -> Vec<usize> {
        let mut counts = vec![0; names.len()];
        for user in users {
            for slot in user.slots() {
                counts[slot.attr as usize] += 1;
            }
        }
        counts
    }

    #[test]
    fn coverage_counts_users_and_lists_what_the_preview_needs() {
        let mut names = AttributeNames::new();
        let department = names.intern("department");
        let city = names.intern("city");
        let mut users = Vec::new();
        for i in 0..4 {
            let mut user = User::new(0, i);
            if i < 3 {
                user.set(department, 0, UserValue::One("Sales".into()));
            }
            if i == 0 {
                user.set(city, 0, UserValue::One("Oslo".into()));
            }
            users.push(user);
        }
        let set = counted(&users, &names);
        let rows = coverage(&set, users.len(), &names, None);
        let find = |name: &str| rows.iter().find(|r| r.attribute == name).unwrap();
        assert_eq!(find("department").users, 3);
        assert!((find("department").fraction - 0.75).abs() < 1e-9);
        assert_eq!(find("companyName").users, 0);
        assert!(
            find("companyName")
                .missing_means
                .unwrap()
                .contains("organization")
        );
        assert_eq!(
            find("manager")
                .select
                .as_deref()
                .map(|s| s.contains("$expand")),
            Some(true)
        );
        assert_eq!(
            find("city").users,
            1,
            "other attributes are listed when present"
        );
        assert!(!find("companyName").not_in_export);
        // From a portal CSV without a companyName column: it can never be there.
        let rows = coverage(&set, users.len(), &names, Some(&["department".to_owned()]));
        assert!(
            rows.iter()
                .find(|r| r.attribute == "companyName")
                .unwrap()
                .not_in_export
        );
        assert!(
            !rows
                .iter()
                .find(|r| r.attribute == "department")
                .unwrap()
                .not_in_export
        );
    }

    #[test]
    fn advice_selects_every_property_the_preview_uses() {
        let [graph, powershell] = export_advice();
        for property in [
            "companyName",
            "employeeOrgData",
            "department",
            "accountEnabled",
            "mailNickname",
        ] {
            assert!(graph.contains(property), "{property}");
            assert!(powershell.contains(property), "{property}");
        }
        assert!(graph.contains("$expand=manager"));
        assert!(powershell.contains("-Depth 5"));
        assert!(
            !graph.contains("manager (with"),
            "manager is expanded, not selected"
        );
    }
}
