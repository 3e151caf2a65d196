//! Helpers shared by the integration tests.

// Each test binary compiles this module on its own and uses only some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("zngc/ has a parent")
        .to_path_buf()
}

/// Compares `actual` with the snapshot file at `path` (relative to the
/// repository root). With `ZNGC_BLESS=1` in the environment the file is
/// (re)written instead, so that a reviewed change of output is one command.
pub fn assert_snapshot(path: impl AsRef<Path>, actual: &str) {
    let path = repo_root().join(path);
    if std::env::var_os("ZNGC_BLESS").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create snapshot folder");
        }
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot at {}; run with ZNGC_BLESS=1 to create it",
            path.display()
        )
    });
    pretty_assertions::assert_eq!(expected, actual, "snapshot {}", path.display());
}
