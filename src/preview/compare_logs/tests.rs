//! Tests of the comparison's value rule (the fixtures are compared by tests/logs_compare.rs).

use super::*;

#[test]
fn values_are_the_same_as_texts_or_as_booleans() {
    assert!(same(Some("Sales"), Some("Sales")));
    assert!(!same(Some("Sales"), Some("sales")), "case counts for texts");
    assert!(
        same(Some("True"), Some("true")),
        "Azure logs True for a boolean"
    );
    assert!(!same(Some("True"), Some("False")));
    assert!(same(None, None));
    assert!(same(Some(""), None), "an empty value is no value");
    assert!(!same(Some("a"), None));
}

#[test]
fn scim_targets_are_told_from_source_attributes() {
    let parse = |s: &str| Target::parse(s);
    assert!(is_scim_target(parse("userName").as_ref()));
    assert!(is_scim_target(parse("name.givenName").as_ref()));
    assert!(is_scim_target(
        parse(r#"emails[type eq "work"].value"#).as_ref()
    ));
    assert!(!is_scim_target(parse("objectId").as_ref()));
    assert!(!is_scim_target(parse("accountDisabled").as_ref()));
    assert!(!is_scim_target(None));
}
