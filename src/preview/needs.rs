//! What the preview needs from an export, derived from the mappings: every source attribute
//! they read (a Direct mapping's source, and every attribute an expression reads, as the
//! compiled expression knows them), plus the two the preview reads itself (`objectId`, to merge
//! files and find managers; `IsSoftDeleted`, to know who is disabled), each with what a user
//! without it loses. The coverage table and the export advice are made from it
//! ([`crate::import::coverage`]).

use super::hierarchy::LEVELS;
use super::target::{Target, shown_name};
use crate::expr::AttributeNames;
use crate::import::coverage::Need;
use crate::mapping::MappingSet;
use crate::mapping::compiled::{CompiledMapping, Source, compile};

/// How one mapping uses an attribute.
struct Use<'c> {
    compiled: &'c CompiledMapping,
    /// Sent as is (a Direct mapping), not read by an expression.
    direct: bool,
}

/// The attributes `mappings` and the preview read, in the order the mappings first read them
/// (`objectId` and `IsSoftDeleted` last when no mapping reads them), each with what a user
/// without it loses.
pub fn of(mappings: &MappingSet) -> Vec<Need> {
    let mut names = AttributeNames::new();
    let compiled = compile(mappings, &mut names);
    let mut read: Vec<(String, Vec<Use<'_>>)> = Vec::new();
    fn add<'c>(read: &mut Vec<(String, Vec<Use<'c>>)>, name: &str, usage: Use<'c>) {
        match read.iter_mut().find(|(n, _)| n == name) {
            Some((_, uses)) => uses.push(usage),
            None => read.push((name.to_owned(), vec![usage])),
        }
    }
    for c in &compiled {
        match &c.source {
            Source::Attribute { name, .. } => add(
                &mut read,
                name,
                Use {
                    compiled: c,
                    direct: true,
                },
            ),
            Source::Expression(expression) => {
                let mut seen: Vec<&str> = Vec::new();
                for (name, _, _) in expression.attributes() {
                    if !seen.contains(&name.as_str()) {
                        seen.push(name);
                        add(
                            &mut read,
                            name,
                            Use {
                                compiled: c,
                                direct: false,
                            },
                        );
                    }
                }
            }
            Source::Constant(_) | Source::Nothing => {}
        }
    }
    for always in ["objectId", "IsSoftDeleted"] {
        if !read.iter().any(|(n, _)| n == always) {
            read.push((always.to_owned(), Vec::new()));
        }
    }
    let matching = compiled.iter().filter(|c| c.mapping.matching > 0).count();
    let manager = read.iter().any(|(n, _)| n == "manager");
    read.into_iter()
        .map(|(attribute, uses)| {
            let mut phrases: Vec<(String, String)> = match attribute.as_str() {
                // What `active` is computed from is also what decides who is skipped: that is
                // what its absence changes.
                "IsSoftDeleted" => vec![(
                    "the preview cannot tell whether their account is disabled, and shows them \
                     as created (Azure skips disabled users)"
                        .to_owned(),
                    "the preview cannot tell disabled accounts, and shows every user as created \
                     (Azure skips disabled users)"
                        .to_owned(),
                )],
                "objectId" => {
                    let mut them =
                        "the preview cannot merge their copies in other files".to_owned();
                    let mut all = "the preview cannot merge users across files".to_owned();
                    if manager {
                        them.push_str(", nor find them as someone's manager");
                        all.push_str(", nor find anyone's manager");
                    }
                    let mut phrases = vec![(them, all)];
                    phrases.extend(uses.iter().map(|u| phrase(u, matching)));
                    phrases
                }
                _ => uses.iter().map(|u| phrase(u, matching)).collect(),
            };
            phrases.dedup();
            let (them, all): (Vec<String>, Vec<String>) = phrases.into_iter().unzip();
            Need {
                attribute,
                for_them: them.join("; "),
                for_all: all.join("; "),
            }
        })
        .collect()
}

