//! Fuzz target: any text as an expression, with attributes made from the same bytes, must parse,
//! compile, evaluate and explain without a panic, a hang or a stack overflow.
//!
//! Run: `cargo +nightly fuzz run expression -- -max_total_time=600`
#![no_main]

use libfuzzer_sys::fuzz_target;
use scim_preflight::expr::{AttributeNames, AttributeSet, EvalContext, Expression, Stored};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line is the expression; the rest are attribute values for x, y and z.
    let mut lines = text.split('\n');
    let expression = lines.next().unwrap_or_default();
    let mut names = AttributeNames::new();
    let mut user = AttributeSet::new();
    for (name, value) in ["x", "y", "z"].iter().zip(lines) {
        let stored = if value.contains('|') {
            Stored::Many(value.split('|').map(str::to_owned).collect())
        } else {
            Stored::One(value.to_owned())
        };
        user.set(&mut names, name, stored);
    }
    if let Ok(compiled) = Expression::compile(expression, &mut names) {
        let ctx = EvalContext::default();
        let _ = compiled.evaluate(&user, &ctx);
        let _ = compiled.explain(&user, &ctx);
        let _ = Expression::compile(&compiled.canonical(), &mut names);
    }
});
