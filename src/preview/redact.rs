//! Redaction for sharing a preview with a vendor's support, decided by what a value *is*, never
//! by searching text: every value sent to a personal target (names, user name, mail, phones,
//! street address, employee number, manager), every value computed from a personal source
//! attribute (`ToLower([displayName])` is as personal as the name), every id (object ids,
//! principal names, the manager's id) becomes a stable hash. What stays readable: the
//! organization units (unless their mapping reads a personal attribute), the values of other
//! mappings that read only organizational attributes (job title, city, cost center…) or
//! constants, the mapping definitions, the counts, and the messages that quote no value.
//!
//! The hash is stable (the same value gives the same text in every export, so rows can still be
//! compared) but it is not encryption: someone who guesses a value can check the guess.

use std::borrow::Cow;

use super::Preview;
use super::hierarchy::{LEVELS, Node};
use super::target::Target;
use crate::mapping::compiled::{CompiledMapping, Source};

/// Source attributes whose values identify or describe a person.
pub const PERSONAL: [&str; 30] = [
    "objectId",
    "id",
    "displayName",
    "givenName",
    "surname",
    "userPrincipalName",
    "originalUserPrincipalName",
    "onPremisesUserPrincipalName",
    "onPremisesSamAccountName",
    "onPremisesDistinguishedName",
    "onPremisesImmutableId",
    "onPremisesSecurityIdentifier",
    "securityIdentifier",
    "mail",
    "mailNickname",
    "otherMails",
    "proxyAddresses",
    "telephoneNumber",
    "businessPhones",
    "mobile",
    "mobilePhone",
    "facsimileTelephoneNumber",
    "faxNumber",
    "streetAddress",
    "employeeId",
    "manager",
    "birthday",
    "employeeHireDate",
    "passwordProfile",
    "imAddresses",
];

/// Source attributes that describe the organization, not the person: a value computed only
/// from these (or constants) stays readable in any target that is not personal. Any other
/// attribute (an extension attribute, say, whose content nobody here knows) is read as
/// personal, except where it feeds an organization unit.
pub const ORGANIZATIONAL: [&str; 20] = [
    "department",
    "companyName",
    "jobTitle",
    "employeeType",
    "employeeOrgData.division",
    "employeeOrgData.costCenter",
    "physicalDeliveryOfficeName",
    "officeLocation",
    "city",
    "state",
    "country",
    "postalCode",
    "usageLocation",
    "preferredLanguage",
    "userType",
    "accountEnabled",
    "IsSoftDeleted",
    "appRoleAssignments",
    "creationType",
    "isResourceAccount",
];

/// True when values sent to `target` are personal whatever they are computed from.
pub fn personal_target(target: &Target) -> bool {
    match target {
        Target::Top(name) => matches!(
            name.as_str(),
            "userName" | "externalId" | "displayName" | "nickName" | "profileUrl" | "password"
        ),
        Target::Sub(attr, _) => attr == "name",
        Target::Typed { attr, sub, .. } => {
            matches!(
                attr.as_str(),
                "emails" | "phoneNumbers" | "ims" | "photos" | "x509Certificates"
            ) || (attr == "addresses" && matches!(sub.as_str(), "streetAddress" | "formatted"))
        }
        Target::Extension { attr, .. } => matches!(attr.as_str(), "employeeNumber" | "manager"),
    }
}

fn listed(list: &[&str], attribute: &str) -> bool {
    list.iter().any(|a| a.eq_ignore_ascii_case(attribute))
}

/// True when mapping `compiled` (to `target`) sends personal values.
pub fn personal_mapping(compiled: &CompiledMapping, target: Option<&Target>) -> bool {
    let Some(target) = target else {
        return true; // a target Azure could not have: nothing is known of it
    };
    if personal_target(target) {
        return true;
    }
    let unit = target.enterprise().is_some_and(|a| LEVELS.contains(&a));
    let readable = |attribute: &str| {
        !listed(&PERSONAL, attribute) && (unit || listed(&ORGANIZATIONAL, attribute))
    };
    match &compiled.source {
        Source::Attribute { name, .. } => !readable(name),
        Source::Expression(expression) => !expression
            .attributes()
            .iter()
            .all(|(name, _, _)| readable(name)),
        Source::Constant(_) | Source::Nothing => false,
    }
}

