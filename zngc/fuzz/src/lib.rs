//! What the fuzz targets share: how one input becomes the files of a bridge.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zngc::check::{check_in_memory, CfgSet, CheckResult};

/// The root file every target checks.
pub const ROOT: &str = "main.zng";

/// Checks `data` in memory as a bridge of two files: the bytes before the
/// first NUL are the root file, the rest a file it may `merge` (`m.zng`),
/// so that merging is exercised too. The cfg has one feature, `a`, for
/// `#if` and `#match`.
pub fn check_input(data: &[u8]) -> CheckResult {
    let (root, merged) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let files = BTreeMap::from([
        (PathBuf::from(ROOT), root.to_vec()),
        (PathBuf::from("m.zng"), merged.to_vec()),
    ]);
    let mut cfg = CfgSet::new();
    cfg.add_feature("a");
    check_in_memory(Path::new(ROOT), &files, &cfg)
}

/// Renders every diagnostic, as the command line would.
pub fn render_all(result: &CheckResult) {
    for diagnostic in &result.diagnostics {
        let _ = zngc::diagnostics::render_plain(diagnostic, &result.sources);
    }
}
