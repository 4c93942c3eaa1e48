//! How fast the preview runs over a generated 100 000-user export: every mapping of the Secure
//! Practice preset (Azure's defaults plus the hierarchy) for every user, the hierarchy and all
//! diagnostics. Target: under 300 ms on the 2-core development machine. And the re-preview after
//! one expression changes (the department split into its last level), copy of the preview shown
//! included, as the window does it: under 50 ms.

// The programs' allocator, so the figures are the programs'.
#[path = "../src/allocator.rs"]
mod allocator;

use criterion::{Criterion, criterion_group, criterion_main};
use scim_preflight::import::sample::{self, SampleShape};
use scim_preflight::import::{Input, Progress, UserSet};
use scim_preflight::mapping::{Mapping, presets};
use scim_preflight::preview::{self, Options};

const USERS: usize = 100_000;

fn preview(c: &mut Criterion) {
    let mut bytes = Vec::new();
    sample::write(&mut bytes, SampleShape::Graph, USERS, 1).expect("sample written");
    let input = Input::Bytes {
        name: "sample".into(),
        bytes: bytes.into(),
    };
    let (set, errors) = UserSet::load(&[input], &Progress::default());
    assert!(errors.is_empty());
    let set = std::sync::Arc::new(set);
    let mappings = presets::secure_practice();
    let mut group = c.benchmark_group("preview");
    group.sample_size(10);
    group.bench_function("securepractice_100k_users", |b| {
        b.iter_with_large_drop(|| preview::run(set.clone(), &mappings, Options::default()))
    });
    let full = preview::run(set.clone(), &mappings, Options::default());
    let department = mappings
        .mappings
        .iter()
        .position(|m| m.target.ends_with(":department"))
        .expect("the preset maps department");
    let edited = Mapping::expression(
        r#"Replace([department], , "^.*[>|/]\\s*", , "", , )"#,
        &mappings.mappings[department].target,
    );
    // What the window does after OK in the Edit dialog: a copy of the preview shown (the
    // columns are shared, not copied) with the one mapping changed.
    group.bench_function("change_one_expression_100k_users", |b| {
        b.iter_with_large_drop(|| {
            let mut preview = full.clone();
            preview.change_mapping(department, edited.clone());
            preview
        })
    });
    // The copy alone: what sharing the columns left to copy.
    group.bench_function("copy_of_the_preview_100k_users", |b| {
        b.iter_with_large_drop(|| full.clone())
    });
    group.finish();
}

criterion_group!(benches, preview);
criterion_main!(benches);
