//! What kind of export a file is, said the way the admin knows it ("Microsoft Graph PowerShell"),
//! and what a JSON object is when it is not a user (a schema, a group, a Graph error), as its
//! keys and a Graph response's `@odata` annotations tell.

use serde_json::{Map, Value};

use super::error::{ImportError, shorten};

/// How the users are laid out in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// `{"@odata.context": …, "value": [...]}`, one page or several pasted together.
    GraphPages(usize),
    /// One user as Microsoft Graph returns it: `{"@odata.context": "…#users/$entity", …}`
    /// (`GET /users/{id}`, `GET /me`, `az ad user show`).
    GraphUser,
    /// A bare JSON array.
    Array,
    /// One bare object (PowerShell's `ConvertTo-Json` of a single user, `az ad user show`
    /// without `@odata.context`).
    SingleObject,
    /// One object per line.
    JsonLines,
    /// The Entra admin center's "Download users" CSV.
    PortalCsv,
    /// The users the provisioning logs' import steps read (Azure's source attribute names).
    LogImportSteps,
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
            (Container::LogImportSteps, _) => "provisioning-logs",
            (Container::GraphPages(_) | Container::GraphUser, _) => "graph",
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
            (Container::LogImportSteps, _) => {
                "the users as Azure read them, from the provisioning logs' import steps".to_owned()
            }
            (Container::GraphPages(1), _) => format!("Microsoft Graph /users response{flavor}"),
            (Container::GraphPages(n), _) => {
                format!("{n} Microsoft Graph /users pages, one after another{flavor}")
            }
            (Container::GraphUser, _) => format!(
                "one Microsoft Graph user (GET /users/{{id}} or /me, az ad user show){flavor}"
            ),
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

/// Keys only a provisioning log record has (lower case).
const LOG_KEYS: &[&str] = &[
    "provisioningsteps",
    "provisioningaction",
    "provisioningstatusinfo",
];

