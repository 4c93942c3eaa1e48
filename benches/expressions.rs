//! How fast expressions evaluate over many users: parse once, then evaluate over 100 000
//! generated attribute sets on one core. Target: `Item(Split([department], " > "), 2)` under
//! 20 ms per 100 000 users.

// The programs' allocator, so the figures are the programs'.
#[path = "../src/allocator.rs"]
mod allocator;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scim_preflight::expr::{AttributeNames, AttributeSet, EvalContext, Expression, Stored};

const USERS: usize = 100_000;

fn users(names: &mut AttributeNames) -> Vec<AttributeSet> {
    let companies = ["Contoso", "Fabrikam", "Vindel", "Northwind"];
    let divisions = ["Sales", "Engineering", "Finance", "Operations", "HR"];
    let regions = ["EMEA", "APAC", "Americas"];
    (0..USERS)
        .map(|i| {
            let mut user = AttributeSet::new();
            let department = format!(
                "{} > {} > {}",
                companies[i % companies.len()],
                divisions[(i / 4) % divisions.len()],
                regions[(i / 20) % regions.len()]
            );
            user.set(names, "department", Stored::One(department));
            user.set(
                names,
                "country",
                Stored::One(
                    [
                        "NO", "SE", "DK", "FI", "US", "GB", "DE", "FR", "NL", "ES", "IT",
                    ][i % 11]
                        .to_owned(),
                ),
            );
            user.set(
                names,
                "mobile",
                Stored::One(format!(
                    "+47 ({}) {}-{}",
                    900 + i % 99,
                    100 + i % 900,
                    1000 + i % 9000
                )),
            );
            user
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut names = AttributeNames::new();
    let expressions = [
        ("item_split_100k", r#"Item(Split([department], " > "), 2)"#),
        (
            "switch_10_cases_100k",
            r#"Switch([country], "Other", "NO", "Norway", "SE", "Sweden", "DK", "Denmark", "FI", "Finland", "US", "United States", "GB", "United Kingdom", "DE", "Germany", "FR", "France", "NL", "Netherlands", "ES", "Spain")"#,
        ),
        (
            "replace_regex_100k",
            r#"Replace([mobile], , "[()\\s-]+", , "", , )"#,
        ),
    ];
    let compiled: Vec<(&str, Expression)> = expressions
        .iter()
        .map(|(name, text)| {
            (
                *name,
                Expression::compile(text, &mut names).expect("compiles"),
            )
        })
        .collect();
    let population = users(&mut names);
    let ctx = EvalContext::default();
    let mut group = c.benchmark_group("evaluate");
    group.sample_size(20);
    for (name, expression) in &compiled {
        group.bench_function(*name, |b| {
            b.iter(|| {
                for user in &population {
                    black_box(expression.evaluate(user, &ctx));
                }
            })
        });
    }
    group.finish();
    c.bench_function("parse_and_compile", |b| {
        b.iter(|| {
            for (_, text) in &expressions {
                black_box(Expression::compile(text, &mut names).expect("compiles"));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
