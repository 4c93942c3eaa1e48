//! Redaction for sharing a preview with a vendor's support: each user's personal values (names,
//! principal names, mail addresses, phone numbers, street address, ids) are replaced by a stable
//! hash wherever they appear; organization units and the shape of the requests stay readable.
//!
//! The hash is stable (the same value gives the same text in every export, so rows can still be
//! compared) but it is not encryption: someone who guesses a value can check the guess.

use std::collections::HashMap;

use serde_json::Value;

use crate::import::UserSet;

/// The attributes whose values are personal.
pub const PERSONAL: [&str; 15] = [
    "displayName",
    "givenName",
    "surname",
    "userPrincipalName",
    "originalUserPrincipalName",
    "mail",
    "mailNickname",
    "otherMails",
    "proxyAddresses",
    "telephoneNumber",
    "mobile",
    "facsimileTelephoneNumber",
    "streetAddress",
    "employeeId",
    "objectId",
];

/// The text a value is replaced with: `redacted-` and 8 hex digits of its FNV-1a hash.
pub fn token(value: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in value.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("redacted-{:08x}", (hash >> 32) as u32 ^ hash as u32)
}

/// Each user's personal values, longest first (so `ase@x.example` goes before `ase`).
pub fn personal_values(set: &UserSet, user: usize) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    let Some(record) = set.users.get(user) else {
        return values;
    };
    for name in PERSONAL {
        let Some(slot) = set.names.get(name).and_then(|i| record.slot(i)) else {
            continue;
        };
        match &slot.value {
            crate::import::record::UserValue::One(v) => values.push(v.to_string()),
            crate::import::record::UserValue::Many(vs) => values.extend(vs.iter().cloned()),
        }
    }
    values.retain(|v| v.chars().count() >= 2);
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    values.dedup();
    values
}

/// Replaces `values` wherever they occur in the strings (and object keys' values) of `json`.
pub fn redact_json(json: &mut Value, values: &[String], cache: &mut HashMap<String, String>) {
    match json {
        Value::String(text) => *text = redact_text(text, values, cache),
        Value::Array(items) => {
            for item in items {
                redact_json(item, values, cache);
            }
        }
        Value::Object(map) => {
            for (_, item) in map.iter_mut() {
                redact_json(item, values, cache);
            }
        }
        _ => {}
    }
}

/// Replaces `values` wherever they occur in `text`.
pub fn redact_text(text: &str, values: &[String], cache: &mut HashMap<String, String>) -> String {
    let mut out = text.to_owned();
    for value in values {
        if out.contains(value.as_str()) {
            let replacement = cache
                .entry(value.clone())
                .or_insert_with(|| token(value))
                .clone();
            out = out.replace(value.as_str(), &replacement);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stable_and_values_replaced_longest_first() {
        assert_eq!(token("ase@vindel.example"), token("ase@vindel.example"));
        assert_ne!(token("ase@vindel.example"), token("bo@vindel.example"));
        assert!(token("x").starts_with("redacted-") && token("x").len() == 17);
        let values = vec!["ase@vindel.example".to_owned(), "ase".to_owned()];
        let mut cache = HashMap::new();
        let mut json = serde_json::json!({"userName": "ase@vindel.example", "externalId": "ase",
            "department": "Sales", "emails": [{"value": "ase@vindel.example"}]});
        redact_json(&mut json, &values, &mut cache);
        assert_eq!(json["userName"], token("ase@vindel.example"));
        assert_eq!(json["externalId"], token("ase"));
        assert_eq!(json["department"], "Sales", "units stay readable");
        assert_eq!(json["emails"][0]["value"], token("ase@vindel.example"));
    }
}
