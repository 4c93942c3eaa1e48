//! The load benchmark of `benches/import.rs` and `benches/import_1m.rs`: a generated Microsoft
//! Graph `/users` export of `users` users, written to a temporary file, then loaded from disk
//! by the same path the window and `scim-preflight import` use.

use std::io::Write;
use std::time::Duration;

use criterion::Criterion;
use scim_preflight::import::sample::{self, SampleShape};
use scim_preflight::import::{Input, Progress, UserSet};

/// Benchmarks loading `users` generated users as `name`; `slow`: each load takes seconds, so
/// the fewest samples criterion takes, over a minute.
pub fn bench_load(c: &mut Criterion, name: &str, users: usize, slow: bool) {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    {
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        sample::write(&mut out, SampleShape::Graph, users, 1).expect("sample written");
        out.flush().expect("flushed");
    }
    let size = file.as_file().metadata().expect("metadata").len();
    eprintln!(
        "import benchmark: {users} users, {:.1} MB",
        size as f64 / 1_000_000.0
    );
    let inputs = [Input::Path(file.path().to_path_buf())];
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    if slow {
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(60));
    }
    group.bench_function(name, |b| {
        b.iter_with_large_drop(|| {
            let (set, errors) = UserSet::load(&inputs, &Progress::default());
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(set.users.len(), users);
            set
        })
    });
    group.finish();
}
