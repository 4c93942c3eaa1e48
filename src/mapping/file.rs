//! The project's own mapping file: small, readable JSON that says what it is.
//!
//! ```json
//! {"scimPreflightMappings": 1, "name": "Secure Practice hierarchy",
//!  "mappings": [{"kind": "Direct", "source": "userPrincipalName", "target": "userName", "matching": 1}]}
//! ```

use serde::{Deserialize, Serialize};

use super::scope::ScopingFilters;
use super::{Mapping, MappingSet};

/// The format version written and understood.
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FileForm {
    scim_preflight_mappings: u32,
    #[serde(default)]
    name: String,
    mappings: Vec<Mapping>,
    #[serde(default, skip_serializing_if = "ScopingFilters::is_empty")]
    scope: ScopingFilters,
}

/// The file's text for `set`.
pub fn to_json(set: &MappingSet) -> String {
    let form = FileForm {
        scim_preflight_mappings: VERSION,
        name: set.name.clone(),
        mappings: set.mappings.clone(),
        scope: set.scope.clone(),
    };
    serde_json::to_string_pretty(&form).unwrap_or_default()
}

/// Reads a mapping file; the error says where and what is wrong.
pub fn from_json(text: &str) -> Result<MappingSet, String> {
    let form: FileForm = serde_json::from_str(text).map_err(|e| {
        format!(
            "{}. This is not a SCIM Preflight mapping file, or it was edited by hand; check \
             that spot.",
            super::json_error_place(&e)
        )
    })?;
    if form.scim_preflight_mappings > VERSION {
        return Err(format!(
            "This mapping file is version {}; this SCIM Preflight reads version {VERSION}. \
             Update SCIM Preflight.",
            form.scim_preflight_mappings
        ));
    }
    Ok(MappingSet {
        name: form.name,
        mappings: form.mappings,
        scope: form.scope,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::presets::secure_practice;

    #[test]
    fn a_set_round_trips_through_its_file() {
        let set = secure_practice();
        let text = to_json(&set);
        assert!(text.starts_with("{\n  \"scimPreflightMappings\": 1,"));
        assert_eq!(from_json(&text).unwrap(), set);
    }

    #[test]
    fn bad_files_say_where() {
        let err =
            from_json("{\"scimPreflightMappings\": 1, \"mappings\": [{\"kind\": \"Direkt\"}]}")
                .unwrap_err();
        assert!(err.starts_with("line 1, column "), "{err}");
        assert!(err.contains("unknown variant `Direkt`"), "{err}");
        let err = from_json("{\"scimPreflightMappings\": 9, \"mappings\": []}").unwrap_err();
        assert!(err.contains("version 9"), "{err}");
    }
}
