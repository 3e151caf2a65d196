//! Everything that runs the Rust toolchain: locating the crate, asking
//! rustc for the target's cfg and version, mirroring the crate's sources
//! with the probe in place, and the one `cargo build` of the probe.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use super::wrapper::{ENV_CRATE_ROOT, ENV_MIRROR_ROOT};
use crate::check::CfgSet;
use crate::diagnostics::{Code, Diagnostic};

/// The library target of the user's crate, as `cargo metadata` reports it.
#[derive(Clone, Debug)]
pub struct CrateInfo {
    pub manifest: PathBuf,
    /// The library's root file (`src/lib.rs`), canonical.
    pub lib_root: PathBuf,
    pub target_dir: PathBuf,
    pub workspace_root: PathBuf,
}

/// A failed probe build: the compiler's errors and cargo's own output.
#[derive(Debug, Default)]
pub struct BuildFailure {
    pub errors: Vec<CompilerError>,
    pub stderr: String,
}

#[derive(Debug)]
pub struct CompilerError {
    pub rendered: String,
    /// The message, without the source excerpt.
    pub message: String,
    /// The label of the primary span, if it has one.
    pub label: Option<String>,
    /// Lines of the probe file the error points at (1-based), those of
    /// primary spans first.
    pub probe_lines: Vec<usize>,
}

fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

fn rustc() -> OsString {
    std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into())
}

/// `--manifest-path`, or the `Cargo.toml` in the `.zng` file's folder or
/// the nearest folder above it.
pub fn find_manifest(zng: &Path, explicit: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    if let Some(path) = explicit {
        return if path.is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(no_crate(format!("no manifest at `{}`", path.display()))
                .with_help("pass the path of the crate's `Cargo.toml` to `--manifest-path`"))
        };
    }
    let start = std::fs::canonicalize(zng).unwrap_or_else(|_| zng.to_path_buf());
    start
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("Cargo.toml"))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            no_crate(format!(
                "no `Cargo.toml` beside or above `{}`",
                zng.display()
            ))
            .with_help(
                "run `zngc layout` on a `.zng` file inside the crate that holds the \
                 generated Rust, or pass `--manifest-path`",
            )
        })
}

fn no_crate(message: String) -> Diagnostic {
    Diagnostic::without_span(Code::E0072, message)
}

fn run(command: &mut Command, what: &str) -> Result<Output, Diagnostic> {
    command.output().map_err(|err| {
        Diagnostic::without_span(Code::E0074, format!("cannot run {what}: {err}"))
            .with_help("install the Rust toolchain (rustup) or set `CARGO` / `RUSTC`")
    })
}

fn stderr_note(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    format!("its output was:\n{}", text.trim_end())
}

