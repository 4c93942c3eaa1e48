//! How fast the exports are written, user by user into a sink, for generated Graph exports of
//! 5 000 and 20 000 users under the Secure Practice preset: JSON (as `--format json`), redacted
//! JSON (as the window saves it) and CSV. Linear: 20 000 users take about 4 times as long as
//! 5 000.

// The programs' allocator, so the figures are the programs'.
#[path = "../src/allocator.rs"]
mod allocator;

use std::io::{self, Write};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use scim_preflight::import::sample::{self, SampleShape};
use scim_preflight::import::{Input, Progress, UserSet};
use scim_preflight::mapping::presets;
use scim_preflight::preview::export::{self, JsonStyle, Watch};
use scim_preflight::preview::{self, Options};

/// A writer that counts the bytes and keeps none of them.
#[derive(Default)]
struct Sink(u64);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn exports(c: &mut Criterion) {
    let mappings = presets::secure_practice();
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for users in [5_000, 20_000] {
        let mut bytes = Vec::new();
        sample::write(&mut bytes, SampleShape::Graph, users, 7).expect("sample written");
        let input = Input::Bytes {
            name: "sample".into(),
            bytes: bytes.into(),
        };
        let (set, errors) = UserSet::load(&[input], &Progress::default());
        assert!(errors.is_empty());
        let set = std::sync::Arc::new(set);
        let preview = preview::run(set.clone(), &mappings, Options::default());
        group.throughput(Throughput::Elements(users as u64));
        let json = |pretty, redacted| {
            let mut sink = io::BufWriter::new(Sink::default());
            let style = JsonStyle { pretty, redacted };
            export::write_json(&mut sink, &set, &preview, style, Watch::default())
                .expect("written");
        };
        group.bench_function(BenchmarkId::new("json", users), |b| {
            b.iter(|| json(false, false))
        });
        group.bench_function(BenchmarkId::new("json_redacted_pretty", users), |b| {
            b.iter(|| json(true, true))
        });
        group.bench_function(BenchmarkId::new("csv", users), |b| {
            b.iter(|| {
                let mut sink = io::BufWriter::new(Sink::default());
                export::write_csv(
                    &mut sink,
                    &set,
                    &mappings,
                    &preview,
                    false,
                    Watch::default(),
                )
                .expect("written");
            })
        });
    }
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
