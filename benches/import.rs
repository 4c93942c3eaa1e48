//! How fast a large export loads: a generated 100 000-user Microsoft Graph `/users` export
//! (about 130 MB), read from disk by the same path the window and `scim-preflight import` use.
//! Target: under 1 s in release on the 2-core development machine, with peak memory under
//! twice the file size (measured with `/usr/bin/time -f %M` on `scim-preflight import`, see the
//! README).

use std::io::Write;

use criterion::{Criterion, criterion_group, criterion_main};
use scim_preflight::import::sample::{self, SampleShape};
use scim_preflight::import::{Input, Progress, UserSet};

const USERS: usize = 100_000;

fn import(c: &mut Criterion) {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    {
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        sample::write(&mut out, SampleShape::Graph, USERS, 1).expect("sample written");
        out.flush().expect("flushed");
    }
    let size = file.as_file().metadata().expect("metadata").len();
    eprintln!(
        "import benchmark: {USERS} users, {:.1} MB",
        size as f64 / 1_000_000.0
    );
    let inputs = [Input::Path(file.path().to_path_buf())];
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("graph_100k_users", |b| {
        b.iter_with_large_drop(|| {
            let (set, errors) = UserSet::load(&inputs, &Progress::default());
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(set.users.len(), USERS);
            set
        })
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
