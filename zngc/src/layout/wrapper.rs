//! The hidden wrapper mode: cargo runs `zngc` as `RUSTC_WORKSPACE_WRAPPER`
//! while the probe builds. For the one rustc invocation that compiles the
//! user's library, the wrapper hands rustc the mirrored crate root (whose
//! tree holds the probe at the generated module's path) instead of the
//! real one; every other invocation runs unchanged.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, ExitCode};

/// The real crate root, canonical: the argument to replace.
pub const ENV_CRATE_ROOT: &str = "ZNGC_LAYOUT_CRATE_ROOT";
/// The mirrored crate root to compile instead.
pub const ENV_MIRROR_ROOT: &str = "ZNGC_LAYOUT_MIRROR_ROOT";

/// Runs rustc as the wrapper if this process was started as one, and
/// returns its exit code; `None` for a normal `zngc` run.
///
/// Cargo starts a wrapper as `WRAPPER RUSTC ARGS…`. The environment
/// variables alone do not decide it: build scripts inherit them, and one
/// may run `zngc` itself.
pub fn run_if_requested() -> Option<ExitCode> {
    let crate_root = std::env::var_os(ENV_CRATE_ROOT)?;
    let mirror_root = std::env::var_os(ENV_MIRROR_ROOT)?;
    let mut args = std::env::args_os().skip(1);
    let rustc = args.next()?;
    let is_rustc = Path::new(&rustc)
        .file_stem()
        .is_some_and(|stem| stem.to_string_lossy().starts_with("rustc"));
    if !is_rustc {
        return None;
    }
    let args: Vec<OsString> = args
        .map(|arg| {
            let names_root = Path::new(&arg).extension().is_some_and(|e| e == "rs")
                && std::fs::canonicalize(&arg).is_ok_and(|p| p.as_os_str() == crate_root);
            if names_root {
                mirror_root.clone()
            } else {
                arg
            }
        })
        .collect();
    Some(match Command::new(&rustc).args(&args).status() {
        Ok(status) => status
            .code()
            .and_then(|c| u8::try_from(c).ok())
            .map_or(ExitCode::FAILURE, ExitCode::from),
        Err(err) => {
            eprintln!(
                "zngc layout: cannot run {}: {err}",
                Path::new(&rustc).display()
            );
            ExitCode::FAILURE
        }
    })
}
