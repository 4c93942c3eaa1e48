//! Scoping filter operators and their documented quirks as vectors with their sources
//! (`tests/data/scope/scoping_vectors.json`), run through the one function the preview uses
//! for every clause.

use scim_preflight::mapping::scope::{Clause, Operator};
use scim_preflight::preview::scope_filter::{Input, clause_holds};
use serde_json::Value;

const DATA: &str = include_str!("data/scope/scoping_vectors.json");

#[test]
fn every_vector_holds_as_microsoft_documents() {
    let data: Value = serde_json::from_str(DATA).unwrap();
    let vectors = data["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 40, "{} vectors", vectors.len());
    let mut failures = Vec::new();
    for vector in vectors {
        let clause = Clause {
            attribute: vector["attribute"].as_str().unwrap().to_owned(),
            operator: Operator::parse(vector["operator"].as_str().unwrap()),
            values: vector["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect(),
        };
        let many: Vec<String>;
        let input = match &vector["value"] {
            Value::Null => Input::Missing,
            Value::String(text) => Input::One(text),
            Value::Array(values) => {
                many = values
                    .iter()
                    .map(|v| v.as_str().unwrap().to_owned())
                    .collect();
                Input::Many(&many)
            }
            other => panic!("bad value {other}"),
        };
        let got = clause_holds(&clause, input);
        let quirk = got.quirk.map(|q| format!("{q:?}"));
        let expected_quirk = vector["quirk"].as_str().map(str::to_owned);
        if got.holds != vector["holds"].as_bool().unwrap() || quirk != expected_quirk {
            failures.push(format!(
                "{} on {}: got {} {:?}, expected {} {:?} ({})",
                clause.describe(),
                vector["value"],
                got.holds,
                quirk,
                vector["holds"],
                expected_quirk,
                vector["source"]
            ));
        }
        assert!(
            vector["source"].as_str().is_some_and(|s| s.len() > 3),
            "every vector names its source"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
