//! How fast a tenant of 1 000 000 users loads: a generated Microsoft Graph `/users` export of
//! about 1.3 GB, read from disk by the same path the window and `scim-preflight import` use.
//! Target: at most 11 times the 100 000-user load (`benches/import.rs`). Peak memory (under 1.5
//! times the file) is measured with `/usr/bin/time -f %M` on `scim-preflight import`, see the
//! README. Takes a few minutes and 1.3 GB in the temporary folder.

// The programs' allocator, so the figures are the programs'.
#[path = "../src/allocator.rs"]
mod allocator;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/load.rs"]
mod load;

fn import(c: &mut Criterion) {
    load::bench_load(c, "graph_1m_users", 1_000_000, true);
}

criterion_group!(benches, import);
criterion_main!(benches);
