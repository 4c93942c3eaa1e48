//! Which attributes the loaded users have, how many users have each, what a gap means for the
//! users without it, and how to export again so the gap closes.
//!
//! The attributes listed first are the ones the preview needs: each [`Need`] is a source
//! attribute the mappings read (or the preview itself: `objectId`, `IsSoftDeleted`), with what
//! a user without it loses (`preview::needs` derives them from the mappings). Others are listed
//! when any user has them. The percentage and the sentence about a gap come from the same
//! counts ([`CoverageRow::percent`], [`CoverageRow::gap`]), so they always agree.

use super::names::graph_property;
use crate::expr::AttributeNames;

/// A source attribute the preview reads, with what a user without it loses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// The source attribute (Azure's name, as the mappings write it).
    pub attribute: String,
    /// What the users without it lose, said of them: "they get no manager, so no reporting
    /// line".
    pub for_them: String,
    /// What it means when no user has it: "no user gets a manager, so there are no reporting
    /// lines".
    pub for_all: String,
}

/// One row of the coverage table.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow {
    /// The source attribute.
    pub attribute: String,
    /// How many users have a value.
    pub users: usize,
    /// How many users there are.
    pub total: usize,
    /// `users` over `total`, 0 to 1 (for a bar).
    pub fraction: f64,
    /// What the preview needs it for (attributes the mappings or the preview read).
    pub need: Option<Need>,
    /// The Graph `$select` property (and PowerShell `-Property` name) that brings it.
    pub select: Option<String>,
    /// The loaded files cannot contain it (the admin center's CSV has no column for it).
    pub not_in_export: bool,
}

impl CoverageRow {
    /// The share of users who have it, as shown next to the bar: "98 %". Never "100 %" unless
    /// every user has it, nor "0 %" unless none has.
    pub fn percent(&self) -> String {
        format!("{} %", percent_of(self.users, self.total))
    }

    /// The sentence about a gap in an attribute the preview needs, or `None` when every user
    /// has it: "13 of 64 users have no manager: they get no manager, so no reporting line."
    /// Ends with how to close the gap when the export lacks the attribute entirely.
    pub fn gap(&self) -> Option<String> {
        let need = self.need.as_ref()?;
        if self.users >= self.total {
            return None;
        }
        let label = explained(&self.attribute);
        let mut text = if self.users == 0 {
            match self.total {
                1 => format!("The one user has no {label}: {}.", need.for_all),
                total => format!("None of the {total} users has {label}: {}.", need.for_all),
            }
        } else {
            let missing = self.total - self.users;
            format!(
                "{missing} of {} users {} no {label}: {}.",
                self.total,
                if missing == 1 { "has" } else { "have" },
                need.for_them
            )
        };
        if self.not_in_export {
            text.push_str(" This kind of export cannot contain it.");
        } else if self.users == 0
            && let Some(select) = &self.select
        {
            text.push_str(&format!(" Add {select} to the export."));
        }
        Some(text)
    }

    /// The share as a number for scripts, to 4 decimals; 1 and 0 only when exact.
    pub fn rounded_fraction(&self) -> f64 {
        let rounded = (self.fraction * 10_000.0).round() / 10_000.0;
        if self.users == 0 || self.users >= self.total {
            rounded
        } else {
            rounded.clamp(0.0001, 0.9999)
        }
    }
}

/// `part` of `whole` in whole percent, rounded, but never 100 unless `part` is `whole` nor 0
/// unless `part` is 0.
pub fn percent_of(part: usize, whole: usize) -> u32 {
    if whole == 0 || part == 0 {
        return 0;
    }
    if part >= whole {
        return 100;
    }
    let rounded = ((part as f64 / whole as f64) * 100.0).round() as u32;
    rounded.clamp(1, 99)
}

/// An attribute's name in a sentence, with the meaning of names an admin does not know.
fn explained(attribute: &str) -> String {
    match attribute {
        "IsSoftDeleted" => {
            "IsSoftDeleted (whether the account is disabled, from \"account enabled\")".to_owned()
        }
        other => other.to_owned(),
    }
}

/// The coverage rows from `counts` (users per attribute index) of `users` users: the attributes
/// of `needs` first, in their order, then the others any user has, by name.
pub fn coverage(
    counts: &[usize],
    users: usize,
    names: &AttributeNames,
    csv_only_columns: Option<&[String]>,
    needs: &[Need],
) -> Vec<CoverageRow> {
    let count = |i: usize| counts.get(i).copied().unwrap_or(0);
    let row = |attribute: &str, with: usize, need: Option<Need>| CoverageRow {
        attribute: attribute.to_owned(),
        users: with,
        total: users,
        fraction: with as f64 / users.max(1) as f64,
        need,
        select: graph_property(attribute),
        not_in_export: csv_only_columns
            .is_some_and(|columns| with == 0 && !columns.iter().any(|c| c == attribute)),
    };
    let mut rows: Vec<CoverageRow> = needs
        .iter()
        .map(|need| {
            let with = names.get(&need.attribute).map_or(0, count);
            row(&need.attribute, with, Some(need.clone()))
        })
        .collect();
    let mut others: Vec<CoverageRow> = names
        .iter()
        .enumerate()
        .filter(|(i, name)| count(*i) > 0 && !needs.iter().any(|need| need.attribute == *name))
        .map(|(i, name)| row(name, count(i), None))
        .collect();
    others.sort_by(|a, b| a.attribute.cmp(&b.attribute));
    rows.extend(others);
    rows
}

