//! Which provisioning source attribute a key of an export holds.
//!
//! Azure's mapping screen names source attributes the legacy Azure AD way (`objectId`, `mobile`,
//! `physicalDeliveryOfficeName`, `extensionAttribute1`); exports use Microsoft Graph's names
//! (`id`, `mobilePhone`, `officeLocation`, `onPremisesExtensionAttributes.extensionAttribute1`),
//! PowerShell's PascalCase (`Id`, `MobilePhone`), or the legacy names themselves (az CLI before
//! 2.37, the portal's CSV). [`source_name`] maps a key path of any of them to the one name the
//! rest of the app uses. Keys are matched without regard to case, except directory extensions
//! (`extension_<appid>_<name>`), whose names Azure treats as case-sensitive.

/// (key path as exported, in lower case; provisioning source name). Paths use `.` between
/// levels; `[0]` marks "the first element of a list".
const ALIASES: &[(&str, &str)] = &[
    ("id", "objectId"),
    ("objectid", "objectId"),
    ("userprincipalname", "userPrincipalName"),
    ("displayname", "displayName"),
    ("givenname", "givenName"),
    ("surname", "surname"),
    ("mail", "mail"),
    ("mailnickname", "mailNickname"),
    ("othermails", "otherMails"),
    ("proxyaddresses", "proxyAddresses"),
    ("jobtitle", "jobTitle"),
    ("department", "department"),
    ("companyname", "companyName"),
    ("employeeid", "employeeId"),
    ("employeetype", "employeeType"),
    ("employeehiredate", "employeeHireDate"),
    ("employeeleavedatetime", "employeeLeaveDateTime"),
    ("employeeorgdata.division", "employeeOrgData.division"),
    ("employeeorgdata.costcenter", "employeeOrgData.costCenter"),
    ("officelocation", "physicalDeliveryOfficeName"),
    ("physicaldeliveryofficename", "physicalDeliveryOfficeName"),
    ("streetaddress", "streetAddress"),
    ("city", "city"),
    ("state", "state"),
    ("postalcode", "postalCode"),
    ("country", "country"),
    ("usagelocation", "usageLocation"),
    ("preferredlanguage", "preferredLanguage"),
    ("businessphones[0]", "telephoneNumber"),
    ("telephonenumber", "telephoneNumber"),
    ("mobilephone", "mobile"),
    ("mobile", "mobile"),
    ("faxnumber", "facsimileTelephoneNumber"),
    ("facsimiletelephonenumber", "facsimileTelephoneNumber"),
    ("manager.id", "manager"),
    ("accountenabled", "accountEnabled"),
    ("onpremisesimmutableid", "immutableId"),
    ("immutableid", "immutableId"),
    ("onpremisessyncenabled", "dirSyncEnabled"),
    ("dirsyncenabled", "dirSyncEnabled"),
    (
        "onpremisessecurityidentifier",
        "onPremisesSecurityIdentifier",
    ),
    ("onpremisesdistinguishedname", "onPremisesDistinguishedName"),
    ("onpremisesdomainname", "onPremisesDomainName"),
    ("onpremisesuserprincipalname", "onPremisesUserPrincipalName"),
    ("onpremisessamaccountname", "onPremisesSamAccountName"),
    ("usertype", "userType"),
    ("creationtype", "creationType"),
    ("showinaddresslist", "showInAddressList"),
    ("preferreddatalocation", "preferredDataLocation"),
];

/// The provisioning source attribute a key path holds, or `None` for keys the provisioning
/// engine does not offer (Graph's `@odata.*`, PowerShell's navigation properties…).
///
/// `path` is the exported key path with `.` between levels, e.g. `employeeOrgData.division`,
/// `OnPremisesExtensionAttributes.ExtensionAttribute3`, `businessPhones[0]`, or
/// `AdditionalProperties.extension_5f1c…_orgUnit` for PowerShell's catch-all dictionary.
pub fn source_name(path: &str) -> Option<String> {
    let path = path.strip_prefix("AdditionalProperties.").unwrap_or(path);
    if let Some(name) = directory_extension(path) {
        return Some(name.to_owned());
    }
    let lower = path.to_ascii_lowercase();
    if let Some(n) = lower
        .strip_prefix("onpremisesextensionattributes.extensionattribute")
        .or_else(|| lower.strip_prefix("extensionattribute"))
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=15).contains(n))
    {
        return Some(format!("extensionAttribute{n}"));
    }
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map(|(_, name)| (*name).to_owned())
}

