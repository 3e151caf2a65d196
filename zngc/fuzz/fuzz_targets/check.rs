//! Arbitrary bytes through the whole check pipeline, in memory (see
//! `zngc_fuzz::check_input` for how the input is split into files).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    zngc_fuzz::render_all(&zngc_fuzz::check_input(data));
});
