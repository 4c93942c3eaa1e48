//! What kind of export a file is, said the way the admin knows it ("Microsoft Graph PowerShell"),
//! and what a JSON object is when it is not a user (a schema, a group, a Graph error).

use serde_json::{Map, Value};

use super::error::{ImportError, shorten};

/// How the users are laid out in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// `{"@odata.context": …, "value": [...]}`, one page or several pasted together.
    GraphPages(usize),
    /// A bare JSON array.
    Array,
    /// One bare object (PowerShell's `ConvertTo-Json` of a single user).
    SingleObject,
    /// One object per line.
    JsonLines,
    /// The Entra admin center's "Download users" CSV.
    PortalCsv,
}

/// Which tool's key names the users have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Microsoft Graph camelCase (`id`, `userPrincipalName`): REST, Graph Explorer, az CLI.
    Graph,
    /// Microsoft Graph PowerShell PascalCase (`Id`, `UserPrincipalName`).
    PowerShell,
    /// Azure AD Graph (`objectId`): az CLI before 2.37, the AzureAD module.
    Legacy,
}

/// The shape of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The layout.
    pub container: Container,
    /// The key names.
    pub flavor: Flavor,
}

impl Shape {
    /// A short, stable name (for `--json` output).
    pub fn id(&self) -> &'static str {
        match (self.container, self.flavor) {
            (Container::PortalCsv, _) => "portal-csv",
            (Container::GraphPages(_), _) => "graph",
            (_, Flavor::PowerShell) => "mggraph",
            (Container::JsonLines, _) => "json-lines",
            (_, Flavor::Legacy) => "legacy-array",
            (Container::Array | Container::SingleObject, Flavor::Graph) => "array",
        }
    }

    /// How the summary names it.
    pub fn label(&self) -> String {
        let flavor = match self.flavor {
            Flavor::Graph => "",
            Flavor::PowerShell => " (PowerShell names)",
            Flavor::Legacy => " (legacy Azure AD Graph names)",
        };
        match (self.container, self.flavor) {
            (Container::PortalCsv, _) => "Entra admin center \"Download users\" CSV".to_owned(),
            (Container::GraphPages(1), _) => format!("Microsoft Graph /users response{flavor}"),
            (Container::GraphPages(n), _) => {
                format!("{n} Microsoft Graph /users pages, one after another{flavor}")
            }
            (Container::Array | Container::SingleObject, Flavor::PowerShell) => {
                let one = if self.container == Container::SingleObject {
                    ", one user"
                } else {
                    ""
                };
                format!("Microsoft Graph PowerShell (Get-MgUser | ConvertTo-Json{one})")
            }
            (Container::Array, _) => {
                format!("JSON array of users (az CLI, Graph Explorer){flavor}")
            }
            (Container::SingleObject, _) => format!("one user object{flavor}"),
            (Container::JsonLines, _) => format!("JSON Lines, one user per line{flavor}"),
        }
    }
}

/// What a JSON object is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectKind {
    /// A user, with the key names of this tool.
    User(Flavor),
    /// Something else: loading stops with this error.
    Other(ImportError),
}

/// Keys only a synchronization schema or a mapping file has (lower case).
const SCHEMA_KEYS: &[&str] = &[
    "synchronizationrules",
    "directories",
    "objectmappings",
    "objectmapping",
    "attributemappings",
    "scimpreflightmappings",
];

/// Keys only a group has (lower case).
const GROUP_KEYS: &[&str] = &[
    "grouptypes",
    "securityenabled",
    "mailenabled",
    "membershiprule",
];

/// Keys a user has (lower case).
const USER_KEYS: &[&str] = &[
    "userprincipalname",
    "objectid",
    "id",
    "mailnickname",
    "displayname",
    "mail",
    "givenname",
    "surname",
];

