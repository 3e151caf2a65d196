//! Arbitrary bytes through check and, when they check cleanly, through
//! lowering and rendering of the C++ header, the Rust file and the C++
//! source, in memory.

#![no_main]

use libfuzzer_sys::fuzz_target;
use zngc::generate::{generate_from_spec, GenerateOptions};

fuzz_target!(|data: &[u8]| {
    let checked = zngc_fuzz::check_input(data);
    zngc_fuzz::render_all(&checked);
    if checked.has_errors() {
        return;
    }
    if let Some(spec) = &checked.spec {
        let options = GenerateOptions::new(zngc_fuzz::ROOT);
        if let Err(errors) = generate_from_spec(spec, &checked.sources, &options) {
            for error in &errors {
                let _ = zngc::diagnostics::render_plain(error, &checked.sources);
            }
        }
    }
});
