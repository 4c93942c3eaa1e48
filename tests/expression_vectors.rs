//! Every fact from Microsoft's documentation about the expression language (and the inferred,
//! community-reported and ambiguous cases around them), run through the same batch contract as
//! `scim-preflight eval --batch`. The data is `tests/data/expression_vectors.json`: each case has
//! an expectation and a confidence level; where the project had to choose, `choice` says why.
//! Every case must pass; the test prints how many passed per confidence level.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use scim_preflight::expr::EvalContext;
use scim_preflight::expr::batch::{Case, run_case};
use serde_json::Value as Json;

const DATA: &str = include_str!("data/expression_vectors.json");

fn check(vector: &Json, got: &Json) -> Result<(), String> {
    let expect = &vector["expect"];
    if let Some(kind) = expect.get("error").and_then(Json::as_str) {
        let Some(message) = got.get("error").and_then(Json::as_str) else {
            return Err(format!("expected an error, got {got}"));
        };
        return match kind {
            "parse" if message.starts_with("line ") => Ok(()),
            "cloud sync" if message.contains("cloud sync") => Ok(()),
            "any" => Ok(()),
            _ => Err(format!("expected a {kind} error, got {message}")),
        };
    }
    if expect.get("flow").is_some() {
        return if got.get("flow").and_then(Json::as_str) == Some("ignored") {
            Ok(())
        } else {
            Err(format!("expected the flow to be ignored, got {got}"))
        };
    }
    if let Some(pattern) = expect.get("matches").and_then(Json::as_str) {
        let value = got["value"]
            .as_str()
            .ok_or(format!("expected text, got {got}"))?;
        let regex = fancy_regex::Regex::new(pattern).map_err(|e| e.to_string())?;
        if !regex.is_match(value).unwrap_or(false) {
            return Err(format!("{value:?} does not match {pattern}"));
        }
        if let Some(at_least) = expect.get("at_least").and_then(Json::as_object) {
            for (class, count) in at_least {
                let n = value
                    .chars()
                    .filter(|c| match class.as_str() {
                        "digits" => c.is_ascii_digit(),
                        "lower" => c.is_ascii_lowercase(),
                        "upper" => c.is_ascii_uppercase(),
                        _ => !c.is_ascii_alphanumeric(),
                    })
                    .count();
                if (n as u64) < count.as_u64().unwrap_or(0) {
                    return Err(format!("{value:?} has {n} {class}, wanted {count}"));
                }
            }
        }
        return Ok(());
    }
    let want = &expect["value"];
    if got.get("value") == Some(want) && got.get("flow").is_none() {
        Ok(())
    } else {
        Err(format!("expected {want}, got {got}"))
    }
}

#[test]
fn every_vector_passes() {
    let vectors: Vec<Json> = serde_json::from_str(DATA).expect("valid test data");
    assert!(vectors.len() >= 160);
    let is_taken = |_: &str| false;
    let ctx = EvalContext {
        now: Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap(),
        seed: 42,
        is_taken: Some(&is_taken),
        ..EvalContext::default()
    };
    let mut passed: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for vector in &vectors {
        let case: Case = serde_json::from_value(vector.clone()).expect("a case");
        let got = run_case(&case, &ctx);
        let confidence = vector["confidence"].as_str().unwrap_or("?").to_owned();
        let entry = passed.entry(confidence).or_default();
        entry.1 += 1;
        match check(vector, &got) {
            Ok(()) => entry.0 += 1,
            Err(why) => failures.push(format!(
                "{} [{}] {}\n    {why}",
                vector["id"].as_str().unwrap_or("?"),
                vector["confidence"].as_str().unwrap_or("?"),
                vector["expression"].as_str().unwrap_or("?")
            )),
        }
    }
    for (confidence, (ok, total)) in &passed {
        println!("{confidence:>13}: {ok}/{total} passed");
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
