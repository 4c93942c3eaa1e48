//! The evaluation bounds: any expression over any attributes finishes within the time bound and
//! allocates within the memory bound, and past a bound it fails with a message for that user.
//! Memory is measured by a counting allocator, per thread (cargo runs tests on several).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use scim_preflight::expr::budget::{MAX_REGEX_TIME, MAX_VALUE_BYTES, MAX_WORK_BYTES};
use scim_preflight::expr::{
    AttributeNames, AttributeSet, EvalContext, Expression, Outcome, Stored,
};

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn add(bytes: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(bytes);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn sub(bytes: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(bytes)));
}

// SAFETY: every call is passed on to the system allocator unchanged; only counts are kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size());
        // SAFETY: the caller's layout goes to the system allocator as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        sub(layout.size());
        // SAFETY: `ptr` came from the system allocator with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        sub(layout.size());
        add(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What this thread allocated at the most while `f` ran, above what it held before, and how
/// long `f` took.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize, Duration) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    let started = Instant::now();
    let result = f();
    let took = started.elapsed();
    let peak = PEAK.with(Cell::get).saturating_sub(before);
    (result, peak, took)
}

/// The memory one evaluation may take: every value counted at most a few times over (a value,
/// the copy being made of it, the list it came from), plus the work bound.
const MEMORY_BOUND: usize = MAX_WORK_BYTES + 8 * MAX_VALUE_BYTES;

/// The time one evaluation may take in this (unoptimized) test build: the regex bound, one last
/// match after it, and the rest of the work.
const TIME_BOUND: Duration = Duration::from_secs(3);

fn evaluate(text: &str, attrs: &[(&str, Stored)]) -> (Outcome, usize, Duration) {
    let mut names = AttributeNames::new();
    let mut user = AttributeSet::new();
    for (name, value) in attrs {
        user.set(&mut names, name, value.clone());
    }
    let expression = Expression::compile(text, &mut names).expect("compiles");
    let (evaluation, peak, took) = measured(|| expression.evaluate(&user, &EvalContext::default()));
    (evaluation.outcome, peak, took)
}

fn error_of(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Error(error) => &error.message,
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn nested_replace_that_squares_its_input_fails_for_the_user_instead_of_ending_the_process() {
    // Before the bounds: "memory allocation of 6 372 720 640 bytes failed" and an abort.
    let text =
        r#"Replace(Replace(Replace([a], , "", , "$_", , ), , "", , "$_", , ), , "", , "$_", , )"#;
    let (outcome, peak, took) =
        evaluate(text, &[("a", Stored::One("abcdefghijklmnopqrst".into()))]);
    assert!(error_of(&outcome).contains("KiB"), "{outcome:?}");
    assert!(peak < MEMORY_BOUND, "{peak} bytes");
    assert!(took < TIME_BOUND, "{took:?}");
}

#[test]
fn every_growing_function_is_bounded_before_it_allocates() {
    let long = "x".repeat(200_000);
    let many = Stored::Many(vec![String::new(); 10_000]);
    let cases: Vec<(&str, Vec<(&str, Stored)>)> = vec![
        // A literal Replace whose new text is much longer than the old one.
        (
            r#"Replace([a], "x", , , [b], , )"#,
            vec![
                ("a", Stored::One(long.clone())),
                ("b", Stored::One(long.clone())),
            ],
        ),
        // The template mode puts the source into the template at every occurrence.
        (
            r#"Replace([a], "x", , , , , [b])"#,
            vec![
                ("a", Stored::One(long.clone())),
                ("b", Stored::One(long.clone())),
            ],
        ),
        // Many "$_" in one replacement.
        (
            r#"Replace([a], , "x", , [b], , )"#,
            vec![
                ("a", Stored::One("x".repeat(300))),
                ("b", Stored::One("$_".repeat(2000))),
            ],
        ),
        // Join with a long separator over many values.
        (
            r#"Join([b], [m])"#,
            vec![("b", Stored::One(long.clone())), ("m", many.clone())],
        ),
        // Append of a long text to every value of a list.
        (
            r#"Append([m], [b])"#,
            vec![("b", Stored::One(long.clone())), ("m", many.clone())],
        ),
        // A literal Replace over every value of a list.
        (
            r#"Replace([m], "", , , "y", , )"#,
            vec![("m", many.clone())],
        ),
        (
            r#"Replace(Join("x", [m]), "x", , , [b], , )"#,
            vec![("b", Stored::One(long.clone())), ("m", many)],
        ),
    ];
    for (text, attrs) in cases {
        let (outcome, peak, took) = evaluate(text, &attrs);
        assert!(peak < MEMORY_BOUND, "{text}: {peak} bytes");
        assert!(took < TIME_BOUND, "{text}: {took:?}");
        if let Outcome::Values(values) = &outcome {
            let bytes: usize = values.iter().map(String::len).sum();
            assert!(bytes <= MAX_VALUE_BYTES, "{text}: {bytes} bytes");
        }
    }
}

#[test]
fn a_backtracking_pattern_over_a_long_value_is_refused_and_over_a_short_one_is_timed() {
    // Before the bounds: 40 s for one value.
    let long = "a".repeat(50_000);
    let (outcome, _, took) = evaluate(
        r#"Replace([x], , "(?<=a)(a+)+b", , "z", , )"#,
        &[("x", Stored::One(long))],
    );
    assert!(error_of(&outcome).contains("look-around"), "{outcome:?}");
    assert!(took < TIME_BOUND, "{took:?}");
    // A regular pattern runs on any length, in linear time.
    let (outcome, _, took) = evaluate(
        r#"Replace([x], , "(a+)+b", , "z", , )"#,
        &[("x", Stored::One("a".repeat(200_000)))],
    );
    assert!(matches!(outcome, Outcome::Values(_)), "{outcome:?}");
    assert!(took < TIME_BOUND, "{took:?}");
    // Many values of a list each under the length limit: the time bound stops the evaluation.
    let values = Stored::Many(vec!["a".repeat(8000); 30]);
    let (outcome, _, took) = evaluate(
        r#"Replace([x], , "(?=(a+)+b)a", , "z", , )"#,
        &[("x", values)],
    );
    assert!(took < MAX_REGEX_TIME * 2 + TIME_BOUND, "{took:?}");
    if let Outcome::Error(error) = &outcome {
        assert!(error.message.contains("ms"), "{}", error.message);
    }
}

const NAMES: [&str; 4] = ["a", "b", "m", "d"];

/// Expressions built from the functions that can make values grow, nested.
fn growing() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        2 => prop::sample::select(NAMES.to_vec()).prop_map(|n| format!("[{n}]")),
        3 => prop::sample::select(vec!["\"$_\"", "\"$_$_$&\"", "\"$_$_$_$_\"", "\"a\"", "\",\"", "\"\""])
            .prop_map(str::to_owned),
    ];
    leaf.prop_recursive(8, 64, 4, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone())
                .prop_map(|(s, r)| format!("Replace({s}, , \"\", , {r}, , )")),
            (inner.clone(), inner.clone())
                .prop_map(|(s, r)| format!("Replace({s}, , \"(?<=a)\", , {r}, , )")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(s, o, r)| format!("Replace({s}, {o}, , , {r}, , )")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(s, o, t)| format!("Replace({s}, {o}, , , , , {t})")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(a, b, c)| format!("Join({a}, {b}, {c})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("Append({a}, {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("Split({a}, {b})")),
            inner.clone().prop_map(|a| format!("ConvertToUTF8Hex({a})")),
            inner
                .clone()
                .prop_map(|a| format!("NormalizeDiacritics(PCase({a}))")),
            inner.prop_map(|a| format!("RemoveDuplicates({a})")),
        ]
    })
}

