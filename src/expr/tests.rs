//! Tests of the engine as a whole: compile errors with positions, evaluation, explanations,
//! notes. Function-by-function facts are in `tests/expression_vectors.rs`.

use super::*;

fn user(pairs: &[(&str, Stored)]) -> (AttributeNames, AttributeSet) {
    let mut names = AttributeNames::new();
    let mut set = AttributeSet::new();
    for (name, value) in pairs {
        set.set(&mut names, name, value.clone());
    }
    (names, set)
}

fn one(s: &str) -> Stored {
    Stored::One(s.to_owned())
}

fn eval(text: &str, pairs: &[(&str, Stored)]) -> Evaluation {
    let (mut names, set) = user(pairs);
    let expression = Expression::compile(text, &mut names).unwrap();
    expression.evaluate(&set, &EvalContext::default())
}

fn compile_error(text: &str) -> String {
    Expression::compile(text, &mut AttributeNames::new())
        .unwrap_err()
        .describe(text)
}

#[test]
fn compile_errors_name_the_fix_and_the_position() {
    assert_eq!(
        compile_error("Join(\",\", Item([x]))"),
        "line 1, column 11: Item expects 2 arguments, got 1: Item(attribute, index)"
    );
    assert!(
        compile_error("Itme([x], 1)").ends_with("Unknown function \"Itme\". Did you mean Item?")
    );
    assert!(compile_error("split([x], \",\")").contains("case-sensitive in Azure. Write Split"));
    assert!(
        compile_error("Trim([x])").contains("exists in cloud sync but not in app provisioning")
    );
    assert!(compile_error("Prepend(\"a\", [x])").contains("not documented for app provisioning"));
    assert!(compile_error("Switch([x], \"d\", \"k\")").contains("even number of arguments"));
    assert!(compile_error("Item([x], )").contains("Argument 2 of Item (index) is empty"));
    assert_eq!(
        compile_error("Item([proxyAddresses], 0)"),
        "line 1, column 24: Item counts from 1, so index 0 is not allowed. Use 1 for the first value."
    );
    assert!(compile_error("Join(\",\", [a] = [b])").contains("only be the condition of IIF"));
    assert!(
        compile_error("InStr(\"a\", \"b\", 1, vbTextcompare)")
            .contains("Did you mean vbTextCompare")
    );
    assert!(compile_error("Left(foo, 1)").contains("Unknown word \"foo\""));
    assert!(compile_error("IIF(True, \"a\", \"b\")").contains("no True/False keywords"));
    assert!(compile_error("Join(\",\", Guid)").contains("Guid is a function"));
    assert!(
        compile_error("Join(\",\", SelectUniqueValue(\"a\", \"b\"))").contains("whole expression")
    );
    assert!(compile_error("Replace([x], , \"(ab\", , \"\", , )").contains("cannot be read"));
}

#[test]
fn the_azure_default_active_mapping() {
    let active = "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")";
    assert_eq!(
        eval(active, &[("IsSoftDeleted", one("False"))])
            .outcome
            .single(),
        Some("True")
    );
    assert_eq!(
        eval(active, &[("IsSoftDeleted", one("True"))])
            .outcome
            .single(),
        Some("False")
    );
    let odd = eval(active, &[("IsSoftDeleted", one("false"))]);
    assert_eq!(odd.outcome, Outcome::Null, "case-sensitive, no default");
    assert!(odd.notes.is_empty());
}

#[test]
fn multi_valued_results_and_flow_ignored() {
    let result = eval("Split([d], \"|\")", &[("d", one("A|B|C"))]);
    assert_eq!(
        result.outcome,
        Outcome::Values(vec!["A".into(), "B".into(), "C".into()])
    );
    let ignored = eval("IgnoreFlowIfNullOrEmpty([d])", &[]);
    assert_eq!(ignored.outcome, Outcome::FlowIgnored);
    let nested = eval("ToUpper(IgnoreFlowIfNullOrEmpty([d]))", &[("d", one(""))]);
    assert_eq!(
        nested.outcome,
        Outcome::FlowIgnored,
        "flow ignored anywhere ignores the attribute"
    );
}

#[test]
fn iif_on_a_missing_attribute_fails_and_says_why() {
    let result = eval("IIF([country]=\"USA\", \"US\", \"Other\")", &[]);
    let Outcome::Error(error) = &result.outcome else {
        panic!("expected an error: {result:?}");
    };
    assert!(
        error
            .message
            .contains("Azure documents that a condition on a missing attribute fails")
    );
    assert_eq!(error.span, Span::new(4, 13));
    assert!(
        result
            .notes
            .iter()
            .any(|n| n.kind == NoteKind::AzureMayDiffer)
    );
    // Only the taken branch is evaluated: an error in the other one does not matter.
    let lazy = eval("IIF(\"True\", \"ok\", Item([x], \"0\"))", &[]);
    assert_eq!(lazy.outcome.single(), Some("ok"));
}

