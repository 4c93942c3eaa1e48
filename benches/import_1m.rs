//! How fast a tenant of 1 000 000 users loads: a generated Microsoft Graph `/users` export of
//! about 1.3 GB, read from disk by the same path the window and `scim-preflight import` use.
//! Target: at most 11 times the 100 000-user load (`benches/import.rs`). Peak memory (under 1.5
//! times the file) is measured with `/usr/bin/time -f %M` on `scim-preflight import`, see the
//! README. Takes a few minutes and 1.3 GB in the temporary folder.

use std::io::Write;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use scim_preflight::import::sample::{self, SampleShape};
use scim_preflight::import::{Input, Progress, UserSet};

const USERS: usize = 1_000_000;

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
    // Each load takes seconds: the fewest samples criterion takes, over a minute.
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("graph_1m_users", |b| {
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
