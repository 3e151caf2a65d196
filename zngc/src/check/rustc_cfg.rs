//! The cfg of the toolchain: `rustc --print cfg`, or `cargo rustc -- --print
//! cfg` for a package's features and profile (Zngur's
//! `--load-cfg-from-rustc` and `--use-cargo-rustc`).

use std::env;
use std::ffi::OsString;
use std::process::Command;

use super::cfg::{is_cfg_name, CfgSet};
use crate::diagnostics::{Code, Diagnostic};

/// What to ask the toolchain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RustcCfgQuery {
    /// `--target TRIPLE` (default: the host).
    pub target: Option<String>,
    /// Extra rustc flags, separated by whitespace.
    pub rustc_flags: Option<String>,
    /// Ask `cargo rustc` instead of `rustc`.
    pub cargo: Option<CargoRustc>,
}

/// The package selection of `cargo rustc`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CargoRustc {
    pub profile: Option<String>,
    pub package: Option<String>,
    pub no_default_features: bool,
    pub all_features: bool,
}

/// Runs the query and reads its cfg. `rustc` is `$RUSTC` (default `rustc`)
/// and takes `$RUSTFLAGS`; `cargo` is `$CARGO` (default `cargo`), which reads
/// `RUSTFLAGS` itself. Failing to run either is E0074.
pub fn load(query: &RustcCfgQuery) -> Result<CfgSet, Box<Diagnostic>> {
    let extra_flags = query
        .rustc_flags
        .iter()
        .flat_map(|flags| flags.split_whitespace());
    let target_args = query
        .target
        .iter()
        .flat_map(|target| ["--target", target.as_str()]);
    let mut command = match &query.cargo {
        None => {
            let mut command = Command::new(tool("RUSTC", "rustc"));
            command.args(["--print", "cfg"]).args(target_args);
            let rustflags = env::var("RUSTFLAGS").unwrap_or_default();
            command.args(rustflags.split_whitespace()).args(extra_flags);
            command
        }
        Some(cargo) => {
            let mut command = Command::new(tool("CARGO", "cargo"));
            command.arg("rustc").args(target_args);
            let named = [("--profile", &cargo.profile), ("--package", &cargo.package)];
            for (flag, value) in named {
                if let Some(value) = value {
                    command.args([flag, value.as_str()]);
                }
            }
            if cargo.no_default_features {
                command.arg("--no-default-features");
            }
            if cargo.all_features {
                command.arg("--all-features");
            }
            command.args(["--", "--print", "cfg"]).args(extra_flags);
            command
        }
    };
    let shown = format!("{command:?}");
    let output = command.output().map_err(|err| {
        Box::new(
            Diagnostic::without_span(Code::E0074, format!("cannot run {shown}: {err}"))
                .with_help("install the Rust toolchain, or set RUSTC / CARGO to the tools to run"),
        )
    })?;
    if !output.status.success() {
        return Err(Box::new(
            Diagnostic::without_span(Code::E0074, format!("{shown} failed ({})", output.status))
                .with_note(String::from_utf8_lossy(&output.stderr).trim().to_owned())
                .with_help("fix the target, flags or package so that the command succeeds"),
        ));
    }
    Ok(parse_print_cfg(&String::from_utf8_lossy(&output.stdout)))
}

fn tool(variable: &str, default: &str) -> OsString {
    env::var_os(variable)
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.into())
}

/// Reads `--print cfg` output: `unix`, `target_os="linux"`, one a line.
/// Lines that are not cfg entries (a tool's chatter) are skipped.
pub fn parse_print_cfg(text: &str) -> CfgSet {
    let mut cfg = CfgSet::new();
    for line in text.lines().map(str::trim) {
        let (key, value) = match line.split_once('=') {
            Some((key, value)) => (key, Some(value.trim_matches('"'))),
            None => (line, None),
        };
        if is_cfg_name(key) {
            cfg.insert(key, value);
        }
    }
    cfg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_print_cfg_output() {
        let cfg = parse_print_cfg(
            "debug_assertions\ntarget_feature=\"sse\"\ntarget_feature=\"sse2\"\n\
             target_pointer_width=\"64\"\nwarning: noise\n",
        );
        let keys: Vec<(&str, Vec<&str>)> = cfg
            .iter()
            .map(|(k, v)| (k, v.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            keys,
            [
                ("debug_assertions", vec![]),
                ("target_feature", vec!["sse", "sse2"]),
                ("target_pointer_width", vec!["64"]),
            ]
        );
    }

    #[test]
    fn the_host_rustc_reports_its_pointer_width() {
        let cfg = load(&RustcCfgQuery::default()).expect("rustc runs");
        let width = (usize::BITS).to_string();
        assert!(cfg
            .values("target_pointer_width")
            .is_some_and(|v| v.contains(&width)));
    }
}