#[test]
fn explain_shows_every_node_with_its_value() {
    let (mut names, set) = user(&[("department", one("Vindel > Sales > EMEA"))]);
    let text = "Item(Split([department], \" > \"), 2)";
    let expression = Expression::compile(text, &mut names).unwrap();
    let explanation = expression.explain(&set, &EvalContext::default());
    let shown: Vec<(usize, &str, &str)> = explanation
        .steps
        .iter()
        .map(|s| (s.depth, &text[s.span.start..s.span.end], s.value.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            (0, text, "\"Sales\""),
            (
                1,
                "Split([department], \" > \")",
                "[\"Vindel\", \"Sales\", \"EMEA\"]"
            ),
            (2, "[department]", "\"Vindel > Sales > EMEA\""),
            (2, "\" > \"", "\" > \""),
            (1, "2", "2"),
        ]
    );
    assert_eq!(explanation.evaluation.outcome.single(), Some("Sales"));
}

#[test]
fn attribute_names_are_case_sensitive_and_checked_against_the_data() {
    let (mut names, _) = user(&[("department", one("Sales"))]);
    let expression =
        Expression::compile("Join(\" \", [Department], [costCenter])", &mut names).unwrap();
    let problems = expression.unknown_attributes(["department", "givenName"]);
    assert_eq!(problems.len(), 2);
    assert!(
        problems[0]
            .message
            .contains("[department] is: attribute names are case-sensitive")
    );
    assert!(
        problems[1]
            .message
            .contains("None of the loaded users has [costCenter]")
    );
}

#[test]
fn nondeterministic_functions_are_reproducible_per_seed() {
    let run = |seed| {
        let mut names = AttributeNames::new();
        let expression = Expression::compile(
            "Join(\"|\", Guid(), RandomString(12, 2, 2, 2, 2))",
            &mut names,
        )
        .unwrap();
        assert!(expression.is_nondeterministic());
        let ctx = EvalContext {
            seed,
            ..EvalContext::default()
        };
        expression.evaluate(&AttributeSet::new(), &ctx).outcome
    };
    assert_eq!(run(1), run(1));
    assert_ne!(run(1), run(2));
}

#[test]
fn select_unique_value_skips_taken_candidates() {
    let (mut names, set) = user(&[("g", one("John")), ("s", one("Smith"))]);
    let text = "SelectUniqueValue(Join(\".\", [g], [s]), Join(\".\", Left([g], 1), [s]))";
    let expression = Expression::compile(text, &mut names).unwrap();
    assert!(expression.depends_on_directory());
    let taken = |v: &str| v == "John.Smith";
    let ctx = EvalContext {
        is_taken: Some(&taken),
        ..EvalContext::default()
    };
    assert_eq!(
        expression.evaluate(&set, &ctx).outcome.single(),
        Some("J.Smith")
    );
    let all = |_: &str| true;
    let ctx = EvalContext {
        is_taken: Some(&all),
        ..EvalContext::default()
    };
    assert!(matches!(
        expression.evaluate(&set, &ctx).outcome,
        Outcome::Error(_)
    ));
}

#[test]
fn replace_rule_can_be_switched_to_the_2021_text() {
    let text = "Replace([telephoneNumber], , \"\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})\", \"phoneNumber\", , [mobile], )";
    let (mut names, set) = user(&[
        ("telephoneNumber", one("+1 4255550100")),
        ("mobile", one("+91 8887779999")),
    ]);
    let expression = Expression::compile(text, &mut names).unwrap();
    let current = expression.evaluate(&set, &EvalContext::default());
    assert_eq!(current.outcome.single(), Some("+1 4255550100"));
    let legacy = expression.evaluate(
        &set,
        &EvalContext {
            replace_rule: ReplaceAttributeRule::Legacy,
            ..EvalContext::default()
        },
    );
    assert_eq!(legacy.outcome.single(), Some("+1 +91 8887779999"));
}

#[test]
fn long_expressions_get_a_note() {
    let text = format!("Join(\"\", \"{}\")", "x".repeat(10_001));
    let expression = Expression::compile(&text, &mut AttributeNames::new()).unwrap();
    assert!(expression.notes().iter().any(|n| n.kind == NoteKind::Limit));
}

