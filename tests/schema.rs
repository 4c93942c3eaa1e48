//! Azure's schema JSON: the users' mappings read out of it, and written back changing only them.

use std::path::Path;

use scim_preflight::mapping::schema::{Location, export, import};
use scim_preflight::mapping::{Apply, MappingKind, presets};
use serde_json::Value;

fn schema() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/schema/schema.json"),
    )
    .unwrap()
}

#[test]
fn the_users_mappings_are_read_whatever_their_source_kind() {
    let (set, location) = import(&schema()).unwrap();
    assert_eq!(
        location,
        Location { rule: 0, object: 1 },
        "the group mapping comes first"
    );
    assert_eq!(set.mappings.len(), 7);
    let user_name = set.get("userName").unwrap();
    assert_eq!(
        (
            user_name.kind,
            user_name.source.as_str(),
            user_name.matching
        ),
        (MappingKind::Direct, "userPrincipalName", 1)
    );
    assert_eq!(set.get("active").unwrap().source, presets::ACTIVE);
    // No expression text: rebuilt from the parameter tree.
    assert_eq!(
        set.get("name.formatted").unwrap().source,
        r#"Join(" ", [givenName], [surname])"#
    );
    let organization = set
        .get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization")
        .unwrap();
    assert_eq!(organization.kind, MappingKind::Constant);
    assert_eq!(organization.apply, Apply::OnCreate);
    let locale = set.get("locale").unwrap();
    assert_eq!(
        (locale.kind, locale.default_value.as_deref()),
        (MappingKind::None, Some("nb-NO"))
    );
}

#[test]
fn export_without_edits_gives_the_same_document() {
    let original = schema();
    let (set, _) = import(&original).unwrap();
    let exported = export(&original, &set).unwrap();
    let a: Value = serde_json::from_str(&original).unwrap();
    let b: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(a, b);
}

#[test]
fn an_edit_changes_only_that_mapping() {
    let original = schema();
    let (mut set, _) = import(&original).unwrap();
    let department = set
        .mappings
        .iter_mut()
        .find(|m| m.target.ends_with(":department"))
        .unwrap();
    department.kind = MappingKind::Expression;
    department.source = r#"Item(Split([department], " > "), 3)"#.into();
    let exported = export(&original, &set).unwrap();
    let a: Value = serde_json::from_str(&original).unwrap();
    let b: Value = serde_json::from_str(&exported).unwrap();
    let users = |doc: &Value| {
        doc["synchronizationRules"][0]["objectMappings"][1]["attributeMappings"].clone()
    };
    let (before, after) = (users(&a), users(&b));
    let changed: Vec<usize> = (0..7).filter(|&i| before[i] != after[i]).collect();
    assert_eq!(changed, [4]);
    assert_eq!(after[4]["source"]["type"], "Function");
    assert_eq!(after[4]["source"]["name"], "Item");
    assert_eq!(
        after[4]["source"]["expression"],
        r#"Item(Split([department], " > "), 3)"#
    );
    // Everything outside the users' attribute mappings is untouched.
    let mut a_rest = a.clone();
    let mut b_rest = b.clone();
    a_rest["synchronizationRules"][0]["objectMappings"][1]["attributeMappings"] = Value::Null;
    b_rest["synchronizationRules"][0]["objectMappings"][1]["attributeMappings"] = Value::Null;
    assert_eq!(a_rest, b_rest);
    // And it reads back as edited.
    let (again, _) = import(&exported).unwrap();
    assert_eq!(again, set);
}

#[test]
fn documents_that_are_not_schemas_say_so() {
    assert!(
        import("{\"value\": []}")
            .unwrap_err()
            .contains("no synchronizationRules")
    );
    assert!(import("{").unwrap_err().starts_with("line 1, column 1"));
    assert!(
        import("{\"synchronizationRules\": [{\"objectMappings\": []}]}")
            .unwrap_err()
            .contains("no object mapping from User to User")
    );
}