fn value() -> impl Strategy<Value = Stored> {
    prop_oneof![
        Just(Stored::Absent),
        (1usize..4096, "[ab,$_ ]").prop_map(|(n, s)| Stored::One(s.repeat(n))),
        (0usize..300).prop_map(|n| Stored::Many(vec!["ab".to_owned(); n])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_expression_finishes_within_the_bounds(
        text in growing(),
        values in prop::collection::vec(value(), NAMES.len()),
    ) {
        let attrs: Vec<(&str, Stored)> = NAMES.iter().copied().zip(values).collect();
        let mut names = AttributeNames::new();
        let mut user = AttributeSet::new();
        for (name, value) in &attrs {
            user.set(&mut names, name, value.clone());
        }
        let Ok(expression) = Expression::compile(&text, &mut names) else {
            return Ok(());
        };
        let (evaluation, peak, took) =
            measured(|| expression.evaluate(&user, &EvalContext::default()));
        prop_assert!(peak < MEMORY_BOUND, "{} bytes for {}", peak, text);
        prop_assert!(took < TIME_BOUND, "{:?} for {}", took, text);
        if let Outcome::Values(values) = &evaluation.outcome {
            let bytes: usize = values.iter().map(String::len).sum();
            prop_assert!(bytes <= MAX_VALUE_BYTES);
        }
        let (_, peak, took) = measured(|| expression.explain(&user, &EvalContext::default()));
        prop_assert!(peak < 2 * MEMORY_BOUND, "explained: {} bytes for {}", peak, text);
        prop_assert!(took < TIME_BOUND, "explained: {:?} for {}", took, text);
    }
}

#[test]
fn a_preview_gives_up_on_a_mapping_whose_pattern_is_slow_for_every_user() {
    use scim_preflight::import::{Input, Progress, UserSet};
    use scim_preflight::mapping::{Mapping, presets};
    use scim_preflight::preview::{self, Options};
    use std::sync::Arc;

    // 20 users, each with 30 values a slow pattern takes about 0.1 s on: 3 s a user.
    let users: Vec<serde_json::Value> = (0..20)
        .map(|i| {
            let values: Vec<String> = (0..30).map(|v| format!("{}{i}-{v}", "a".repeat(7990))).collect();
            serde_json::json!({"id": format!("id-{i}"), "userPrincipalName": format!("u{i}@x.example"),
                "accountEnabled": true, "proxyAddresses": values})
        })
        .collect();
    let input = Input::Bytes {
        name: "users.json".into(),
        bytes: Arc::from(serde_json::to_vec(&users).unwrap()),
    };
    let (set, errors) = UserSet::load(&[input], &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    let mut mappings = presets::azure_defaults();
    mappings.mappings.push(Mapping::expression(
        r#"Replace([proxyAddresses], , "(?=(a+)+b)a", , "z", , )"#,
        "nickName",
    ));
    let m = mappings.mappings.len() - 1;
    let preview = preview::run(Arc::new(set), &mappings, Options::default());
    let messages: Vec<&str> = (0..20)
        .map(|u| {
            preview
                .cell(u, m)
                .error()
                .map_or("", |e| e.message.as_str())
        })
        .collect();
    assert!(messages.iter().all(|m| !m.is_empty()), "{messages:?}");
    let given_up = messages
        .iter()
        .filter(|m| m.starts_with("Not evaluated"))
        .count();
    // Without giving up, every user would take the whole time bound.
    assert!(given_up >= 17, "{given_up} of 20 given up: {messages:?}");
}