/// The crate's library target and target folder, from `cargo metadata`.
pub fn crate_info(manifest: &Path) -> Result<CrateInfo, Diagnostic> {
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let output = run(
        Command::new(cargo())
            .args([
                "metadata",
                "--no-deps",
                "--format-version",
                "1",
                "--offline",
            ])
            .arg("--manifest-path")
            .arg(manifest)
            .current_dir(dir),
        "cargo metadata",
    )?;
    if !output.status.success() {
        return Err(no_crate(format!(
            "`cargo metadata` cannot read `{}`",
            manifest.display()
        ))
        .with_help("fix the manifest so that `cargo build` works")
        .with_note(stderr_note(&output)));
    }
    let meta: Value = serde_json::from_slice(&output.stdout).map_err(|err| {
        Diagnostic::without_span(
            Code::E0074,
            format!("`cargo metadata` printed unreadable JSON: {err}"),
        )
        .with_help("check that `cargo` is a real cargo")
    })?;
    let canonical = std::fs::canonicalize(manifest).unwrap_or_else(|_| manifest.to_path_buf());
    let same_manifest = |p: &Value| {
        p["manifest_path"]
            .as_str()
            .is_some_and(|m| std::fs::canonicalize(m).is_ok_and(|m| m == canonical))
    };
    let package = meta["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|p| same_manifest(p)))
        .ok_or_else(|| {
            no_crate(format!("`{}` declares no package", manifest.display())).with_help(
                "pass the manifest of the crate that holds the generated Rust to \
                 `--manifest-path`, not that of a virtual workspace",
            )
        })?;
    let lib_root = package["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| {
            t["kind"].as_array().is_some_and(|kinds| {
                kinds.iter().any(|k| {
                    matches!(
                        k.as_str(),
                        Some("lib" | "rlib" | "staticlib" | "cdylib" | "dylib")
                    )
                })
            })
        })
        .and_then(|t| t["src_path"].as_str())
        .ok_or_else(|| {
            no_crate(format!("`{}` has no library target", manifest.display())).with_help(
                "the generated Rust belongs in a library crate (`src/lib.rs`, usually \
                 with `crate-type = [\"staticlib\"]`)",
            )
        })?;
    let path_of = |key: &str| meta[key].as_str().map(PathBuf::from);
    let lib_root = std::fs::canonicalize(lib_root).unwrap_or_else(|_| PathBuf::from(lib_root));
    Ok(CrateInfo {
        manifest: canonical,
        target_dir: path_of("target_directory").unwrap_or_else(|| dir.join("target")),
        workspace_root: path_of("workspace_root").unwrap_or_else(|| dir.to_path_buf()),
        lib_root,
    })
}

/// `rustc -vV`: the compiler's identity, part of the cache key.
pub fn rustc_version(dir: &Path) -> Result<String, Diagnostic> {
    let output = run(Command::new(rustc()).arg("-vV").current_dir(dir), "rustc")?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The cfg rustc sets for `target` (the host if `None`), as `#if` sees it.
pub fn target_cfg(dir: &Path, target: Option<&str>) -> Result<CfgSet, Diagnostic> {
    let mut command = Command::new(rustc());
    command.args(["--print", "cfg"]).current_dir(dir);
    if let Some(target) = target {
        command.args(["--target", target]);
    }
    let output = run(&mut command, "rustc")?;
    if !output.status.success() {
        return Err(Diagnostic::without_span(
            Code::E0074,
            format!("rustc does not know the target `{}`", target.unwrap_or("")),
        )
        .with_help("install it with `rustup target add TARGET`, or correct `--target`")
        .with_note(stderr_note(&output)));
    }
    let mut cfg = CfgSet::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        match line.split_once('=') {
            Some((key, value)) => cfg.insert(key, [value.trim_matches('"')]),
            None => cfg.insert(line, std::iter::empty::<String>()),
        }
    }
    Ok(cfg)
}

/// Replaces `mirror` with a fresh copy of `src` (every file written now, so
/// cargo sees the crate as changed), leaving out `skip`.
pub fn mirror_tree(src: &Path, mirror: &Path, skip: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(mirror) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    copy_dir(src, mirror, skip)
}

