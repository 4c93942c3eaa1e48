//! Provisioning log records in JSON, whichever tool wrote them.
//!
//! Keys are matched without regard to case, so Graph's camelCase (`provisioningSteps`) and
//! PowerShell's PascalCase (`ProvisioningSteps`) read alike. The v1.0 names
//! (`provisioningAction`, `provisioningStatusInfo.errorInformation`, `provisioningStepType`)
//! and the beta and provision-on-demand ones (`action`, `statusInfo`, a step's `type`) are
//! both read. Details are an object of texts (Graph), the same under `AdditionalProperties`
//! (PowerShell), or a list of `key`/`value` pairs.

use serde_json::{Deserializer, Map, Value};

use super::error::LogError;
use super::{Action, Identity, LogRecord, LogShape, Modified, Status, Step, StepKind};
use crate::import::error::shorten;

/// What one JSON file held.
#[derive(Debug)]
pub struct JsonLogs {
    /// The records, in file order.
    pub records: Vec<LogRecord>,
    /// The shape.
    pub shape: LogShape,
    /// Things the admin should know.
    pub notes: Vec<String>,
}

/// Reads the records of `text` (file number `file`).
pub fn read(text: &str, file: usize) -> Result<JsonLogs, LogError> {
    let mut values = Vec::new();
    for value in Deserializer::from_str(text).into_iter::<Value>() {
        match value {
            Ok(value) => values.push(value),
            Err(e) if e.is_eof() => {
                let line = text.lines().count().max(1) as u64;
                return Err(LogError::Truncated { line });
            }
            Err(e) => {
                return Err(LogError::Json {
                    line: e.line() as u64,
                    column: e.column() as u64,
                    message: json_message(&e),
                });
            }
        }
    }
    let mut out = JsonLogs {
        records: Vec::new(),
        shape: LogShape::Array,
        notes: Vec::new(),
    };
    let mut pages = 0;
    let mut next_link = None;
    for value in &values {
        match value {
            Value::Array(entries) => {
                for entry in entries {
                    read_entry(entry, file, &mut out)?;
                }
            }
            Value::Object(object) => {
                if let Some(Value::Array(entries)) = field(object, "value") {
                    pages += 1;
                    // The last page of a list has no next link.
                    next_link = field(object, "@odata.nextLink")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                    for entry in entries {
                        read_entry(entry, file, &mut out)?;
                    }
                } else {
                    read_entry(value, file, &mut out)?;
                    if out.shape == LogShape::Array {
                        out.shape = LogShape::Single;
                    }
                }
            }
            other => {
                return Err(LogError::NotLogs(format!(
                    "it holds {}",
                    crate::import::shape::describe(other)
                )));
            }
        }
    }
    if pages > 0 && !matches!(out.shape, LogShape::PowerShell | LogShape::OnDemand) {
        out.shape = LogShape::GraphPages(pages);
    }
    if let Some(link) = next_link {
        out.notes.push(format!(
            "This file is one page of a longer list: it ends with the next page link ({}). \
             Load the other pages too, or export with Get-MgAuditLogProvisioning -All.",
            shorten(&link, 90)
        ));
    }
    if out.records.is_empty() {
        return Err(LogError::NoRecords);
    }
    Ok(out)
}

/// serde_json's message without its " at line … column …" (the message says where).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Reads one entry of a list (or a single object): a record, or a provision-on-demand result.
fn read_entry(entry: &Value, file: usize, out: &mut JsonLogs) -> Result<(), LogError> {
    let Value::Object(object) = entry else {
        return Err(LogError::NotLogs(format!(
            "the list holds {}, not log records",
            crate::import::shape::describe(entry)
        )));
    };
    if let Some(Value::Object(error)) = field(object, "error") {
        let message = field(error, "message")
            .and_then(Value::as_str)
            .unwrap_or("no message");
        let code = field(error, "code").and_then(Value::as_str).unwrap_or("");
        let text = if code.is_empty() {
            message.to_owned()
        } else {
            format!("{code}: {message}")
        };
        return Err(LogError::GraphError(shorten(&text, 300)));
    }
    if let Some(record) = on_demand(object, file)? {
        out.shape = LogShape::OnDemand;
        out.records.push(record);
        return Ok(());
    }
    if !is_record(object) {
        return Err(not_a_record(object));
    }
    if object.keys().any(|k| k == "ProvisioningSteps" || k == "Id") {
        out.shape = LogShape::PowerShell;
    }
    out.records.push(record(object, file)?);
    Ok(())
}

