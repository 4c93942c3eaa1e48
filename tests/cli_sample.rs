//! `scim-preflight sample` as a process.

mod common;

use common::{out, run};

#[test]
fn writes_each_shape_deterministically() {
    let graph = run(&["sample", "--users", "20", "--seed", "5"], "");
    assert_eq!(graph.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&out(&graph)).unwrap();
    assert_eq!(value["value"].as_array().unwrap().len(), 20);
    assert_eq!(
        out(&graph),
        out(&run(&["sample", "--users", "20", "--seed", "5"], ""))
    );

    let array = run(&["sample", "--users", "3", "--shape", "array"], "");
    let value: serde_json::Value = serde_json::from_str(&out(&array)).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 3);

    let mg = run(&["sample", "--users", "3", "--shape", "mggraph"], "");
    let value: serde_json::Value = serde_json::from_str(&out(&mg)).unwrap();
    assert!(value[0].get("UserPrincipalName").is_some());

    let csv = run(&["sample", "--users", "3", "--shape", "csv"], "");
    let text = out(&csv);
    assert!(text.starts_with("userPrincipalName,displayName,surname,mail,givenName,objectId,"));
    assert_eq!(text.lines().count(), 4);
}

#[test]
fn bad_options_exit_2() {
    assert_eq!(run(&["sample", "--users", "0"], "").status.code(), Some(2));
    assert_eq!(
        run(&["sample", "--shape", "xml"], "").status.code(),
        Some(2)
    );
}
