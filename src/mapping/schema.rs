//! Azure's synchronization schema JSON (the file "Review your schema" downloads): read the
//! users' attribute mappings out of it, and write an edited mapping set back into it, changing
//! only that object mapping's `attributeMappings` and leaving the rest of the document as it was.
//!
//! The object mapping's `scope` (its scoping filters, [`super::scope`]) is read and written the
//! same way: as it was unless edited.
//!
//! Each mapping's `source` is an `attributeMappingSource` tree (Attribute / Constant / Function
//! with parameters). Its `expression` text is taken as authoritative, as Microsoft's own tools
//! do; the tree is only used when the text is missing. Mappings written back keep their
//! original JSON when unchanged; a new or edited Expression mapping is written with its text and
//! an empty `parameters` list (Azure's schema editor parses the text; the parameter key names of
//! `Switch` and `Join` are not documented — Azure may differ here).

use serde_json::{Map, Value, json};

use super::scope::ScopingFilters;
use super::{Apply, Mapping, MappingKind, MappingSet};

/// Where the users' object mapping is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Index in `synchronizationRules`.
    pub rule: usize,
    /// Index in that rule's `objectMappings`.
    pub object: usize,
}

/// Reads the users' mappings from a schema document.
pub fn import(text: &str) -> Result<(MappingSet, Location), String> {
    let document: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "{}. This is not valid JSON; download the schema again from \"Review your schema \
             here\".",
            super::json_error_place(&e)
        )
    })?;
    let location = find_users(&document)?;
    let object =
        &document["synchronizationRules"][location.rule]["objectMappings"][location.object];
    let mappings = object["attributeMappings"]
        .as_array()
        .map(|list| list.iter().filter_map(mapping_from_json).collect())
        .unwrap_or_default();
    let name = object["name"]
        .as_str()
        .unwrap_or("Users (from Azure's schema)")
        .to_owned();
    let scope = ScopingFilters::from_json(&object["scope"]);
    Ok((
        MappingSet {
            name,
            mappings,
            scope,
        },
        location,
    ))
}

/// Writes `set` into `original` (a schema document) as the users' mappings; everything else in
/// the document is kept as it was.
pub fn export(original: &str, set: &MappingSet) -> Result<String, String> {
    let mut document: Value = serde_json::from_str(original)
        .map_err(|e| format!("the original schema is not JSON: {e}"))?;
    let location = find_users(&document)?;
    let object =
        &mut document["synchronizationRules"][location.rule]["objectMappings"][location.object];
    let old: Vec<Value> = object["attributeMappings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let written: Vec<Value> = set
        .mappings
        .iter()
        .map(|mapping| {
            old.iter()
                .find(|entry| mapping_from_json(entry).as_ref() == Some(mapping))
                .cloned()
                .unwrap_or_else(|| mapping_to_json(mapping))
        })
        .collect();
    object["attributeMappings"] = Value::Array(written);
    // A schema without a `scope` key gets none unless filters were added.
    if object.get("scope").is_some() || !set.scope.is_empty() {
        set.scope.write_into(&mut object["scope"]);
    }
    serde_json::to_string_pretty(&document).map_err(|e| e.to_string())
}

/// The users' object mapping: source `User`, target a User object, enabled ones first.
fn find_users(document: &Value) -> Result<Location, String> {
    let rules = document["synchronizationRules"].as_array().ok_or(
        "This JSON has no synchronizationRules: it is not the schema Azure downloads, nor a \
         mapping file saved by SCIM Preflight. In Azure, open your app's Provisioning page, \
         then Show advanced options, Review your schema here, Download; user exports belong \
         in step 2.",
    )?;
    let mut found = Vec::new();
    for (r, rule) in rules.iter().enumerate() {
        for (o, object) in rule["objectMappings"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let source = object["sourceObjectName"].as_str().unwrap_or("");
            let target = object["targetObjectName"].as_str().unwrap_or("");
            if source.eq_ignore_ascii_case("User") && target.to_ascii_lowercase().ends_with("user")
            {
                let enabled = object["enabled"].as_bool().unwrap_or(true);
                found.push((!enabled, Location { rule: r, object: o }));
            }
        }
    }
    found.sort_by_key(|(disabled, _)| *disabled);
    found
        .first()
        .map(|(_, location)| *location)
        .ok_or_else(|| "The schema has no object mapping from User to User.".to_owned())
}

/// One `attributeMapping` as a [`Mapping`].
fn mapping_from_json(entry: &Value) -> Option<Mapping> {
    let target = entry["targetAttributeName"].as_str()?.to_owned();
    let default_value = entry["defaultValue"].as_str().map(str::to_owned);
    let matching = entry["matchingPriority"]
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    let apply = match entry["flowType"].as_str() {
        Some("ObjectAddOnly") => Apply::OnCreate,
        _ => Apply::Always,
    };
    let source = &entry["source"];
    let (kind, text) = match source["type"].as_str() {
        _ if source.is_null() => (MappingKind::None, String::new()),
        Some("Constant") => (
            MappingKind::Constant,
            source["name"].as_str().unwrap_or("").to_owned(),
        ),
        Some("Function") => (MappingKind::Expression, expression_of(source)),
        // "Attribute", the default type.
        _ => (
            MappingKind::Direct,
            source["name"].as_str().unwrap_or("").to_owned(),
        ),
    };
    Some(Mapping {
        kind,
        source: text,
        default_value,
        target,
        matching,
        apply,
    })
}

/// The expression text of a source: its `expression`, else rebuilt from the tree.
fn expression_of(source: &Value) -> String {
    if let Some(text) = source["expression"].as_str().filter(|t| !t.is_empty()) {
        return text.to_owned();
    }
    let name = source["name"].as_str().unwrap_or("");
    match source["type"].as_str() {
        Some("Constant") => format!("\"{}\"", name.replace('"', "\\\"")),
        Some("Function") => {
            let arguments: Vec<String> = source["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|parameter| expression_of(&parameter["value"]))
                .collect();
            format!("{name}({})", arguments.join(", "))
        }
        _ => format!("[{name}]"),
    }
}

/// A [`Mapping`] as an `attributeMapping`.
fn mapping_to_json(mapping: &Mapping) -> Value {
    let source = match mapping.kind {
        MappingKind::None => Value::Null,
        MappingKind::Direct => json!({
            "expression": format!("[{}]", mapping.source),
            "name": mapping.source,
            "parameters": [],
            "type": "Attribute",
        }),
        MappingKind::Constant => json!({
            "expression": mapping.expression_text(),
            "name": mapping.source,
            "parameters": [],
            "type": "Constant",
        }),
        MappingKind::Expression => {
            let function = mapping
                .source
                .split('(')
                .next()
                .unwrap_or("")
                .trim()
                .to_owned();
            json!({
                "expression": mapping.source,
                "name": function,
                "parameters": [],
                "type": "Function",
            })
        }
    };
    let mut entry = Map::new();
    entry.insert("defaultValue".into(), json!(mapping.default_value));
    entry.insert("exportMissingReferences".into(), json!(false));
    entry.insert("flowBehavior".into(), json!("FlowWhenChanged"));
    entry.insert(
        "flowType".into(),
        json!(match mapping.apply {
            Apply::Always => "Always",
            Apply::OnCreate => "ObjectAddOnly",
        }),
    );
    entry.insert("matchingPriority".into(), json!(mapping.matching));
    entry.insert("source".into(), source);
    entry.insert("targetAttributeName".into(), json!(mapping.target));
    Value::Object(entry)
}
