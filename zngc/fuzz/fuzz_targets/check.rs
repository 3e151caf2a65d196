//! Arbitrary bytes through the whole check pipeline, in memory. The input is
//! split at the first NUL byte into a root file and one file it may merge
//! (`m.zng`), so that merging is exercised too.

#![no_main]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use zngc::check::{check_in_memory, CfgSet};

fuzz_target!(|data: &[u8]| {
    let (root, merged) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let files = BTreeMap::from([
        (PathBuf::from("main.zng"), root.to_vec()),
        (PathBuf::from("m.zng"), merged.to_vec()),
    ]);
    let mut cfg = CfgSet::new();
    cfg.add_feature("a");
    let result = check_in_memory(Path::new("main.zng"), &files, &cfg);
    for diagnostic in &result.diagnostics {
        let _ = zngc::diagnostics::render_plain(diagnostic, &result.sources);
    }
});
