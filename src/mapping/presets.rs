//! The mapping sets the admin starts from.
//!
//! - [`azure_defaults`]: what Azure creates for a new non-gallery SCIM app (provisioning-model.md
//!   §1.2: Microsoft's table plus the portal's current extras, e.g. `name.formatted`).
//! - [`secure_practice`]: the defaults plus the organization hierarchy: `companyName` →
//!   organization, `employeeOrgData.division` → division, `employeeOrgData.costCenter` →
//!   costCenter.

use super::{ENTERPRISE, Mapping, MappingSet};

/// The `active` expression of Azure's defaults.
pub const ACTIVE: &str = r#"Switch([IsSoftDeleted], , "False", "True", "True", "False")"#;

/// Azure's default user mappings for a non-gallery SCIM app.
pub fn azure_defaults() -> MappingSet {
    let enterprise = |attr: &str| format!("{ENTERPRISE}:{attr}");
    let mut user_name = Mapping::direct("userPrincipalName", "userName");
    user_name.matching = 1;
    MappingSet {
        name: "Azure defaults".into(),
        mappings: vec![
            user_name,
            Mapping::expression(ACTIVE, "active"),
            Mapping::direct("displayName", "displayName"),
            Mapping::direct("jobTitle", "title"),
            Mapping::direct("mail", r#"emails[type eq "work"].value"#),
            Mapping::direct("preferredLanguage", "preferredLanguage"),
            Mapping::direct("givenName", "name.givenName"),
            Mapping::direct("surname", "name.familyName"),
            Mapping::expression(r#"Join(" ", [givenName], [surname])"#, "name.formatted"),
            Mapping::direct(
                "physicalDeliveryOfficeName",
                r#"addresses[type eq "work"].formatted"#,
            ),
            Mapping::direct(
                "streetAddress",
                r#"addresses[type eq "work"].streetAddress"#,
            ),
            Mapping::direct("city", r#"addresses[type eq "work"].locality"#),
            Mapping::direct("state", r#"addresses[type eq "work"].region"#),
            Mapping::direct("postalCode", r#"addresses[type eq "work"].postalCode"#),
            Mapping::direct("country", r#"addresses[type eq "work"].country"#),
            Mapping::direct("telephoneNumber", r#"phoneNumbers[type eq "work"].value"#),
            Mapping::direct("mobile", r#"phoneNumbers[type eq "mobile"].value"#),
            Mapping::direct(
                "facsimileTelephoneNumber",
                r#"phoneNumbers[type eq "fax"].value"#,
            ),
            Mapping::direct("mailNickname", "externalId"),
            Mapping::direct("employeeId", &enterprise("employeeNumber")),
            Mapping::direct("department", &enterprise("department")),
            Mapping::direct("manager", &enterprise("manager")),
        ],
        ..MappingSet::default()
    }
}

/// Azure's defaults plus the organization hierarchy Secure Practice builds from.
pub fn secure_practice() -> MappingSet {
    let mut set = azure_defaults();
    set.name = "Secure Practice hierarchy".into();
    for (source, attr) in [
        ("companyName", "organization"),
        ("employeeOrgData.division", "division"),
        ("employeeOrgData.costCenter", "costCenter"),
    ] {
        set.mappings
            .push(Mapping::direct(source, &format!("{ENTERPRISE}:{attr}")));
    }
    set
}

/// A preset by its command-line name (`defaults`, `securepractice`).
pub fn by_name(name: &str) -> Option<MappingSet> {
    match name {
        "defaults" => Some(azure_defaults()),
        "securepractice" => Some(secure_practice()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_on_user_name_and_map_each_target_once() {
        let set = azure_defaults();
        let matching = set.matching();
        assert_eq!(matching.len(), 1);
        assert_eq!(matching[0].target, "userName");
        assert_eq!(matching[0].source, "userPrincipalName");
        let mut targets: Vec<&str> = set.mappings.iter().map(|m| m.target.as_str()).collect();
        let count = targets.len();
        targets.sort();
        targets.dedup();
        assert_eq!(
            targets.len(),
            count,
            "one mapping per target, as Azure requires"
        );
        assert_eq!(count, 22);
        assert_eq!(set.get("active").unwrap().source, ACTIVE);
    }

    #[test]
    fn the_secure_practice_preset_adds_the_hierarchy() {
        let set = secure_practice();
        assert_eq!(set.mappings.len(), 25);
        assert_eq!(
            set.get(&format!("{ENTERPRISE}:organization"))
                .unwrap()
                .source,
            "companyName"
        );
        assert_eq!(
            set.get(&format!("{ENTERPRISE}:division")).unwrap().source,
            "employeeOrgData.division"
        );
        assert!(by_name("securepractice").is_some() && by_name("x").is_none());
    }
}
