//! The batch contract of `scim-preflight eval --batch FILE`, which tests and other tools rely on:
//!
//! Input: a JSON array of `{"expression": "...", "attributes": {NAME: string | [strings] | null}}`.
//! Output: a JSON array of the same length, in order, each element either
//! `{"value": string | [strings] | null}` (null when the result is null or the flow is ignored,
//! with `"flow": "ignored"` added for the latter) or `{"error": "message"}`.
//!
//! A single-valued result is a string; a multi-valued one (from Split, RemoveDuplicates…) an
//! array. An attribute named with a different case than one given is an error, as in Azure.

use serde::Deserialize;
use serde_json::{Map, Value as Json, json};

use super::{AttributeNames, AttributeSet, EvalContext, Expression, Outcome, Stored};

/// One case of the batch input.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// The expression text.
    pub expression: String,
    /// The attributes: a string, an array of strings (multi-valued) or null (absent).
    #[serde(default)]
    pub attributes: Map<String, Json>,
}

/// Reads a batch input document.
pub fn parse_cases(text: &str) -> Result<Vec<Case>, String> {
    serde_json::from_str(text).map_err(|e| {
        format!(
            "line {}, column {}: {e}. The batch file must be a JSON array of \
             {{\"expression\": \"...\", \"attributes\": {{...}}}} objects.",
            e.line(),
            e.column()
        )
    })
}

/// Evaluates one case into its output element.
pub fn run_case(case: &Case, ctx: &EvalContext<'_>) -> Json {
    let mut names = AttributeNames::new();
    let mut user = AttributeSet::new();
    for (name, value) in &case.attributes {
        let stored = match value {
            Json::Null => Stored::Absent,
            Json::String(s) => Stored::One(s.clone()),
            Json::Array(items) => Stored::Many(
                items
                    .iter()
                    .map(|item| match item {
                        Json::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            other => Stored::One(other.to_string()),
        };
        user.set(&mut names, name, stored);
    }
    let expression = match Expression::compile(&case.expression, &mut names) {
        Ok(expression) => expression,
        Err(error) => return json!({ "error": error.describe(&case.expression) }),
    };
    let known: Vec<&str> = case.attributes.keys().map(String::as_str).collect();
    if let Some(error) = expression
        .miscased_attributes(known.iter().copied())
        .first()
    {
        return json!({ "error": error.describe(&case.expression) });
    }
    outcome_json(&expression.evaluate(&user, ctx).outcome)
}

/// The output element for an outcome.
pub fn outcome_json(outcome: &Outcome) -> Json {
    match outcome {
        Outcome::Values(values) if values.len() == 1 => json!({ "value": values[0] }),
        Outcome::Values(values) => json!({ "value": values }),
        Outcome::Null => json!({ "value": null }),
        Outcome::FlowIgnored => json!({ "value": null, "flow": "ignored" }),
        Outcome::Error(error) => json!({ "error": error.message }),
    }
}

/// Runs a whole batch document.
pub fn run(text: &str, ctx: &EvalContext<'_>) -> Result<Json, String> {
    let cases = parse_cases(text)?;
    Ok(Json::Array(
        cases.iter().map(|case| run_case(case, ctx)).collect(),
    ))
}
