//! Fuzz target: any bytes as an export file must load to users or to an error message, never
//! panic or hang; whatever loads must summarize (coverage, warnings, JSON) and preview (every
//! export, redacted or not) without a panic.
//!
//! Run: `cargo +nightly fuzz run import fuzz/corpus/import fuzz/seeds/import -- -max_total_time=600`
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use scim_preflight::import::{Input, Progress, UserSet, summary};
use scim_preflight::mapping::presets;
use scim_preflight::preview::{self, Options, export};

fuzz_target!(|data: &[u8]| {
    let input = Input::Bytes {
        name: "fuzz.json".into(),
        bytes: Arc::from(data),
    };
    let (set, errors) = UserSet::load(&[input], &Progress::default());
    for error in &errors {
        let _ = error.to_string();
    }
    let needs = preview::needs::of(&presets::secure_practice());
    let _ = summary::to_text(&set, &needs);
    let _ = summary::to_json(&set, &needs);
    if set.users.len() <= 200 {
        let set = Arc::new(set);
        let mappings = presets::secure_practice();
        let preview = preview::run(set.clone(), &mappings, Options::default());
        for redacted in [false, true] {
            let _ = export::json_text(&set, &preview, redacted);
            let _ = export::to_csv(&set, &mappings, &preview, redacted);
            let _ = export::tree_shown(&set, &preview, redacted);
        }
    }
});