/// True when `object` has a key only a provisioning log record has.
fn is_record(object: &Map<String, Value>) -> bool {
    [
        "provisioningSteps",
        "provisioningAction",
        "provisioningStatusInfo",
        "modifiedProperties",
    ]
    .iter()
    .any(|k| field(object, k).is_some())
        || (field(object, "statusInfo").is_some() && field(object, "sourceIdentity").is_some())
}

/// Why `object` is not a record: a user, a schema, or something else.
fn not_a_record(object: &Map<String, Value>) -> LogError {
    let has = |key: &str| field(object, key).is_some();
    if has("userPrincipalName") || has("objectId") || has("mailNickname") {
        return LogError::UserExport;
    }
    if let Some(context) = field(object, "@odata.context").and_then(Value::as_str)
        && let Some((_, set)) = context.split_once("$metadata#")
    {
        return LogError::NotLogs(format!(
            "it is a Microsoft Graph list of {}",
            shorten(set.split(['(', '/', '?']).next().unwrap_or(set), 60)
        ));
    }
    let mut keys: Vec<String> = object.keys().take(6).map(|k| shorten(k, 40)).collect();
    if object.len() > keys.len() {
        keys.push("…".to_owned());
    }
    LogError::NotLogs(if keys.is_empty() {
        "it is an empty object".to_owned()
    } else {
        format!("its keys are {}", keys.join(", "))
    })
}

/// A provision-on-demand result: `{"key": "<JSON: result, details>", "value": "<JSON: a
/// record>"}` (microsoft-graph-docs-contrib, api-reference/v1.0/api/
/// synchronization-synchronizationjob-provisionondemand.md). `None` when `object` is not one.
fn on_demand(object: &Map<String, Value>, file: usize) -> Result<Option<LogRecord>, LogError> {
    let (Some(Value::String(key)), Some(Value::String(value))) =
        (field(object, "key"), field(object, "value"))
    else {
        return Ok(None);
    };
    let Ok(Value::Object(inner)) = serde_json::from_str::<Value>(value) else {
        return Ok(None);
    };
    if !is_record(&inner) && field(&inner, "provisioningSteps").is_none() {
        return Ok(None);
    }
    let mut record = record(&inner, file)?;
    if let Ok(Value::Object(result)) = serde_json::from_str::<Value>(key) {
        if record.status == Status::Unknown
            && let Some(status) = field(&result, "result").and_then(Value::as_str)
        {
            record.status = Status::parse(status);
        }
        if let Some(Value::Object(details)) = field(&result, "details") {
            if record.error_code.is_none() {
                record.error_code = text(field(details, "errorCode"));
            }
            if record.reason.is_none() {
                record.reason = text(field(details, "errorMessage"));
            }
        }
    }
    Ok(Some(record))
}

