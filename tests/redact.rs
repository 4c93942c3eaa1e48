//! The redacted exports (JSON, CSV, tree) carry no personal value, whatever an expression
//! made of it, no id, and no hash where a value merely contains a personal one; units, mapping
//! definitions and counts stay readable.

use std::sync::Arc;

use scim_preflight::import::{Input, Progress, UserSet};
use scim_preflight::mapping::{Mapping, MappingSet, presets};
use scim_preflight::preview::export::{json_text, to_csv, tree_shown};
use scim_preflight::preview::redact::token;
use scim_preflight::preview::{self, Options};

const ENT: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const USERS: &str = r#"{"value": [
 {"id": "1f0c9a52-aaaa-4bbb-8ccc-000000000001", "userPrincipalName": "kari.nordmann@vindel.example",
  "accountEnabled": true, "displayName": "Kári Nordmann", "givenName": "Kári", "surname": "Nordmann",
  "mail": "kari.nordmann@vindel.example", "otherMails": ["kari.private@mailbox.example", "kn@old.example"],
  "mobilePhone": "+47 912 34 567", "department": "Sales", "companyName": "Vindel AS",
  "jobTitle": "Account Manager", "employeeId": "E-77123",
  "manager": {"id": "9d9d9d9d-bbbb-4ccc-8ddd-00000000beef"}},
 {"id": "1f0c9a52-aaaa-4bbb-8ccc-000000000002", "userPrincipalName": "test.user@vindel.example",
  "accountEnabled": true, "displayName": "Test User", "givenName": "Test", "surname": "User",
  "mail": "test.user@vindel.example", "mobilePhone": "+47 913 00 000", "department": "Sales",
  "companyName": "Vindel AS", "jobTitle": "Tester", "employeeId": "E-77124",
  "manager": {"id": "1f0c9a52-aaaa-4bbb-8ccc-000000000001"}}
]}"#;

/// Azure's defaults and the hierarchy, plus mappings that compute new text from personal data.
fn mappings() -> MappingSet {
    let mut set = presets::secure_practice();
    set.mappings.retain(|m| m.target != "title");
    set.mappings.extend([
        Mapping::expression("ToLower([displayName])", "title"),
        Mapping::expression("NormalizeDiacritics([givenName])", "locale"),
        Mapping::expression(
            "Item(Split([userPrincipalName], \"@\"), 1)",
            "preferredLanguage",
        ),
        Mapping::expression(
            "Replace([mobile], , \"\\\\s\", , \"\", , )",
            &format!("{ENT}:costCenter"),
        ),
        Mapping::expression("Join(\";\", [otherMails])", "timezone"),
        Mapping::direct("manager", &format!("{ENT}:manager")),
    ]);
    set
}

/// Every personal value of the users, and what the expressions above make of them.
const PERSONAL: [&str; 21] = [
    "1f0c9a52-aaaa-4bbb-8ccc-000000000001",
    "1f0c9a52-aaaa-4bbb-8ccc-000000000002",
    "9d9d9d9d-bbbb-4ccc-8ddd-00000000beef",
    "kari.nordmann@vindel.example",
    "kari.nordmann",
    "Kári Nordmann",
    "kári nordmann",
    "Kári",
    "Kari",
    "Nordmann",
    "kari.private@mailbox.example",
    "kn@old.example",
    "+47 912 34 567",
    "+4791234567",
    "E-77123",
    "test.user@vindel.example",
    "test.user",
    "Test User",
    "test user",
    "+4791300000",
    "E-77124",
];

fn exports() -> (String, String, String) {
    let input = Input::Bytes {
        name: "users.json".into(),
        bytes: Arc::from(USERS.as_bytes()),
    };
    let (set, errors) = UserSet::load(&[input], &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    let set = Arc::new(set);
    let mappings = mappings();
    let preview = preview::run(set.clone(), &mappings, Options::default());
    (
        json_text(&set, &preview, true),
        to_csv(&set, &mappings, &preview, true),
        tree_shown(&set, &preview, true),
    )
}

#[test]
fn no_personal_value_and_nothing_computed_from_one_survives() {
    let (json, csv, tree) = exports();
    for (format, text) in [("json", &json), ("csv", &csv), ("tree", &tree)] {
        for value in PERSONAL {
            assert!(!text.contains(value), "{format} still has {value}:\n{text}");
        }
    }
    // The manager who is not among the loaded users is named by a hash only.
    assert!(json.contains(&token("9d9d9d9d-bbbb-4ccc-8ddd-00000000beef")));
}

#[test]
fn what_is_not_personal_stays_readable_and_untouched() {
    let (json, csv, tree) = exports();
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    // A surname "User" does not turn the schema URNs into hashes.
    for user in parsed["users"].as_array().unwrap() {
        assert_eq!(
            user["scim"]["schemas"][0],
            "urn:ietf:params:scim:schemas:core:2.0:User"
        );
        assert_eq!(
            user["patch"]["schemas"][0],
            "urn:ietf:params:scim:api:messages:2.0:PatchOp"
        );
        assert_eq!(user["scim"][ENT]["department"], "Sales");
        assert_eq!(user["scim"][ENT]["organization"], "Vindel AS");
    }
    // Units and the counts.
    assert_eq!(parsed["hierarchy"][0]["name"], "Vindel AS");
    assert_eq!(parsed["hierarchy"][0]["users"], 2);
    assert!(tree.contains("Vindel AS") && tree.contains("Sales  (2 users)"));
    assert!(csv.starts_with("id,userPrincipalName,skipped,"));
    assert!(csv.contains(",Sales,"));
    // Values are hashed by what they are: the same value, the same hash.
    assert!(json.contains(&token("kari.nordmann@vindel.example")));
    assert!(csv.contains(&token("Kári Nordmann")));
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_text() {
    let users = r#"[{"id": "1", "userPrincipalName": "a@x.example", "accountEnabled": true,
        "displayName": "=HYPERLINK(\"http://evil.example\",\"x\")", "department": "=cmd|' /C calc'!A0",
        "companyName": "@SUM(1)", "jobTitle": "+1", "mail": "a@x.example"}]"#;
    let input = Input::Bytes {
        name: "users.json".into(),
        bytes: Arc::from(users.as_bytes()),
    };
    let (set, _) = UserSet::load(&[input], &Progress::default());
    let set = Arc::new(set);
    let mappings = presets::secure_practice();
    let preview = preview::run(set.clone(), &mappings, Options::default());
    let csv = to_csv(&set, &mappings, &preview, false);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{cell:?} would run in a spreadsheet"
            );
        }
    }
    assert!(csv.contains("'=cmd|' /C calc'!A0"), "{csv}");
    assert!(csv.contains("'@SUM(1)"), "{csv}");
}