/// Says what `object` is.
pub fn classify(object: &Map<String, Value>) -> ObjectKind {
    let has = |keys: &[&str]| {
        object
            .keys()
            .any(|k| keys.contains(&k.to_ascii_lowercase().as_str()))
    };
    if has(SCHEMA_KEYS) {
        return ObjectKind::Other(ImportError::Schema);
    }
    if let Some(Value::Object(error)) = object.get("error") {
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("no message");
        let code = error.get("code").and_then(Value::as_str).unwrap_or("");
        let text = if code.is_empty() {
            message.to_owned()
        } else {
            format!("{code}: {message}")
        };
        return ObjectKind::Other(ImportError::GraphError(shorten(&text, 300)));
    }
    if has(GROUP_KEYS) && !has(&["userprincipalname"]) {
        return ObjectKind::Other(ImportError::Groups);
    }
    if !has(USER_KEYS) {
        let mut keys: Vec<String> = object.keys().take(6).map(|k| shorten(k, 40)).collect();
        if object.len() > keys.len() {
            keys.push("…".to_owned());
        }
        return ObjectKind::Other(ImportError::NotUsers(if keys.is_empty() {
            "it is an empty object".to_owned()
        } else {
            format!("its keys are {}", keys.join(", "))
        }));
    }
    let flavor = if object.contains_key("objectId") || object.contains_key("ObjectId") {
        Flavor::Legacy
    } else if object.keys().any(|k| {
        matches!(
            k.as_str(),
            "Id" | "UserPrincipalName" | "DisplayName" | "AdditionalProperties"
        )
    }) {
        Flavor::PowerShell
    } else {
        Flavor::Graph
    };
    ObjectKind::User(flavor)
}

/// What a JSON value that is not an object is, for "the list holds …, not users".
pub fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false values",
        Value::Number(_) => "numbers",
        Value::String(_) => "texts",
        Value::Array(_) => "lists",
        Value::Object(_) => "objects",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn kind(value: Value) -> ObjectKind {
        classify(value.as_object().unwrap())
    }

    #[test]
    fn users_of_every_tool_are_told_apart() {
        assert_eq!(
            kind(json!({"id": "1", "userPrincipalName": "a@b"})),
            ObjectKind::User(Flavor::Graph)
        );
        assert_eq!(
            kind(json!({"Id": "1", "UserPrincipalName": "a@b", "Calendar": null})),
            ObjectKind::User(Flavor::PowerShell)
        );
        assert_eq!(
            kind(json!({"objectId": "1", "mobile": "+1"})),
            ObjectKind::User(Flavor::Legacy)
        );
    }

    #[test]
    fn other_documents_are_named() {
        assert_eq!(
            kind(json!({"id": "x", "synchronizationRules": []})),
            ObjectKind::Other(ImportError::Schema)
        );
        assert_eq!(
            kind(
                json!({"id": "g", "displayName": "Sales", "groupTypes": [], "securityEnabled": true})
            ),
            ObjectKind::Other(ImportError::Groups)
        );
        let ObjectKind::Other(ImportError::GraphError(message)) = kind(
            json!({"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges"}}),
        ) else {
            panic!()
        };
        assert_eq!(
            message,
            "Authorization_RequestDenied: Insufficient privileges"
        );
        let ObjectKind::Other(ImportError::NotUsers(what)) = kind(json!({"a": 1, "b": 2})) else {
            panic!()
        };
        assert_eq!(what, "its keys are a, b");
    }

    #[test]
    fn labels_say_which_tool_wrote_the_file() {
        let shape = |container, flavor| Shape { container, flavor };
        assert_eq!(
            shape(Container::Array, Flavor::PowerShell).label(),
            "Microsoft Graph PowerShell (Get-MgUser | ConvertTo-Json)"
        );
        assert_eq!(shape(Container::GraphPages(3), Flavor::Graph).id(), "graph");
        assert!(
            shape(Container::GraphPages(3), Flavor::Graph)
                .label()
                .starts_with("3 Microsoft Graph")
        );
        assert_eq!(
            shape(Container::PortalCsv, Flavor::Legacy).id(),
            "portal-csv"
        );
    }
}
