//! `scim-preflight eval` as a process: values on stdout, notes and errors on stderr, exit codes,
//! and the `--batch` JSON contract.

mod common;

use common::{err, out, run};

#[test]
fn prints_the_value() {
    let o = run(
        &[
            "eval",
            r#"Item(Split([department], " > "), 2)"#,
            "--attr",
            "department=Contoso > Sales > EMEA",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(out(&o), "Sales\n");
}

#[test]
fn repeated_attrs_are_multi_valued_and_lists_print_one_per_line() {
    let o = run(
        &[
            "eval",
            "RemoveDuplicates([p])",
            "--attr",
            "p=a",
            "--attr",
            "p=b",
            "--attr",
            "p=a",
        ],
        "",
    );
    assert_eq!(out(&o), "a\nb\n");
    let o = run(
        &["eval", "Split([p], \",\")", "--attr", "p=x,y", "--json"],
        "",
    );
    assert_eq!(out(&o), "{\"value\":[\"x\",\"y\"]}\n");
}

#[test]
fn parse_errors_show_the_position_with_a_caret_and_exit_2() {
    let o = run(&["eval", "Join(\",\", Item([x]))"], "");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(out(&o), "");
    assert_eq!(
        err(&o),
        "error: line 1, column 11: Item expects 2 arguments, got 1: Item(attribute, index)\n  \
         Join(\",\", Item([x]))\n            ^^^^\n"
    );
}

#[test]
fn null_flow_ignored_and_errors_in_json() {
    let o = run(&["eval", "[missing]", "--json"], "");
    assert_eq!(out(&o), "{\"value\":null}\n");
    let o = run(
        &[
            "eval",
            "IgnoreFlowIfNullOrEmpty([a])",
            "--attr",
            "a=",
            "--json",
        ],
        "",
    );
    assert_eq!(out(&o), "{\"flow\":\"ignored\",\"value\":null}\n");
    let o = run(
        &[
            "eval",
            "Item([a], [i])",
            "--attr",
            "a=x",
            "--attr",
            "i=0",
            "--json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).starts_with("{\"error\":\"Item counts from 1"));
}

#[test]
fn case_mismatched_attribute_names_are_errors() {
    let o = run(&["eval", "[Department]", "--attr", "department=Sales"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("attribute names are case-sensitive"));
}

#[test]
fn now_and_seed_make_results_reproducible() {
    let args = [
        "eval",
        "Join(\" \", Now(), Guid())",
        "--now",
        "2026-01-01T09:00:00Z",
        "--seed",
        "7",
    ];
    let a = run(&args, "");
    let b = run(&args, "");
    assert_eq!(out(&a), out(&b));
    assert!(out(&a).starts_with("1/1/2026 9:00:00 AM "), "{}", out(&a));
    assert!(err(&a).contains("Different on every run in Azure"));
}

#[test]
fn batch_keeps_order_and_length() {
    let input = r#"[
        {"expression": "Join(\", \", \"\", [surname], [givenName])", "attributes": {"givenName": "John", "surname": "Doe"}},
        {"expression": "IgnoreFlowIfNullOrEmpty([BusinessTitle])", "attributes": {"BusinessTitle": ""}},
        {"expression": "Split([p], \"|\")", "attributes": {"p": "a|b"}},
        {"expression": "Coalesce([mail], [upn])", "attributes": {"mail": null}},
        {"expression": "Mid([x], 1, 2", "attributes": {"x": "abc"}}
    ]"#;
    let o = run(&["eval", "--batch", "-"], input);
    assert_eq!(o.status.code(), Some(0));
    let results: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 5);
    assert_eq!(results[0], serde_json::json!({"value": "Doe, John"}));
    assert_eq!(
        results[1],
        serde_json::json!({"value": null, "flow": "ignored"})
    );
    assert_eq!(results[2], serde_json::json!({"value": ["a", "b"]}));
    assert_eq!(results[3], serde_json::json!({"value": null}));
    assert!(
        results[4]["error"]
            .as_str()
            .unwrap()
            .starts_with("line 1, column 4:")
    );
}

#[test]
fn a_bad_batch_file_says_where() {
    let o = run(&["eval", "--batch", "-"], "[{\"expression\": 1}]");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("line 1, column"), "{}", err(&o));
    let o = run(&["eval", "--batch", "/no/such/file.json"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("/no/such/file.json could not be read (")
            && err(&o).contains("Check that it exists"),
        "{}",
        err(&o)
    );
}

#[test]
fn a_batch_saved_as_utf16_by_powershell_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.json");
    // UTF-16 LE with a byte-order mark and CRLF, as Windows PowerShell 5 writes with `>`.
    let text =
        "[\r\n  {\"expression\": \"ToUpper([x])\", \"attributes\": {\"x\": \"område\"}}\r\n]";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&path, utf16).unwrap();
    let o = run(&["eval", "--batch", path.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o).trim(), r#"[{"value":"OMRÅDE"}]"#);
}

#[test]
fn a_batch_that_is_not_text_exits_2_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.json");
    std::fs::write(&path, b"PK\x03\x04\x00\x00binary").unwrap();
    let o = run(&["eval", "--batch", path.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("cases.json is not a text file"),
        "{}",
        err(&o)
    );
    assert_eq!(out(&o), "");
}

#[test]
fn a_batch_saved_with_a_byte_order_mark_is_read() {
    let o = run(
        &["eval", "--batch", "-"],
        "\u{feff}[{\"expression\": \"[a]\", \"attributes\": {\"a\": \"x\"}}]",
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o), "[{\"value\":\"x\"}]\n");
}

#[test]
fn assumptions_are_listed() {
    let o = run(&["eval", "--assumptions"], "");
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    assert!(text.lines().count() >= 40, "{text}");
    assert!(text.contains("IIF: A comparison in the condition on a missing attribute fails"));
    assert!(text.contains("Dates: CDate reads a date written without a time zone offset as UTC."));
    assert!(text.contains("NormalizeDiacritics: "));
}
