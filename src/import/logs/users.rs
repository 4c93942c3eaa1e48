//! The users of provisioning logs: the import step's details are the source values Azure read
//! (`objectId`, `userPrincipalName`, `accountEnabled`, `department`…, named as Azure's mapping
//! screen names them), so they can stand in for a user export. Each user's latest import step
//! is written as one JSON object and read by the user importer itself, so these users are
//! records like any export's.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::{LogRecord, LogSet};
use crate::import::{Input, Progress, UserSet};

/// The latest record with an import step of each user, by source id (first seen order).
pub fn latest_imports(logs: &LogSet) -> Vec<&LogRecord> {
    let mut order: Vec<&LogRecord> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for record in logs.user_records() {
        let Some(step) = record.import_step() else {
            continue;
        };
        if step.details.is_empty() {
            continue;
        }
        let Some(id) = record.source_id() else {
            continue;
        };
        match at.get(id) {
            Some(&i) => {
                if record.time >= order[i].time {
                    order[i] = record;
                }
            }
            None => {
                at.insert(id, order.len());
                order.push(record);
            }
        }
    }
    order
}

pub use crate::import::load::IMPORT_STEPS_NAME;

/// The users the logs' import steps read, as a user set (`None` when no record has an import
/// step with details).
pub fn users_from_logs(logs: &LogSet) -> Option<UserSet> {
    let input = import_steps_input(logs)?;
    let (set, errors) = UserSet::load(&[input], &Progress::default());
    errors.is_empty().then_some(set)
}

/// The users the logs' import steps read, as a JSON file for the user importer (`None` when no
/// record has an import step with details).
pub fn import_steps_input(logs: &LogSet) -> Option<Input> {
    let records = latest_imports(logs);
    if records.is_empty() {
        return None;
    }
    let users: Vec<Value> = records
        .iter()
        .map(|record| {
            let mut object = Map::new();
            if let Some(step) = record.import_step() {
                for (key, value) in &step.details {
                    object.insert(key.clone(), Value::String(value.clone()));
                }
            }
            if !object.keys().any(|k| k.eq_ignore_ascii_case("objectId"))
                && let Some(id) = record.source_id()
            {
                object.insert("objectId".into(), Value::String(id.to_owned()));
            }
            Value::Object(object)
        })
        .collect();
    let bytes = serde_json::to_vec(&Value::Array(users)).ok()?;
    Some(Input::LogImportSteps(Arc::from(bytes)))
}
