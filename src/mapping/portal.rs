//! What to do on Azure's Attribute Mapping page to get a mapping set, row by row: the rows that
//! differ from Azure's defaults for a new app ([`super::presets::azure_defaults`]). Azure names a
//! row by its target attribute, so rows are matched by target: a target the defaults lack is
//! added, one whose mapping differs is edited, one the set lacks is deleted.

use super::{Mapping, MappingSet, presets};

/// One row to change on Azure's Attribute Mapping page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalEdit {
    /// "Add New Mapping" with this mapping.
    Add(Mapping),
    /// Click the row of this target and change it to `now`.
    Edit {
        /// What Azure has by default.
        default: Mapping,
        /// What the set has.
        now: Mapping,
    },
    /// Delete the row of this (default) mapping.
    Delete(Mapping),
}

/// The rows to change, in the set's order, deletions last (in the defaults' order). A set
/// equal to Azure's defaults needs none.
pub fn edits_from_defaults(set: &MappingSet) -> Vec<PortalEdit> {
    edits_from(&presets::azure_defaults(), set)
}

/// The rows to change to turn `before` into `after`.
pub fn edits_from(before: &MappingSet, after: &MappingSet) -> Vec<PortalEdit> {
    let mut edits: Vec<PortalEdit> = after
        .mappings
        .iter()
        .filter_map(|now| match before.get(&now.target) {
            None => Some(PortalEdit::Add(now.clone())),
            Some(default) if default != now => Some(PortalEdit::Edit {
                default: default.clone(),
                now: now.clone(),
            }),
            Some(_) => None,
        })
        .collect();
    edits.extend(
        before
            .mappings
            .iter()
            .filter(|default| after.get(&default.target).is_none())
            .map(|default| PortalEdit::Delete(default.clone())),
    );
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{Apply, ENTERPRISE, MappingKind};

    #[test]
    fn azure_defaults_need_nothing_and_the_hierarchy_preset_adds_three_rows() {
        assert_eq!(edits_from_defaults(&presets::azure_defaults()), []);
        let edits = edits_from_defaults(&presets::secure_practice());
        let added: Vec<(&str, MappingKind, &str)> = edits
            .iter()
            .map(|e| match e {
                PortalEdit::Add(m) => (m.target.as_str(), m.kind, m.source.as_str()),
                other => panic!("only additions: {other:?}"),
            })
            .collect();
        assert_eq!(
            added,
            [
                (
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization",
                    MappingKind::Direct,
                    "companyName"
                ),
                (
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division",
                    MappingKind::Direct,
                    "employeeOrgData.division"
                ),
                (
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter",
                    MappingKind::Direct,
                    "employeeOrgData.costCenter"
                ),
            ]
        );
    }

    #[test]
    fn a_changed_row_is_an_edit_and_a_missing_one_a_deletion() {
        let mut set = presets::azure_defaults();
        let department = format!("{ENTERPRISE}:department");
        let expression = r#"Replace([department], " > ", , , "/", , )"#;
        let m = set
            .mappings
            .iter()
            .position(|m| m.target == department)
            .unwrap();
        set.mappings[m] = Mapping::expression(expression, &department);
        set.mappings
            .retain(|m| m.target != r#"phoneNumbers[type eq "mobile"].value"#);
        let user_name = set.mappings.iter_mut().find(|m| m.target == "userName");
        user_name.unwrap().apply = Apply::OnCreate;

        let edits = edits_from_defaults(&set);
        assert_eq!(edits.len(), 3, "{edits:?}");
        assert!(matches!(&edits[0], PortalEdit::Edit { now, .. } if now.target == "userName"));
        assert!(matches!(
            &edits[1],
            PortalEdit::Edit { default, now }
                if default.kind == MappingKind::Direct && now.source == expression
        ));
        assert_eq!(
            edits[2],
            PortalEdit::Delete(Mapping::direct(
                "mobile",
                r#"phoneNumbers[type eq "mobile"].value"#
            ))
        );
    }
}
