//! Tests of reading one user object.

use serde_json::json;

use super::*;
use crate::import::left_out::LeftOut;

fn read(value: serde_json::Value) -> (User, Vec<Finding>, UserReader) {
    let mut reader = UserReader::new();
    let object = value.as_object().expect("an object").clone();
    let (user, findings) = user_from_json(&object, 0, 3, &mut reader);
    (user, findings, reader)
}

fn text<'a>(user: &'a User, reader: &UserReader, name: &str) -> Option<&'a str> {
    user.text(&reader.names, name)
}

#[test]
fn a_graph_user_becomes_source_attributes() {
    let (user, findings, names) = read(json!({
        "@odata.type": "#microsoft.graph.user",
        "id": "11111111-2222-3333-4444-555555555555",
        "userPrincipalName": "ase.overgard@vindel-instruments.example",
        "accountEnabled": true,
        "businessPhones": ["+47 22 00 00 01", "+47 22 00 00 02"],
        "mobilePhone": null,
        "officeLocation": "Oslo",
        "department": "Vindel > Sales > EMEA",
        "employeeOrgData": {"division": "Commercial", "costCenter": "CC-100"},
        "onPremisesExtensionAttributes": {"extensionAttribute1": "Commercial|Sales|EMEA", "extensionAttribute2": null},
        "proxyAddresses": ["SMTP:ase@vindel.example", "smtp:ase.o@vindel.example"],
        "manager": {"@odata.type": "#microsoft.graph.user", "id": "99999999-0000-0000-0000-000000000000", "displayName": "Ingrid"},
        "extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_orgUnit": "OU-7"
    }));
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(
        text(&user, &names, "objectId"),
        Some("11111111-2222-3333-4444-555555555555")
    );
    assert_eq!(
        text(&user, &names, "telephoneNumber"),
        Some("+47 22 00 00 01")
    );
    assert_eq!(text(&user, &names, "mobile"), None);
    assert_eq!(
        text(&user, &names, "physicalDeliveryOfficeName"),
        Some("Oslo")
    );
    assert_eq!(
        text(&user, &names, "employeeOrgData.division"),
        Some("Commercial")
    );
    assert_eq!(
        text(&user, &names, "extensionAttribute1"),
        Some("Commercial|Sales|EMEA")
    );
    assert_eq!(text(&user, &names, "extensionAttribute2"), None);
    assert_eq!(
        text(&user, &names, "manager"),
        Some("99999999-0000-0000-0000-000000000000")
    );
    assert_eq!(text(&user, &names, "accountEnabled"), Some("True"));
    assert_eq!(text(&user, &names, "IsSoftDeleted"), Some("False"));
    assert_eq!(
        text(
            &user,
            &names,
            "extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_orgUnit"
        ),
        Some("OU-7")
    );
    let proxies = user
        .value_of(names.names.get("proxyAddresses").unwrap())
        .unwrap();
    assert_eq!(
        proxies,
        ValueRef::Many(&[
            "SMTP:ase@vindel.example".to_owned(),
            "smtp:ase.o@vindel.example".to_owned()
        ])
    );
    // Where each value came from.
    let office = user
        .slot(names.names.get("physicalDeliveryOfficeName").unwrap())
        .unwrap();
    assert_eq!(names.keys.path(office.key), "officeLocation");
    let phone = user
        .slot(names.names.get("telephoneNumber").unwrap())
        .unwrap();
    assert_eq!(names.keys.path(phone.key), "businessPhones[0]");
    assert_eq!((user.file, user.position), (0, 3));
}

#[test]
fn a_powershell_user_reads_the_same() {
    let (user, findings, names) = read(json!({
        "Id": "11111111-2222-3333-4444-555555555555",
        "AccountEnabled": false,
        "Department": "Finance",
        "EmployeeOrgData": {"CostCenter": "CC-200", "Division": null},
        "OnPremisesExtensionAttributes": {"ExtensionAttribute3": "x"},
        "Manager": {"DeletedDateTime": null, "Id": "abc", "AdditionalProperties": {"@odata.type": "#microsoft.graph.user", "displayName": "Ingrid"}},
        "AdditionalProperties": {"extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_orgUnit": "OU-9"},
        "EmployeeHireDate": "/Date(1439769600000)/",
        "Calendar": null,
        "Drive": null
    }));
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(
        text(&user, &names, "objectId"),
        Some("11111111-2222-3333-4444-555555555555")
    );
    assert_eq!(text(&user, &names, "department"), Some("Finance"));
    assert_eq!(
        text(&user, &names, "employeeOrgData.costCenter"),
        Some("CC-200")
    );
    assert_eq!(text(&user, &names, "employeeOrgData.division"), None);
    assert_eq!(text(&user, &names, "extensionAttribute3"), Some("x"));
    assert_eq!(text(&user, &names, "manager"), Some("abc"));
    assert_eq!(
        text(
            &user,
            &names,
            "extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_orgUnit"
        ),
        Some("OU-9")
    );
    assert_eq!(
        text(&user, &names, "employeeHireDate"),
        Some("2015-08-17T00:00:00Z")
    );
    assert_eq!(
        text(&user, &names, "IsSoftDeleted"),
        Some("True"),
        "disabled account"
    );
}