/// The command lines that export every attribute of `needs`: a Graph request and a Microsoft
/// Graph PowerShell command, each with Graph's name for every attribute (`officeLocation` for
/// `physicalDeliveryOfficeName`…), and the manager expanded when it is needed.
pub fn export_advice(needs: &[Need]) -> [String; 2] {
    let mut select: Vec<String> = Vec::new();
    let mut manager = false;
    for need in needs {
        if need.attribute == "manager" {
            manager = true;
        } else if let Some(property) = graph_property(&need.attribute)
            && !select.contains(&property)
        {
            select.push(property);
        }
    }
    let list = select.join(",");
    let (expand, expand_property) = if manager {
        ("&$expand=manager($select=id)", " -ExpandProperty Manager")
    } else {
        ("", "")
    };
    [
        format!("GET https://graph.microsoft.com/v1.0/users?$select={list}{expand}"),
        format!(
            "Get-MgUser -All -Property {list}{expand_property} | ConvertTo-Json -Depth 5 | \
             Out-File users.json -Encoding utf8"
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::record::{User, UserValue};
    use crate::mapping::{Mapping, MappingSet, presets};
    use crate::preview::needs;

    fn counted(users: &[User], names: &AttributeNames) -> Vec<usize> {
        let mut counts = vec![0; names.len()];
        for user in users {
            for slot in user.slots() {
                counts[slot.attr as usize] += 1;
            }
        }
        counts
    }

    /// `total` users, of whom the first `with` have `attribute` (and all have `department`).
    fn rows(attribute: &str, with: usize, total: usize) -> Vec<CoverageRow> {
        let mut names = AttributeNames::new();
        let attr = names.intern(attribute);
        let users: Vec<User> = (0..total)
            .map(|i| {
                let mut user = User::new(0, i);
                if i < with {
                    user.set(attr, 0, UserValue::One("x".into()));
                }
                user
            })
            .collect();
        let needs = needs::of(&presets::secure_practice());
        coverage(&counted(&users, &names), total, &names, None, &needs)
    }

    fn row<'r>(rows: &'r [CoverageRow], attribute: &str) -> &'r CoverageRow {
        rows.iter().find(|r| r.attribute == attribute).unwrap()
    }

    #[test]
    fn coverage_counts_users_and_lists_what_the_mappings_read() {
        let mut names = AttributeNames::new();
        let department = names.intern("department");
        let city = names.intern("usageLocation");
        let mut users = Vec::new();
        for i in 0..4 {
            let mut user = User::new(0, i);
            if i < 3 {
                user.set(department, 0, UserValue::One("Sales".into()));
            }
            if i == 0 {
                user.set(city, 0, UserValue::One("NO".into()));
            }
            users.push(user);
        }
        let needs = needs::of(&presets::secure_practice());
        let set = counted(&users, &names);
        let rows = coverage(&set, users.len(), &names, None, &needs);
        let find = |name: &str| rows.iter().find(|r| r.attribute == name).unwrap();
        assert_eq!(find("department").users, 3);
        assert!((find("department").fraction - 0.75).abs() < 1e-9);
        assert_eq!(find("companyName").users, 0);
        assert!(find("companyName").need.is_some());
        assert!(find("streetAddress").need.is_some(), "the presets map it");
        assert_eq!(
            find("manager")
                .select
                .as_deref()
                .map(|s| s.contains("$expand")),
            Some(true)
        );
        assert_eq!(
            find("usageLocation").users,
            1,
            "other attributes are listed when present"
        );
        assert!(find("usageLocation").need.is_none());
        assert!(!find("companyName").not_in_export);
        // From a portal CSV without a companyName column: it can never be there.
        let rows = coverage(
            &set,
            users.len(),
            &names,
            Some(&["department".to_owned()]),
            &needs,
        );
        assert!(row(&rows, "companyName").not_in_export);
        assert!(
            row(&rows, "companyName")
                .gap()
                .unwrap()
                .ends_with("This kind of export cannot contain it.")
        );
        assert!(!row(&rows, "department").not_in_export);
    }

    #[test]
    fn a_partial_gap_says_how_many_users_lose_what() {
        let table = rows("manager", 51, 64);
        let manager = row(&table, "manager");
        assert_eq!(
            manager.gap().unwrap(),
            "13 of 64 users have no manager: they get no manager, so no reporting line."
        );
        assert_eq!(manager.percent(), "80 %");
        let table = rows("companyName", 63, 64);
        assert_eq!(
            row(&table, "companyName").gap().unwrap(),
            "1 of 64 users has no companyName: they have no organization in the hierarchy \
             (they go under \"(no organization)\")."
        );
        // 63 of 64 is 98 %: the bar and the sentence count the same users.
        assert_eq!(row(&table, "companyName").percent(), "98 %");
    }

    #[test]
    fn a_total_gap_says_what_no_user_gets_and_how_to_export_it() {
        let table = rows("department", 0, 64);
        assert_eq!(
            row(&table, "manager").gap().unwrap(),
            "None of the 64 users has manager: no user gets a manager, so there are no \
             reporting lines. Add manager (with $expand=manager, or -ExpandProperty Manager) to \
             the export."
        );
        assert_eq!(
            row(&table, "companyName").gap().unwrap(),
            "None of the 64 users has companyName: the hierarchy has no organization level. \
             Add companyName to the export."
        );
        assert_eq!(row(&table, "companyName").percent(), "0 %");
        assert!(
            row(&table, "IsSoftDeleted")
                .gap()
                .unwrap()
                .contains("IsSoftDeleted (whether the account is disabled")
        );
        // Everyone has it: no gap.
        let table = rows("manager", 64, 64);
        assert_eq!(row(&table, "manager").gap(), None);
        assert_eq!(row(&table, "manager").percent(), "100 %");
    }

    #[test]
    fn percentages_are_never_rounded_to_all_or_nothing() {
        assert_eq!(percent_of(999, 1000), 99);
        assert_eq!(percent_of(1, 1000), 1);
        assert_eq!(percent_of(1000, 1000), 100);
        assert_eq!(percent_of(0, 1000), 0);
        assert_eq!(percent_of(63, 64), 98);
        assert_eq!(percent_of(0, 0), 0);
        let table = rows("manager", 99_999, 100_000);
        assert_eq!(row(&table, "manager").percent(), "99 %");
        assert_eq!(row(&table, "manager").rounded_fraction(), 0.9999);
    }

    #[test]
    fn advice_selects_every_attribute_each_preset_reads() {
        for preset in [presets::azure_defaults(), presets::secure_practice()] {
            let needs = needs::of(&preset);
            let [graph, powershell] = export_advice(&needs);
            let (_, select) = graph.split_once("$select=").unwrap();
            let select = select.split('&').next().unwrap();
            let listed: Vec<&str> = select.split(',').collect();
            let (_, property) = powershell.split_once("-Property ").unwrap();
            let property: Vec<&str> = property.split(' ').next().unwrap().split(',').collect();
            assert_eq!(listed, property, "the two commands ask for the same");
            for wanted in [
                "id",
                "userPrincipalName",
                "accountEnabled",
                "displayName",
                "streetAddress",
                "city",
                "state",
                "postalCode",
                "country",
                "faxNumber",
                "officeLocation",
                "businessPhones",
                "mobilePhone",
                "mailNickname",
                "employeeId",
                "department",
                "preferredLanguage",
            ] {
                assert!(listed.contains(&wanted), "{wanted} in {graph}");
            }
            for need in &needs {
                if need.attribute != "manager" {
                    let property = graph_property(&need.attribute).unwrap();
                    assert!(listed.contains(&property.as_str()), "{}", need.attribute);
                }
            }
            assert!(graph.ends_with("&$expand=manager($select=id)"));
            assert!(powershell.contains("-ExpandProperty Manager"));
            assert!(powershell.contains("-Depth 5"));
        }
        let [graph, _] = export_advice(&needs::of(&presets::secure_practice()));
        assert!(graph.contains("companyName") && graph.contains("employeeOrgData"));
        let [graph, _] = export_advice(&needs::of(&presets::azure_defaults()));
        assert!(
            !graph.contains("companyName"),
            "the defaults do not read it"
        );
    }

    #[test]
    fn advice_selects_what_an_expression_reads_and_expands_the_manager_only_when_read() {
        let mut set = MappingSet::default();
        set.mappings.push(Mapping::expression(
            r#"Join(" ", [physicalDeliveryOfficeName], [extensionAttribute3], [facsimileTelephoneNumber])"#,
            "displayName",
        ));
        let [graph, powershell] = export_advice(&needs::of(&set));
        assert_eq!(
            graph,
            "GET https://graph.microsoft.com/v1.0/users?$select=officeLocation,\
             onPremisesExtensionAttributes,faxNumber,id,accountEnabled"
        );
        assert!(!powershell.contains("Manager"));
    }
}