/// What one use of an attribute loses where the attribute is missing: (said of the users
/// without it, said of every user).
fn phrase(usage: &Use<'_>, matching: usize) -> (String, String) {
    let mapping = &usage.compiled.mapping;
    let target = Target::parse(&mapping.target);
    let short = target
        .as_ref()
        .map_or_else(|| shown_name(&mapping.target), Target::short);
    if !usage.direct {
        return (
            format!("their {short} is computed without it"),
            format!("every user's {short} is computed without it"),
        );
    }
    if let Some(default) = mapping.default_value.as_deref().filter(|d| !d.is_empty()) {
        return (
            format!("they get the default value \"{default}\" as {short}, when created only"),
            format!(
                "every user gets the default value \"{default}\" as {short}, when created only"
            ),
        );
    }
    if target.as_ref().is_some_and(Target::is_manager) {
        return (
            "they get no manager, so no reporting line".to_owned(),
            "no user gets a manager, so there are no reporting lines".to_owned(),
        );
    }
    if let Some(level) = target
        .as_ref()
        .and_then(Target::enterprise)
        .filter(|a| LEVELS.contains(a))
    {
        return (
            format!("they have no {level} in the hierarchy (they go under \"(no {level})\")"),
            format!("the hierarchy has no {level} level"),
        );
    }
    if mapping.matching > 0 {
        return if matching == 1 {
            (
                format!(
                    "they get no {short}, which Azure matches users by, so Azure cannot match \
                     or create them"
                ),
                format!(
                    "no user gets a {short}, which Azure matches users by, so Azure cannot \
                     match or create anyone"
                ),
            )
        } else {
            (
                format!("they get no {short}, one of the attributes Azure matches users by"),
                format!("no user gets a {short}, one of the attributes Azure matches users by"),
            )
        };
    }
    (
        format!("their {short} is empty"),
        format!("every user's {short} is empty"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{Mapping, presets};

    fn find<'n>(needs: &'n [Need], attribute: &str) -> &'n Need {
        needs
            .iter()
            .find(|n| n.attribute == attribute)
            .unwrap_or_else(|| panic!("{attribute} in {needs:#?}"))
    }

    #[test]
    fn every_attribute_the_mappings_read_is_needed_with_what_it_feeds() {
        let needs = of(&presets::secure_practice());
        for attribute in [
            "userPrincipalName",
            "IsSoftDeleted",
            "streetAddress",
            "city",
            "state",
            "postalCode",
            "country",
            "facsimileTelephoneNumber",
            "companyName",
            "employeeOrgData.division",
            "employeeOrgData.costCenter",
            "manager",
            "objectId",
        ] {
            find(&needs, attribute);
        }
        assert_eq!(needs[0].attribute, "userPrincipalName");
        assert_eq!(
            find(&needs, "manager").for_them,
            "they get no manager, so no reporting line"
        );
        assert_eq!(
            find(&needs, "companyName").for_them,
            "they have no organization in the hierarchy (they go under \"(no organization)\")"
        );
        assert_eq!(
            find(&needs, "companyName").for_all,
            "the hierarchy has no organization level"
        );
        assert_eq!(
            find(&needs, "givenName").for_them,
            "their name.givenName is empty; their name.formatted is computed without it"
        );
        assert!(
            find(&needs, "userPrincipalName")
                .for_them
                .contains("Azure matches users by, so Azure cannot match or create them")
        );
        assert!(
            find(&needs, "objectId")
                .for_all
                .contains("anyone's manager")
        );
        // The defaults have no hierarchy levels but department.
        let needs = of(&presets::azure_defaults());
        assert!(needs.iter().all(|n| n.attribute != "companyName"));
    }

    #[test]
    fn an_expression_needs_the_attributes_it_reads() {
        let mut set = MappingSet::default();
        set.mappings.push(Mapping::expression(
            r#"Join(" > ", [extensionAttribute3], [physicalDeliveryOfficeName])"#,
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division",
        ));
        let needs = of(&set);
        let names: Vec<&str> = needs.iter().map(|n| n.attribute.as_str()).collect();
        assert_eq!(
            names,
            [
                "extensionAttribute3",
                "physicalDeliveryOfficeName",
                "objectId",
                "IsSoftDeleted"
            ]
        );
        assert_eq!(needs[0].for_them, "their division is computed without it");
        assert!(
            !needs[2].for_them.contains("manager"),
            "no manager is mapped"
        );
    }
}