#[test]
fn canonical_text_round_trips() {
    for text in [
        "Replace([preferredLanguage], \"-\", , , \"_\", ,  )",
        "IIF([a]<>\"x\",\n \"y\", \"z\\\\d\")",
        "Switch([IsSoftDeleted], , \"False\", \"True\")",
    ] {
        let expression = Expression::compile(text, &mut AttributeNames::new()).unwrap();
        let again =
            Expression::compile(&expression.canonical(), &mut AttributeNames::new()).unwrap();
        assert_eq!(expression.tree(), again.tree());
        assert_eq!(again.canonical(), expression.canonical());
    }
}

#[test]
fn item_of_split_agrees_with_the_general_path() {
    let (mut names, set) = user(&[
        ("d", one("A > B > C")),
        ("m", Stored::Many(vec!["x > y".into(), "z".into()])),
    ]);
    let ctx = EvalContext::default();
    for (text, expected) in [
        (
            "Item(Split([d], \" > \"), 2)",
            Outcome::Values(vec!["B".into()]),
        ),
        (
            "Item(Split([m], \" > \"), 3)",
            Outcome::Values(vec!["z".into()]),
        ),
        (
            "Item(Split(RemoveDuplicates([m]), \" > \"), 3)",
            Outcome::Values(vec!["z".into()]),
        ),
        ("Item(Split([missing], \" > \"), 1)", Outcome::Null),
        (
            "Item(Split(\"a|b\", \"|\"), 2)",
            Outcome::Values(vec!["b".into()]),
        ),
    ] {
        let expression = Expression::compile(text, &mut names).unwrap();
        let fast = expression.evaluate(&set, &ctx).outcome;
        let traced = expression.explain(&set, &ctx).evaluation.outcome;
        assert_eq!(fast, expected, "{text}");
        assert_eq!(traced, expected, "{text} (general path)");
    }
    let expression = Expression::compile("Item(Split([d], \" > \"), 4)", &mut names).unwrap();
    assert!(matches!(
        expression.evaluate(&set, &ctx).outcome,
        Outcome::Error(_)
    ));
    assert!(matches!(
        expression.explain(&set, &ctx).evaluation.outcome,
        Outcome::Error(_)
    ));
}

#[test]
fn miscased_attributes_are_told_apart_from_missing_ones() {
    let mut names = AttributeNames::new();
    let expression =
        Expression::compile("Join(\",\", [Department], [costCenter])", &mut names).unwrap();
    let known = ["department", "givenName"];
    assert_eq!(expression.unknown_attributes(known).len(), 2);
    let miscased = expression.miscased_attributes(known);
    assert_eq!(miscased.len(), 1);
    assert!(miscased[0].message.contains("[department]"));
}

/// The Mid cases the app-provisioning reference leaves open give the text unchanged, as the sync
/// functions reference documents, with an "Azure may differ here" note; documented cases none.
#[test]
fn mid_edge_cases_follow_the_sync_reference_with_a_note() {
    for text in [
        "Mid([x], 10, 2)",
        "Mid([x], 0, 2)",
        "Mid([x], -1, 2)",
        "Mid([x], 2, -1)",
    ] {
        let evaluation = eval(text, &[("x", one("John"))]);
        assert_eq!(
            evaluation.outcome,
            Outcome::Values(vec!["John".into()]),
            "{text}"
        );
        assert!(
            evaluation
                .notes
                .iter()
                .any(|n| n.kind == NoteKind::AzureMayDiffer
                    && n.message.contains("sync functions reference")),
            "{text}: {:?}",
            evaluation.notes
        );
    }
    let documented = eval("Mid([x], 2, 9)", &[("x", one("John"))]);
    assert_eq!(documented.outcome, Outcome::Values(vec!["ohn".into()]));
    assert!(documented.notes.is_empty());
    let missing = eval("Mid([x], 1, 2)", &[("x", Stored::Absent)]);
    assert_eq!(missing.outcome, Outcome::Values(vec![String::new()]));
}

/// A Split delimiter of more than one character is noted, on the fast Item(Split(…), n) path
/// and the general one; a one-character delimiter is not.
#[test]
fn a_long_split_delimiter_is_noted() {
    let dept = [("department", one("Contoso > Sales > EMEA"))];
    for text in [
        r#"Item(Split([department], " > "), 2)"#,
        r#"Join("|", Split([department], " > "))"#,
    ] {
        let evaluation = eval(text, &dept);
        assert!(
            evaluation
                .notes
                .iter()
                .any(|n| n.kind == NoteKind::AzureMayDiffer
                    && n.message.contains("more than one character")),
            "{text}: {:?}",
            evaluation.notes
        );
    }
    let safe = eval(
        r#"Item(Split(Replace([department], " > ", , , ">", , ), ">"), 2)"#,
        &dept,
    );
    assert_eq!(safe.outcome, Outcome::Values(vec!["Sales".into()]));
    assert!(safe.notes.is_empty(), "{:?}", safe.notes);
}