#[test]
fn default_depth_truncation_is_found_with_the_fix() {
    let (user, findings, names) = read(json!({
        "Id": "1",
        "AccountEnabled": true,
        "Manager": {"Id": "m1", "AdditionalProperties": "System.Collections.Generic.Dictionary`2[System.String,System.Object]"}
    }));
    assert_eq!(
        text(&user, &names, "manager"),
        Some("m1"),
        "Manager.Id survives"
    );
    assert_eq!(
        findings,
        [Finding::Truncated {
            key: "Manager.AdditionalProperties".into()
        }]
    );
    assert!(findings[0].message().contains("ConvertTo-Json -Depth 5"));
    let (_, findings, _) = read(
        json!({"Id": "1", "AccountEnabled": true, "Manager": "Microsoft.Graph.PowerShell.Models.MicrosoftGraphDirectoryObject"}),
    );
    assert_eq!(
        findings,
        [Finding::Truncated {
            key: "Manager".into()
        }]
    );
}

#[test]
fn guests_lose_ext_like_azure_and_keep_the_original() {
    let (user, _, names) = read(json!({
        "userPrincipalName": "jamie.rivera_partnerco.example#EXT#@vindelinstruments.onmicrosoft.com",
        "accountEnabled": true
    }));
    assert_eq!(
        text(&user, &names, "userPrincipalName"),
        Some("jamie.rivera@partnerco.example")
    );
    assert_eq!(
        text(&user, &names, "originalUserPrincipalName"),
        Some("jamie.rivera_partnerco.example#EXT#@vindelinstruments.onmicrosoft.com")
    );
}

#[test]
fn a_missing_account_enabled_is_assumed_enabled_and_reported() {
    let (user, findings, names) = read(json!({"id": "1"}));
    assert_eq!(text(&user, &names, "IsSoftDeleted"), Some("False"));
    assert_eq!(findings, [Finding::NoAccountEnabled]);
}