/// What is personal in one preview: decided once per mapping, applied to every value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// Per mapping, in the preview's order.
    personal: Vec<bool>,
}

impl Redaction {
    /// The redaction of `preview`'s values.
    pub fn new(preview: &Preview) -> Self {
        Self {
            personal: preview
                .mappings
                .iter()
                .zip(&preview.targets)
                .map(|(compiled, target)| personal_mapping(compiled, target.as_ref()))
                .collect(),
        }
    }

    /// True when mapping `m` sends personal values.
    pub fn is_personal(&self, m: usize) -> bool {
        self.personal.get(m).copied().unwrap_or(true)
    }

    /// Mapping `m`'s value as it may be shared.
    pub fn value<'a>(&self, m: usize, value: &'a str) -> Cow<'a, str> {
        if self.is_personal(m) {
            Cow::Owned(token(value))
        } else {
            Cow::Borrowed(value)
        }
    }

    /// An id (object id, principal name, a user's position) as it may be shared: always hashed.
    pub fn id(&self, id: &str) -> String {
        token(id)
    }

    /// True when the units of `level` come from a personal mapping of `preview`.
    pub fn level_is_personal(&self, preview: &Preview, level: &str) -> bool {
        preview
            .enterprise_mapping(level)
            .is_some_and(|m| self.is_personal(m))
    }

    /// The hierarchy with the names of personal levels hashed.
    pub fn hierarchy(&self, preview: &Preview) -> Vec<Node> {
        let personal: Vec<&str> = LEVELS
            .iter()
            .copied()
            .filter(|level| self.level_is_personal(preview, level))
            .collect();
        fn redact(nodes: &mut [Node], personal: &[&str]) {
            for node in nodes {
                if personal.contains(&node.level)
                    && let Some(name) = &node.name
                {
                    node.name = Some(token(name));
                }
                redact(&mut node.children, personal);
            }
        }
        let mut nodes = preview.hierarchy.clone();
        if !personal.is_empty() {
            redact(&mut nodes, &personal);
        }
        nodes
    }
}

/// The text a value is replaced with: `redacted-` and 8 hex digits of its FNV-1a hash.
pub fn token(value: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in value.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("redacted-{:08x}", (hash >> 32) as u32 ^ hash as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::AttributeNames;
    use crate::mapping::compiled::compile_one;
    use crate::mapping::{Apply, Mapping, MappingKind};

    fn personal(kind: MappingKind, source: &str, target: &str) -> bool {
        let mapping = Mapping {
            kind,
            source: source.to_owned(),
            default_value: None,
            target: target.to_owned(),
            matching: 0,
            apply: Apply::Always,
        };
        let compiled = compile_one(&mapping, &mut AttributeNames::new());
        personal_mapping(&compiled, Target::parse(target).as_ref())
    }

    #[test]
    fn values_are_personal_by_target_and_by_source() {
        use MappingKind::*;
        let ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";
        assert!(personal(Direct, "mail", "userName"));
        assert!(
            personal(Constant, "x", "name.givenName"),
            "a personal target"
        );
        assert!(personal(Expression, "ToLower([displayName])", "title"));
        assert!(personal(Expression, "Join(\",\", [otherMails])", "title"));
        assert!(
            personal(Direct, "extensionAttribute3", "title"),
            "unknown content"
        );
        assert!(!personal(Direct, "jobTitle", "title"));
        assert!(!personal(
            Constant,
            "Norway",
            "addresses[type eq \"work\"].country"
        ));
        assert!(!personal(
            Direct,
            "extensionAttribute3",
            &format!("{ent}department")
        ));
        assert!(personal(
            Expression,
            "Left([surname], 3)",
            &format!("{ent}division")
        ));
        assert!(personal(Direct, "manager", &format!("{ent}manager")));
        assert!(personal(
            Direct,
            "telephoneNumber",
            "phoneNumbers[type eq \"work\"].value"
        ));
    }

    #[test]
    fn tokens_are_stable() {
        assert_eq!(token("ase@vindel.example"), token("ase@vindel.example"));
        assert_ne!(token("ase@vindel.example"), token("bo@vindel.example"));
        assert!(token("x").starts_with("redacted-") && token("x").len() == 17);
    }
}