/// One record.
fn record(object: &Map<String, Value>, file: usize) -> Result<LogRecord, LogError> {
    let status_info = field(object, "provisioningStatusInfo")
        .or_else(|| field(object, "statusInfo"))
        .and_then(Value::as_object);
    let error = status_info.and_then(|s| {
        field(s, "errorInformation")
            .or_else(|| field(s, "errorInfo"))
            .and_then(Value::as_object)
    });
    // beta's statusInfo (`statusDetails`) carries the code and reason itself.
    let error = error.or(status_info);
    let steps = match field(object, "provisioningSteps") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(steps)) => steps.iter().map(step).collect::<Result<_, _>>()?,
        Some(_) => return Err(LogError::DepthCut),
    };
    let modified = match field(object, "modifiedProperties") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_object)
            .map(|p| Modified {
                name: text(field(p, "displayName")).unwrap_or_default(),
                old: text(field(p, "oldValue")),
                new: text(field(p, "newValue")),
            })
            .filter(|p| !p.name.is_empty())
            .collect(),
        Some(Value::String(s)) if is_type_name(s) => return Err(LogError::DepthCut),
        _ => Vec::new(),
    };
    Ok(LogRecord {
        change_id: text(field(object, "changeId")).unwrap_or_default(),
        time: text(field(object, "activityDateTime"))
            .or_else(|| text(field(object, "endTime")))
            .or_else(|| text(field(object, "startTime")))
            .unwrap_or_default(),
        action: field(object, "provisioningAction")
            .or_else(|| field(object, "action"))
            .and_then(Value::as_str)
            .map_or(Action::Other, Action::parse),
        status: status_info
            .and_then(|s| field(s, "status"))
            .and_then(Value::as_str)
            .map_or(Status::Unknown, Status::parse),
        error_code: error
            .and_then(|e| text(field(e, "errorCode")))
            .filter(|c| !c.is_empty()),
        reason: error
            .and_then(|e| text(field(e, "reason")))
            .filter(|c| !c.is_empty()),
        source: identity(field(object, "sourceIdentity"))?,
        target: identity(field(object, "targetIdentity"))?,
        modified,
        steps,
        file,
    })
}

/// A `provisionedIdentity`.
fn identity(value: Option<&Value>) -> Result<Identity, LogError> {
    match value {
        Some(Value::Object(o)) => Ok(Identity {
            id: text(field(o, "id")).unwrap_or_default(),
            display_name: text(field(o, "displayName")).unwrap_or_default(),
            kind: text(field(o, "identityType").or_else(|| field(o, "type"))).unwrap_or_default(),
        }),
        Some(Value::String(s)) if is_type_name(s) => Err(LogError::DepthCut),
        _ => Ok(Identity::default()),
    }
}

/// A `provisioningStep`.
fn step(value: &Value) -> Result<Step, LogError> {
    let Value::Object(o) = value else {
        return Err(LogError::DepthCut);
    };
    let details = match field(o, "details") {
        Some(Value::String(s)) if is_type_name(s) => return Err(LogError::DepthCut),
        Some(details) => flatten_details(details),
        None => Vec::new(),
    };
    Ok(Step {
        kind: field(o, "provisioningStepType")
            .or_else(|| field(o, "type"))
            .and_then(Value::as_str)
            .map_or(StepKind::Other, StepKind::parse),
        name: text(field(o, "name")).unwrap_or_default(),
        status: field(o, "status")
            .and_then(Value::as_str)
            .map_or(Status::Unknown, Status::parse),
        description: text(field(o, "description")).unwrap_or_default(),
        details,
    })
}

/// A step's details as (key, text) pairs: an object (under `AdditionalProperties` for
/// PowerShell), or a list of `key`/`value` pairs.
pub(crate) fn flatten_details(details: &Value) -> Vec<(String, String)> {
    match details {
        Value::Object(o) => {
            if let Some(inner @ Value::Object(_)) = field(o, "AdditionalProperties") {
                return flatten_details(inner);
            }
            o.iter()
                .filter(|(k, _)| !k.starts_with('@'))
                .filter_map(|(k, v)| Some((k.clone(), text(Some(v))?)))
                .collect()
        }
        Value::Array(pairs) => pairs
            .iter()
            .filter_map(Value::as_object)
            .filter_map(|p| Some((text(field(p, "key"))?, text(field(p, "value"))?)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The value of `key` in `object`, without regard to case.
pub(crate) fn field<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object.get(key).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// A value as text: strings as they are, numbers and booleans written out (booleans as .NET
/// writes them, `True`), lists and objects as JSON; `None` for null or nothing.
pub(crate) fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some("True".to_owned()),
        Value::Bool(false) => Some("False".to_owned()),
        other => Some(other.to_string()),
    }
}

/// A .NET type name, as `ConvertTo-Json` writes for an object deeper than `-Depth`.
fn is_type_name(s: &str) -> bool {
    (s.starts_with("System.") || s.starts_with("Microsoft.")) && !s.contains(' ')
}
