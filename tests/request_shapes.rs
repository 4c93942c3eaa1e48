//! The requests compared with Microsoft's own, field by field (`preview::scim`): the SCIM
//! tutorial's Create User request (both schemas, `roles: []`, the work e-mail `primary`), the
//! reference code's user payload (`primary` on phone numbers and addresses), and the
//! `aadOptscim062020` page's PATCH requests (the path-less replace after the path operations,
//! `add` for a first manager).

use std::path::Path;
use std::sync::Arc;

use scim_preflight::expr::assumptions::{RequestChoice, all_choices};
use scim_preflight::import::{Input, Progress, UserSet};
use scim_preflight::mapping::{Mapping, MappingSet, presets};
use scim_preflight::preview::{self, Options, Preview, scim};
use serde_json::json;

fn users() -> Arc<UserSet> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/preview/users.json");
    let (set, errors) = UserSet::load(&[Input::Path(path)], &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    Arc::new(set)
}

fn run(mappings: &MappingSet, flag: bool) -> Preview {
    preview::run(
        users(),
        mappings,
        Options {
            aad_opt_scim_062020: flag,
        },
    )
}

#[test]
fn phone_numbers_and_addresses_carry_primary_and_create_sends_empty_roles() {
    let preview = run(&presets::secure_practice(), false);
    // Ingrid: a work phone, a work address, a work e-mail.
    let body = scim::post_body(&preview, 0);
    assert_eq!(
        body["phoneNumbers"],
        json!([{"primary": true, "type": "work", "value": "+47 22 00 00 01"}])
    );
    assert_eq!(
        body["addresses"],
        json!([{"country": "Norway", "formatted": "Oslo", "locality": "Oslo",
                "primary": true, "type": "work"}])
    );
    assert_eq!(body["emails"][0]["primary"], json!(true));
    assert_eq!(body["roles"], json!([]));
    // Åse: only a mobile number, which is not the primary one.
    let body = scim::post_body(&preview, 1);
    assert_eq!(
        body["phoneNumbers"],
        json!([{"primary": false, "type": "mobile", "value": "+47 911 00 002"}])
    );
}

#[test]
fn both_schemas_are_listed_without_enterprise_values() {
    let mappings = MappingSet {
        mappings: vec![
            Mapping {
                matching: 1,
                ..Mapping::direct("userPrincipalName", "userName")
            },
            Mapping::direct("displayName", "displayName"),
        ],
        ..MappingSet::default()
    };
    let preview = run(&mappings, false);
    let body = scim::post_body(&preview, 0);
    assert_eq!(
        body["schemas"],
        json!([
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        ])
    );
    assert_eq!(
        scim::request_choices(&preview, 0),
        vec![RequestChoice::Schemas]
    );
}

#[test]
fn the_scim_compliant_patch_puts_the_pathless_replace_last() {
    let preview = run(&presets::secure_practice(), true);
    let patch = scim::patch_body(&preview, 0);
    let ops = patch["Operations"].as_array().unwrap();
    assert_eq!(ops[0]["path"], json!("emails[type eq \"work\"].value"));
    let last = ops.last().unwrap();
    assert!(last.get("path").is_none(), "{last}");
    assert_eq!(last["op"], json!("replace"));
    assert_eq!(last["value"]["active"], json!(true));
    // The manager request: Add / add, as the page's add of a single value.
    assert_eq!(
        scim::manager_patch(&preview, 1).unwrap()["Operations"][0]["op"],
        json!("add")
    );
    let plain = run(&presets::secure_practice(), false);
    assert_eq!(
        scim::manager_patch(&plain, 1).unwrap()["Operations"][0]["op"],
        json!("Add")
    );
}

#[test]
fn the_request_choices_are_in_the_assumptions_list() {
    let listed: Vec<&str> = all_choices().map(|(_, text)| text).collect();
    for choice in RequestChoice::ALL {
        assert!(listed.contains(&choice.text()), "{choice:?}");
    }
}