fn copy_dir(from: &Path, to: &Path, skip: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let path = entry.path();
        if path == skip {
            continue;
        }
        let target = to.join(entry.file_name());
        // Symbolic links to folders are not followed: they could loop.
        if entry.file_type()?.is_dir() {
            copy_dir(&path, &target, skip)?;
        } else if path.is_file() {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

/// What one probe build needs.
pub struct BuildRequest<'a> {
    pub info: &'a CrateInfo,
    pub mirror_root: &'a Path,
    pub probe_file: &'a Path,
    pub target_dir: &'a Path,
    pub target: Option<&'a str>,
    pub features: &'a [String],
    /// The `zngc` executable, run as the rustc wrapper.
    pub wrapper: &'a Path,
}

/// Builds the library once with the probe in place; the files cargo
/// produced for it, or the errors.
pub fn build(request: &BuildRequest<'_>) -> Result<Result<Vec<PathBuf>, BuildFailure>, Diagnostic> {
    let info = request.info;
    let mut command = Command::new(cargo());
    command
        .args(["build", "--lib", "--message-format", "json"])
        .arg("--manifest-path")
        .arg(&info.manifest)
        .arg("--target-dir")
        .arg(request.target_dir)
        .current_dir(&info.workspace_root)
        .env("RUSTC_WORKSPACE_WRAPPER", request.wrapper)
        // A general wrapper (sccache) would be handed zngc as the compiler.
        .env_remove("RUSTC_WRAPPER")
        .env(ENV_CRATE_ROOT, &info.lib_root)
        .env(ENV_MIRROR_ROOT, request.mirror_root)
        .env("CARGO_INCREMENTAL", "0");
    if let Some(target) = request.target {
        command.args(["--target", target]);
    }
    if !request.features.is_empty() {
        command.arg("--features").arg(request.features.join(","));
    }
    // Cargo writes `Cargo.lock` when it is missing or out of date; the
    // user's files must stay as they were.
    let lock = info.workspace_root.join("Cargo.lock");
    let lock_before = std::fs::read(&lock).ok();
    let output = run(&mut command, "cargo build");
    restore(&lock, lock_before.as_deref());
    let output = output?;
    let mut artifacts = Vec::new();
    let mut errors = Vec::new();
    let lib_root = info.lib_root.to_string_lossy();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact") if same_file(&message["target"]["src_path"], &lib_root) => {
                artifacts.extend(
                    message["filenames"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(PathBuf::from),
                );
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                errors.push(compiler_error(&message["message"], request.probe_file));
            }
            _ => {}
        }
    }
    if output.status.success() {
        Ok(Ok(artifacts))
    } else {
        Ok(Err(BuildFailure {
            errors,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }))
    }
}

/// Puts `path` back to `bytes` (`None`: absent) if it changed.
fn restore(path: &Path, bytes: Option<&[u8]>) {
    let now = std::fs::read(path).ok();
    if now.as_deref() == bytes {
        return;
    }
    // Best effort: a failure leaves cargo's file, which is still valid.
    let _ = match bytes {
        Some(bytes) => std::fs::write(path, bytes),
        None => std::fs::remove_file(path),
    };
}

fn same_file(value: &Value, path: &str) -> bool {
    value.as_str().is_some_and(|p| {
        p == path || std::fs::canonicalize(p).is_ok_and(|p| p.to_string_lossy() == path)
    })
}

/// The rendered text and the probe lines of one rustc error. Only the
/// structure of rustc's JSON is used, never the wording of its messages.
fn compiler_error(message: &Value, probe_file: &Path) -> CompilerError {
    let probe_name = probe_file.file_name().map(|n| n.to_string_lossy());
    let mut spans: Vec<&Value> = message["spans"].as_array().into_iter().flatten().collect();
    spans.sort_by_key(|span| span["is_primary"].as_bool() != Some(true));
    let label = spans
        .first()
        .filter(|span| span["is_primary"].as_bool() == Some(true))
        .and_then(|span| span["label"].as_str())
        .map(str::to_owned);
    let probe_lines = spans
        .into_iter()
        .filter(|span| {
            let file = span["file_name"].as_str().map(Path::new);
            file.is_some_and(|f| {
                f == probe_file
                    || (f.is_relative() && probe_file.ends_with(f))
                    || (f.file_name().map(|n| n.to_string_lossy()) == probe_name
                        && std::fs::canonicalize(f).is_ok_and(|f| f == probe_file))
            })
        })
        .filter_map(|span| span["line_start"].as_u64())
        .filter_map(|line| usize::try_from(line).ok())
        .collect();
    CompilerError {
        rendered: message["rendered"].as_str().unwrap_or_default().to_owned(),
        message: message["message"].as_str().unwrap_or_default().to_owned(),
        label,
        probe_lines,
    }
}