/// A directory extension key (`extension_<32 hex digits>_<name>`), kept exactly as written.
fn directory_extension(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("extension_")?;
    let (app, name) = rest.split_once('_')?;
    (app.len() == 32 && app.chars().all(|c| c.is_ascii_hexdigit()) && !name.is_empty())
        .then_some(path)
}

/// The Graph `$select` property (and PowerShell `-Property` name) that brings a source
/// attribute into an export, for the "how to include it" advice.
pub fn graph_property(source: &str) -> Option<String> {
    Some(
        match source {
            "objectId" => "id",
            "physicalDeliveryOfficeName" => "officeLocation",
            "telephoneNumber" => "businessPhones",
            "mobile" => "mobilePhone",
            "facsimileTelephoneNumber" => "faxNumber",
            "manager" => "manager (with $expand=manager, or -ExpandProperty Manager)",
            "employeeOrgData.division" | "employeeOrgData.costCenter" => "employeeOrgData",
            "immutableId" => "onPremisesImmutableId",
            "dirSyncEnabled" => "onPremisesSyncEnabled",
            "IsSoftDeleted" => "accountEnabled",
            s if s.starts_with("extensionAttribute") => "onPremisesExtensionAttributes",
            // Directory extensions are selected by their own name.
            s if directory_extension(s).is_some() => s,
            // Every other source attribute has the same name in Graph.
            s if ALIASES.iter().any(|(_, name)| *name == s) => s,
            _ => return None,
        }
        .to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_legacy_and_powershell_keys_meet_at_one_name() {
        let cases = [
            ("id", "objectId"),
            ("Id", "objectId"),
            ("objectId", "objectId"),
            ("officeLocation", "physicalDeliveryOfficeName"),
            ("OfficeLocation", "physicalDeliveryOfficeName"),
            ("physicalDeliveryOfficeName", "physicalDeliveryOfficeName"),
            ("businessPhones[0]", "telephoneNumber"),
            ("BusinessPhones[0]", "telephoneNumber"),
            ("mobilePhone", "mobile"),
            ("faxNumber", "facsimileTelephoneNumber"),
            ("EmployeeOrgData.Division", "employeeOrgData.division"),
            ("employeeOrgData.costCenter", "employeeOrgData.costCenter"),
            ("manager.id", "manager"),
            ("Manager.Id", "manager"),
            (
                "onPremisesExtensionAttributes.extensionAttribute1",
                "extensionAttribute1",
            ),
            (
                "OnPremisesExtensionAttributes.ExtensionAttribute15",
                "extensionAttribute15",
            ),
            ("extensionAttribute7", "extensionAttribute7"),
            ("onPremisesSyncEnabled", "dirSyncEnabled"),
            ("CompanyName", "companyName"),
        ];
        for (path, name) in cases {
            assert_eq!(source_name(path).as_deref(), Some(name), "{path}");
        }
    }

    #[test]
    fn directory_extensions_keep_their_exact_name() {
        let key = "extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_orgUnit";
        assert_eq!(source_name(key).as_deref(), Some(key));
        assert_eq!(
            source_name(&format!("AdditionalProperties.{key}")).as_deref(),
            Some(key)
        );
        // Not 32 hex digits: not a directory extension.
        assert_eq!(source_name("extension_abc_orgUnit"), None);
    }

    #[test]
    fn keys_the_engine_does_not_offer_are_skipped() {
        for path in [
            "@odata.type",
            "Calendar",
            "extensionAttribute16",
            "extensionAttribute0",
            "businessPhones[1]",
            "manager.displayName",
        ] {
            assert_eq!(source_name(path), None, "{path}");
        }
    }

    #[test]
    fn advice_names_the_graph_property_to_select() {
        assert_eq!(
            graph_property("companyName").as_deref(),
            Some("companyName")
        );
        assert_eq!(graph_property("mobile").as_deref(), Some("mobilePhone"));
        assert_eq!(
            graph_property("extensionAttribute3").as_deref(),
            Some("onPremisesExtensionAttributes")
        );
        assert_eq!(
            graph_property("employeeOrgData.division").as_deref(),
            Some("employeeOrgData")
        );
        assert!(
            graph_property("manager")
                .unwrap()
                .contains("$expand=manager")
        );
        assert_eq!(graph_property("nonsense"), None);
        let extension = "extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_orgUnit";
        assert_eq!(graph_property(extension).as_deref(), Some(extension));
    }
}