#[test]
fn repeated_values_are_stored_once() {
    let mut reader = UserReader::new();
    let mut users = Vec::new();
    for i in 0..100 {
        let object = json!({"id": format!("{i}"), "department": "Sales", "companyName": "Vindel AS", "accountEnabled": true});
        users.push(user_from_json(object.as_object().unwrap(), 0, i, &mut reader).0);
    }
    // "Sales", "Vindel AS", "True" (accountEnabled) and "False" (IsSoftDeleted); ids are all
    // different, so they are not interned.
    assert_eq!(reader.interned(), 4);
    let department = reader.names.get("department").unwrap();
    let a = users[0].value_of(department).unwrap();
    let b = users[99].value_of(department).unwrap();
    match (a, b) {
        (ValueRef::One(x), ValueRef::One(y)) => assert!(Text::ptr_eq(x, y)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn users_work_with_the_expression_engine() {
    let (user, _, mut reader) =
        read(json!({"department": "Vindel > Sales > EMEA", "accountEnabled": true}));
    let expression = crate::expr::Expression::compile(
        "Item(Split([department], \" > \"), 2)",
        &mut reader.names,
    )
    .unwrap();
    let result = expression.evaluate(&user, &crate::expr::EvalContext::default());
    assert_eq!(result.outcome.single(), Some("Sales"));
}

#[test]
fn powershell_dates_and_type_names() {
    assert_eq!(
        powershell_date("/Date(0)/").as_deref(),
        Some("1970-01-01T00:00:00Z")
    );
    assert_eq!(
        powershell_date("/Date(-86400000)/").as_deref(),
        Some("1969-12-31T00:00:00Z")
    );
    assert_eq!(
        powershell_date("/Date(1439769600000+0100)/").as_deref(),
        Some("2015-08-17T00:00:00Z")
    );
    assert_eq!(powershell_date("/Date(x)/"), None);
    assert_eq!(powershell_date("2015-08-17"), None);
    assert!(is_type_name(
        "System.Collections.Generic.Dictionary`2[System.String,System.Object]"
    ));
    assert!(is_type_name(
        "Microsoft.Graph.PowerShell.Models.MicrosoftGraphAssignedLicense"
    ));
    assert!(!is_type_name("Microsoft Teams"));
    assert!(!is_type_name("Sales"));
}

/// Reads `text` with the streaming reader, as the importer does.
fn stream(reader: &mut UserReader, text: &str) -> Result<(User, Vec<Finding>), serde_json::Error> {
    reader.read(&mut serde_json::Deserializer::from_str(text), 0, 0)
}

#[test]
fn a_users_equal_unique_texts_are_one_text_on_both_paths() {
    let text = r#"{"id":"1","mail":"ada@x.example","displayName":"Ada","userPrincipalName":"ada@x.example","employeeId":"Ada"}"#;
    let mut fast = UserReader::new();
    let mut slow = UserReader::new();
    for (user, reader) in [
        (fast.read_text(text, 0, 0).unwrap().0, &fast),
        (stream(&mut slow, text).unwrap().0, &slow),
    ] {
        let one = |name: &str| match user.value_of(reader.names.get(name).unwrap()) {
            Some(ValueRef::One(t)) => t.clone(),
            other => panic!("{other:?}"),
        };
        assert!(Text::ptr_eq(&one("mail"), &one("userPrincipalName")));
        assert!(Text::ptr_eq(&one("displayName"), &one("employeeId")));
        assert!(!Text::ptr_eq(&one("mail"), &one("displayName")));
        assert_eq!(&*one("objectId"), "1");
    }
}

#[test]
fn a_repeated_key_keeps_the_last_value_and_is_found_once() {
    let mut reader = UserReader::new();
    let (user, findings) = stream(
        &mut reader,
        r#"{"id": "1", "department": "A", "department": "B", "department": "C",
            "mobilePhone": "1", "mobilePhone": null,
            "employeeOrgData": {"division": "X", "costCenter": "Y"}, "employeeOrgData": {"division": "Z"},
            "manager": {"id": "m", "id": "n"}}"#,
    )
    .unwrap();
    assert_eq!(text(&user, &reader, "department"), Some("C"));
    assert_eq!(
        text(&user, &reader, "mobile"),
        None,
        "the last, null, is kept"
    );
    assert_eq!(text(&user, &reader, "employeeOrgData.division"), Some("Z"));
    assert_eq!(text(&user, &reader, "employeeOrgData.costCenter"), None);
    assert_eq!(text(&user, &reader, "manager"), Some("n"));
    let repeated: Vec<&str> = findings
        .iter()
        .filter_map(|f| match f {
            Finding::DuplicateKey { key } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        repeated,
        ["department", "mobilePhone", "employeeOrgData", "manager.id"]
    );
    // The next user with the same keys once each has no finding.
    let (_, findings) = stream(
        &mut reader,
        r#"{"id": "2", "department": "A", "accountEnabled": true}"#,
    )
    .unwrap();
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn keys_past_the_limits_are_refused_and_say_which() {
    let mut reader = UserReader::new();
    let long = format!(r#"{{"id": "1", "{}": 1}}"#, "k".repeat(MAX_KEY_BYTES + 1));
    assert!(stream(&mut reader, &long).is_err());
    assert_eq!(reader.take_refusal(), Some(Limit::KeyBytes));
    assert_eq!(reader.take_refusal(), None);
    let mut keys = String::from(r#"{"id": "1""#);
    for i in 0..MAX_KEY_PATHS {
        keys.push_str(&format!(r#", "k{i}": 1"#));
    }
    keys.push('}');
    assert!(stream(&mut reader, &keys).is_err());
    assert_eq!(reader.take_refusal(), Some(Limit::KeyPaths));
    // Keys seen before still read.
    assert!(stream(&mut reader, r#"{"id": "2", "k5": 1}"#).is_ok());
}

#[test]
fn entries_that_are_not_users_to_provision_say_why() {
    let mut reader = UserReader::new();
    let (user, _) = stream(&mut reader, "{}").unwrap();
    assert_eq!(reader.left_out(&user), Some(LeftOut::NoIdOrName));
    let (user, _) = stream(&mut reader, r#"{"displayName": "A", "postalCode": null}"#).unwrap();
    assert_eq!(reader.left_out(&user), Some(LeftOut::NoIdOrName));
    let removed = r#"{"id": "9", "@removed": {"reason": "changed"}}"#;
    let (user, _) = stream(&mut reader, removed).unwrap();
    assert_eq!(reader.left_out(&user), Some(LeftOut::Removed));
    // Only the user's own `@removed` counts, and only for that user.
    let (user, _) = stream(
        &mut reader,
        r#"{"userPrincipalName": "a@x", "manager": {"id": "9", "@removed": {}}}"#,
    )
    .unwrap();
    assert_eq!(reader.left_out(&user), None);
    assert!(!reader.has_id(&user));
    let (user, _) = stream(&mut reader, r#"{"id": "1", "accountEnabled": true}"#).unwrap();
    assert_eq!(reader.left_out(&user), None);
    assert!(reader.has_id(&user));
}
