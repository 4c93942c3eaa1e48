//! Tests of the sample generator: deterministic, every shape readable, and the data has the
//! traits the preview needs to show (paths in several styles, gaps, disabled users, guests).

use super::*;
use crate::expr::AttributeNames;
use crate::import::normalize::{UserReader, user_from_json};
use crate::import::record::User;

fn written(shape: SampleShape, count: usize, seed: u64) -> String {
    let mut out = Vec::new();
    write(&mut out, shape, count, seed).unwrap();
    String::from_utf8(out).unwrap()
}

fn normalized(objects: &[Value]) -> (Vec<User>, AttributeNames) {
    let mut reader = UserReader::new();
    let users = objects
        .iter()
        .enumerate()
        .map(|(i, o)| user_from_json(o.as_object().unwrap(), 0, i, &mut reader).0)
        .collect();
    (users, reader.names)
}

#[test]
fn the_same_seed_gives_the_same_file() {
    assert_eq!(
        written(SampleShape::Graph, 50, 7),
        written(SampleShape::Graph, 50, 7)
    );
    assert_ne!(
        written(SampleShape::Graph, 50, 7),
        written(SampleShape::Graph, 50, 8)
    );
}

#[test]
fn graph_array_and_powershell_shapes_hold_the_same_users() {
    let graph: Value = serde_json::from_str(&written(SampleShape::Graph, 40, 1)).unwrap();
    let array: Value = serde_json::from_str(&written(SampleShape::Array, 40, 1)).unwrap();
    let mg: Value = serde_json::from_str(&written(SampleShape::MgGraph, 40, 1)).unwrap();
    assert!(
        graph["@odata.context"]
            .as_str()
            .unwrap()
            .contains("$metadata#users")
    );
    let (from_graph, names_a) = normalized(graph["value"].as_array().unwrap());
    let (from_array, names_b) = normalized(array.as_array().unwrap());
    let (from_mg, names_c) = normalized(mg.as_array().unwrap());
    assert_eq!(from_graph.len(), 40);
    for ((a, b), c) in from_graph.iter().zip(&from_array).zip(&from_mg) {
        for name in [
            "objectId",
            "userPrincipalName",
            "department",
            "companyName",
            "employeeOrgData.division",
            "employeeOrgData.costCenter",
            "manager",
            "IsSoftDeleted",
            "telephoneNumber",
            "extensionAttribute1",
            EXTENSION,
        ] {
            assert_eq!(a.text(&names_a, name), b.text(&names_b, name), "{name}");
            assert_eq!(a.text(&names_a, name), c.text(&names_c, name), "{name}");
        }
    }
}

#[test]
fn the_data_has_what_the_preview_must_show() {
    let objects: Vec<Value> = users(2000, 42).into_iter().map(Value::Object).collect();
    let (users, names) = normalized(&objects);
    let departments: Vec<&str> = users
        .iter()
        .filter_map(|u| u.text(&names, "department"))
        .collect();
    assert!(
        departments
            .iter()
            .any(|d| d.starts_with("Contoso > ") && d.matches(" > ").count() == 2)
    );
    assert!(
        departments
            .iter()
            .any(|d| d.starts_with("Vindel|") && d.matches('|').count() == 2)
    );
    assert!(departments.iter().any(|d| d.starts_with("Fabrikam/")));
    assert!(
        departments.iter().any(|d| d.ends_with(' ')),
        "a trailing space"
    );
    assert!(
        departments
            .iter()
            .any(|d| d.chars().next().is_some_and(char::is_lowercase)),
        "another case"
    );
    let count = |f: &dyn Fn(&User) -> bool| users.iter().filter(|u| f(u)).count();
    let missing_department = count(&|u| u.text(&names, "department").is_none());
    let disabled = count(&|u| u.text(&names, "IsSoftDeleted") == Some("True"));
    let guests = count(&|u| u.text(&names, "originalUserPrincipalName").is_some());
    let no_division = count(&|u| u.text(&names, "employeeOrgData.division").is_none());
    let with_manager = count(&|u| u.text(&names, "manager").is_some());
    let with_extension = count(&|u| u.text(&names, EXTENSION).is_some());
    for (what, n, low, high) in [
        ("missing department", missing_department, 40, 200),
        ("disabled", disabled, 20, 120),
        ("guests", guests, 10, 100),
        ("no division", no_division, 40, 200),
        ("with manager", with_manager, 1800, 1999),
        ("with directory extension", with_extension, 600, 1000),
    ] {
        assert!((low..=high).contains(&n), "{what}: {n}");
    }
    // Non-ASCII names, and mail addresses that are plain ASCII.
    assert!(
        users
            .iter()
            .any(|u| u.text(&names, "surname").is_some_and(|s| !s.is_ascii()))
    );
    assert!(
        users
            .iter()
            .filter_map(|u| u.text(&names, "mail"))
            .all(str::is_ascii)
    );
    // Every manager is one of the users.
    let ids: std::collections::HashSet<&str> = users
        .iter()
        .filter_map(|u| u.text(&names, "objectId"))
        .collect();
    assert!(
        users
            .iter()
            .filter_map(|u| u.text(&names, "manager"))
            .all(|m| ids.contains(m))
    );
}

#[test]
fn the_csv_has_the_portal_columns_and_quotes_properly() {
    let text = written(SampleShape::Csv, 300, 3);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 300);
    assert!(rows.iter().all(|r| r.len() == CSV_COLUMNS.len()));
    assert!(rows.iter().any(|r| r[9] == *"False") && rows.iter().any(|r| r[9] == *"True"));
}
