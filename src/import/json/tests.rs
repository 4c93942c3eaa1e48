//! Tests of the JSON reader on shapes written on the spot: one user as Graph returns it, and
//! lists whose entries are not all users to provision.

use crate::import::error::ImportError;
use crate::import::finding::Finding;
use crate::import::left_out::LeftOut;
use crate::import::limits::Limit;
use crate::import::shape::Container;
use crate::import::{Input, Progress, UserSet};

fn load(text: &str) -> Result<UserSet, ImportError> {
    let input = Input::Bytes {
        name: "users.json".into(),
        bytes: text.as_bytes().into(),
    };
    let (set, mut errors) = UserSet::load(&[input], &Progress::default());
    match errors.pop() {
        Some(error) => Err(error.error),
        None => Ok(set),
    }
}

fn text<'a>(set: &'a UserSet, user: usize, name: &str) -> Option<&'a str> {
    set.users[user].text(&set.names, name)
}

#[test]
fn one_graph_user_reads_as_a_listed_user_does() {
    let set = load(
        r##"
{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName,department,manager())/$entity",
 "id": "1", "userPrincipalName": "a@vindel.example", "department": "A", "department": "B",
 "manager": {"@odata.type": "#microsoft.graph.user", "id": "m", "manager": {"id": "top"}}}"##,
    )
    .unwrap();
    assert_eq!(set.files[0].shape.container, Container::GraphUser);
    assert_eq!(set.users.len(), 1);
    assert_eq!(text(&set, 0, "userPrincipalName"), Some("a@vindel.example"));
    // The last of a repeated key, as in a list, and reported.
    assert_eq!(text(&set, 0, "department"), Some("B"));
    assert!(set.files[0].findings.iter().any(|(f, _)| *f
        == Finding::DuplicateKey {
            key: "department".into()
        }));
    assert_eq!(text(&set, 0, "manager"), Some("m"));
}

#[test]
fn a_bare_user_that_starts_with_an_annotation_loads() {
    for text in [
        r##"{"@odata.type": "#microsoft.graph.user", "id": "1", "displayName": "A"}"##,
        r#"{"@odata.etag": "W/\"1\"", "userPrincipalName": "a@x", "id": "1"}"#,
    ] {
        let set = load(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(set.users.len(), 1, "{text}");
    }
    // Only the annotations decide: an object that may be anything is refused as before.
    let Err(ImportError::NotUsers(what)) =
        load(r#"{"@odata.etag": "W/1", "id": "1", "displayName": "A"}"#)
    else {
        panic!()
    };
    assert_eq!(what, "it has @odata keys but no \"value\" list of users");
}

#[test]
fn one_graph_user_past_a_limit_is_refused_at_its_line() {
    let user = format!(
        "\n\n{{\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users/$entity\", \
         \"id\": \"1\", \"{}\": 1}}",
        "k".repeat(2000)
    );
    assert_eq!(
        load(&user).unwrap_err(),
        ImportError::TooLarge {
            limit: Limit::KeyBytes,
            line: Some(3)
        }
    );
}

#[test]
fn empty_entries_are_left_out_of_any_list() {
    let user = r#"{"id": "1", "userPrincipalName": "a@x", "accountEnabled": true}"#;
    for (text, users, left_out) in [
        (format!("[{{}}, {user}, {{}}]"), 1, 2),
        (format!("{user}\n{{}}\n"), 1, 1),
        (
            format!(r##"[{{"@odata.type": "#microsoft.graph.user", "mail": null}}, {user}]"##),
            1,
            1,
        ),
    ] {
        let set = load(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(set.users.len(), users, "{text}");
        assert_eq!(
            set.files[0].left_out,
            [(LeftOut::NoIdOrName, left_out)],
            "{text}"
        );
        // The entries left out are not counted in the findings.
        assert!(set.files[0].findings.is_empty(), "{text}");
    }
}

#[test]
fn lists_of_other_things_are_still_refused() {
    let Err(ImportError::NotUsers(what)) = load(r#"[{}, {"name": "Widget", "price": 3}]"#) else {
        panic!()
    };
    assert_eq!(what, "its keys are name, price");
    // A page that says it lists users: its entries are users, without a user's key.
    assert_eq!(
        load(
            r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(employeeId)",
                "value": [{"employeeId": "7"}, {}]}"#
        )
        .unwrap_err(),
        ImportError::AllLeftOut(vec![(LeftOut::NoIdOrName, 2)])
    );
    assert_eq!(
        load("[{}, {}]").unwrap_err(),
        ImportError::AllLeftOut(vec![(LeftOut::NoIdOrName, 2)])
    );
    assert_eq!(load("[{}, {}]").unwrap_err().kind(), "no-users");
}

#[test]
fn removed_entries_are_left_out_wherever_they_are() {
    let set = load(
        r#"[{"id": "9", "@removed": {"reason": "deleted"}},
            {"id": "1", "userPrincipalName": "a@x", "manager": {"id": "9"}},
            {}, {"id": "8", "@removed": {"reason": "changed"}}]"#,
    )
    .unwrap();
    assert_eq!(set.users.len(), 1);
    assert_eq!(text(&set, 0, "objectId"), Some("1"));
    assert_eq!(
        set.files[0].left_out,
        [(LeftOut::NoIdOrName, 1), (LeftOut::Removed, 2)]
    );
    assert_eq!(
        load(r#"{"id": "9", "@removed": {"reason": "deleted"}}"#).unwrap_err(),
        ImportError::AllLeftOut(vec![(LeftOut::Removed, 1)])
    );
}