/// What a provisioning log is called in "this JSON is not a list of users: …".
const LOG_TEXT: &str = "it holds provisioning logs (load them together with the users: step 2 \
     compares them with the preview, as does scim-preflight logs)";

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
    if has(LOG_KEYS) {
        return ObjectKind::Other(ImportError::NotUsers(LOG_TEXT.to_owned()));
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

/// Nothing to tell the object by: no key but `@` annotations has a value (Graph's `{}` for a
/// user who has none of the `$select`ed properties).
pub fn is_blank(object: &Map<String, Value>) -> bool {
    object
        .iter()
        .all(|(k, v)| k.starts_with('@') || v.is_null())
}

/// The entity set of an `@odata.context` (`users` in `…/$metadata#users(id,displayName)`), and
/// whether it names one object (`…#users/$entity`) rather than a list. `None` when it is not a
/// Graph context.
fn context_entity(context: &str) -> Option<(&str, bool)> {
    let (_, rest) = context.split_once("$metadata#")?;
    let set = rest.split(['(', '/', '?']).next().unwrap_or("");
    Some((set, rest.ends_with("/$entity")))
}

/// What a page's `@odata.context` says its `value` list holds: `Ok(true)` for users (their
/// entries are users even without a user's key), `Ok(false)` when it does not say; a page of
/// something else (`$metadata#groups`) is refused.
pub(crate) fn page_of_users(context: Option<&str>) -> Result<bool, ImportError> {
    let Some((set, _)) = context.and_then(context_entity) else {
        return Ok(false);
    };
    match set {
        "users" => Ok(true),
        "" => Ok(false),
        "groups" => Err(ImportError::Groups),
        "auditLogs" => Err(ImportError::NotUsers(LOG_TEXT.to_owned())),
        other => Err(ImportError::NotUsers(format!(
            "it is a Microsoft Graph list of {other}"
        ))),
    }
}

/// True when `object`, a Graph response with `@odata` annotations and no `value` list that
/// [`classify`] calls a user, is one user: its `@odata.type` is a user, else its
/// `@odata.context` is one user (`…#users/$entity`, `…#users(id,displayName)/$entity`), else,
/// with neither, it has a `userPrincipalName`. A service principal (`…#servicePrincipals/
/// $entity`) or a list's context without its list is not.
pub fn is_single_user(object: &Map<String, Value>) -> bool {
    let annotation = |key: &str| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    };
    if let Some(kind) = annotation("@odata.type") {
        return kind.is_some_and(|t| t.eq_ignore_ascii_case("#microsoft.graph.user"));
    }
    if let Some(context) = annotation("@odata.context") {
        return context
            .and_then(context_entity)
            .is_some_and(|(set, entity)| set == "users" && entity);
    }
    object
        .keys()
        .any(|k| k.eq_ignore_ascii_case("userPrincipalName"))
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
    fn one_graph_user_is_told_from_other_single_objects() {
        let single = |value: Value| is_single_user(value.as_object().unwrap());
        let context = |set: &str| format!("https://graph.microsoft.com/v1.0/$metadata#{set}");
        for set in [
            "users/$entity",
            "users(displayName,givenName,postalCode,identities)/$entity",
        ] {
            assert!(
                single(json!({"@odata.context": context(set), "id": "1", "displayName": "A"})),
                "{set}"
            );
        }
        // `GET /users/{id}/manager`: a directory object that is a user.
        assert!(single(json!({
            "@odata.context": context("directoryObjects/$entity"),
            "@odata.type": "#microsoft.graph.user",
            "id": "1",
        })));
        // `az ad user show` without a context, or with only other annotations.
        assert!(single(
            json!({"@odata.etag": "W/1", "userPrincipalName": "a@b", "id": "1"})
        ));
        for other in [
            json!({"@odata.context": context("servicePrincipals/$entity"), "id": "1", "displayName": "App"}),
            json!({"@odata.context": context("groups/$entity"), "id": "1", "displayName": "G"}),
            // A list's context without its list.
            json!({"@odata.context": context("users"), "id": "1", "displayName": "A"}),
            json!({"@odata.type": "#microsoft.graph.servicePrincipal", "id": "1", "displayName": "A"}),
            json!({"@odata.etag": "W/1", "id": "1", "displayName": "A"}),
        ] {
            assert!(!single(other.clone()), "{other}");
        }
    }

    #[test]
    fn provisioning_logs_are_named() {
        let logs = ImportError::NotUsers(LOG_TEXT.to_owned());
        assert_eq!(
            kind(json!({"id": "1", "provisioningAction": "create", "provisioningSteps": []})),
            ObjectKind::Other(logs.clone())
        );
        let context = "https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning";
        assert_eq!(page_of_users(Some(context)), Err(logs));
    }

    #[test]
    fn pages_say_what_they_list() {
        let context = |set: &str| format!("https://graph.microsoft.com/v1.0/$metadata#{set}");
        assert_eq!(page_of_users(Some(&context("users"))), Ok(true));
        assert_eq!(
            page_of_users(Some(&context("users(id,employeeId)"))),
            Ok(true)
        );
        assert_eq!(page_of_users(Some("not a context")), Ok(false));
        assert_eq!(page_of_users(None), Ok(false));
        assert_eq!(
            page_of_users(Some(&context("groups"))),
            Err(ImportError::Groups)
        );
        assert_eq!(
            page_of_users(Some(&context("devices"))),
            Err(ImportError::NotUsers(
                "it is a Microsoft Graph list of devices".into()
            ))
        );
    }

    #[test]
    fn blank_entries_have_nothing_but_annotations_and_nulls() {
        let blank = |value: Value| is_blank(value.as_object().unwrap());
        assert!(blank(json!({})));
        assert!(blank(
            json!({"@odata.type": "#microsoft.graph.user", "postalCode": null})
        ));
        assert!(!blank(json!({"employeeId": "7"})));
        assert!(!blank(
            json!({"id": "1", "@removed": {"reason": "changed"}})
        ));
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
        let one = shape(Container::GraphUser, Flavor::Graph);
        assert_eq!(one.id(), "graph");
        assert_eq!(
            one.label(),
            "one Microsoft Graph user (GET /users/{id} or /me, az ad user show)"
        );
    }
}
