//! How fast a large export loads: a generated 100 000-user Microsoft Graph `/users` export
//! (about 130 MB), read from disk by the same path the window and `scim-preflight import` use.
//! Target: under 1 s in release on the 2-core development machine, with peak memory under
//! twice the file size (measured with `/usr/bin/time -f %M` on `scim-preflight import`, see the
//! README).

// The programs' allocator, so the figures are the programs'.
#[path = "../src/allocator.rs"]
mod allocator;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/load.rs"]
mod load;

fn import(c: &mut Criterion) {
    load::bench_load(c, "graph_100k_users", 100_000, false);
}

criterion_group!(benches, import);
criterion_main!(benches);
