//! `zngc layout`: the real size, alignment and field offsets of every type a
//! `.zng` file declares, as rustc lays them out for the target, compared
//! with the declared numbers (and written in by `--fix`).
//!
//! How, on stable Rust and without touching the user's files:
//! - [`probe`] writes a Rust module that stores every measurement
//!   (`size_of`, `align_of`, `offset_of!`) in one exported `static` array
//!   of `u64` with a magic header, followed by the generated Rust code
//!   without its layout checks ([`emit::rust_code`]), whose lines are
//!   recorded with the `.zng` declarations they come from;
//! - [`cargo`] copies the library's source folder into a mirror under the
//!   target folder, with the probe at the generated module's path, and
//!   builds the crate once with `cargo build --lib` into its own target
//!   folder (`target/zngc-layout/CRATE/build`: the user's builds are not
//!   invalidated, dependencies stay cached between runs);
//! - cargo runs `zngc` itself as `RUSTC_WORKSPACE_WRAPPER` ([`wrapper`]),
//!   which swaps the real crate root for the mirrored one in the one rustc
//!   invocation that compiles the library, so manifests, path
//!   dependencies, build scripts and features all work as in a normal
//!   build, whether the generated file is current, stale or missing;
//! - [`artifact`] reads the array back out of the built library with the
//!   `object` crate, in the target's byte order. Nothing is run (cross
//!   targets work) and no compiler message is parsed: if the build fails,
//!   rustc's JSON diagnostics are only used for the lines they point at
//!   (a measurement: E0071 at the type; generated code: E0075 at its
//!   declaration).
//!
//! [`cache`] keeps the numbers, so a second run on unchanged inputs builds
//! nothing.

// Errors are diagnostics returned at most once per run: their size does
// not matter.
#![allow(clippy::result_large_err)]

mod artifact;
mod cache;
mod cargo;
mod compare;
mod fix;
mod probe;
mod subjects;
pub mod wrapper;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use compare::{render_table, Row, Status};

use crate::check::{check_file_with, CfgSet, CheckOptions, Spec};
use crate::diagnostics::{has_errors, Code, Diagnostic};
use crate::emit::{self, RustCode};
use crate::lower::{self, LowerOptions};
use crate::source::{SourceMap, Span};

/// What `zngc layout` does with wrong or missing numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Report them as errors.
    Report,
    /// Rewrite them in the `.zng` files.
    Fix,
    /// Report them, and fail if `--fix` would change anything (for CI).
    Check,
}

pub struct Options {
    pub zng_file: PathBuf,
    /// The crate's `Cargo.toml`; by default the one beside or above the
    /// `.zng` file.
    pub manifest_path: Option<PathBuf>,
    /// The generated Rust module; by default `src/generated.rs` in the
    /// crate.
    pub rs_file: Option<PathBuf>,
    /// A target triple; by default the host.
    pub target: Option<String>,
    /// Cfg values beyond the target's; its features are also enabled in
    /// the cargo build.
    pub cfg: CfgSet,
    pub mode: Mode,
    /// The `zngc` executable, which cargo runs as the rustc wrapper.
    pub wrapper: PathBuf,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub rows: Vec<Row>,
    /// Files `--fix` rewrote.
    pub fixed_files: Vec<PathBuf>,
    /// Whether `--fix` changes (or changed) anything.
    pub changes: bool,
    /// Where the measurements came from: `None` without a probe.
    pub probe: Option<ProbeRun>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbeRun {
    pub cached: bool,
    pub elapsed: Duration,
}

impl Outcome {
    /// True if the run failed: errors, or changes under `--check`.
    pub fn failed(&self, mode: Mode) -> bool {
        has_errors(&self.diagnostics) || (mode == Mode::Check && self.changes)
    }
}

/// Runs `zngc layout`. Problems are diagnostics in the outcome.
pub fn run(options: &Options) -> Outcome {
    let mut outcome = Outcome::default();
    if let Err(diagnostic) = run_into(options, &mut outcome) {
        outcome.diagnostics.push(diagnostic);
    }
    outcome
}

fn run_into(options: &Options, outcome: &mut Outcome) -> Result<(), Diagnostic> {
    let manifest = cargo::find_manifest(&options.zng_file, options.manifest_path.as_deref())?;
    let crate_dir = manifest.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut cfg = cargo::target_cfg(&crate_dir, options.target.as_deref())?;
    for (key, values) in options.cfg.iter() {
        cfg.insert(key, values.iter().cloned());
    }
    let rustc = cargo::rustc_version(&crate_dir)?;
    let target_name = options
        .target
        .clone()
        .or_else(|| {
            rustc
                .lines()
                .find_map(|l| l.strip_prefix("host: "))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "the host".into());

    let checked = check_file_with(
        &options.zng_file,
        &cfg,
        CheckOptions {
            discover_layouts: true,
        },
    );
    outcome.sources = checked.sources;
    outcome.diagnostics = checked.diagnostics;
    let Some(spec) = checked.spec else {
        return Ok(());
    };
    let (subjects, skipped) = subjects::collect(&spec, &checked.unlaid);
    let measured = if subjects.is_empty() {
        Vec::new()
    } else {
        let started = Instant::now();
        let probe = probe::generate(&subjects, generated_code(&spec, &outcome.sources));
        let (measured, cached) = measure(options, &manifest, &rustc, &subjects, &probe, outcome)?;
        outcome.probe = Some(ProbeRun {
            cached,
            elapsed: started.elapsed(),
        });
        match measured {
            Some(measured) => measured,
            None => return Ok(()),
        }
    };

    let fixing = options.mode == Mode::Fix;
    let comparison = compare::compare(
        &outcome.sources,
        &subjects,
        &measured,
        &skipped,
        &target_name,
        fixing,
    );
    outcome.rows = comparison.rows;
    let changed = fix::apply(&outcome.sources, &comparison.edits);
    outcome.changes = !changed.is_empty();
    if fixing {
        for (_, path, text) in changed {
            std::fs::write(&path, text).map_err(|err| {
                Diagnostic::without_span(
                    Code::E0074,
                    format!("cannot write `{}`: {err}", path.display()),
                )
                .with_help("check that the file is writable")
            })?;
            outcome.fixed_files.push(path);
        }
    } else {
        let mut problems = comparison.problems;
        problems.sort_by_key(|d| d.primary.as_ref().map(|l| (l.span.file, l.span.start)));
        outcome.diagnostics.extend(problems);
    }
    Ok(())
}

/// The generated Rust code of `spec` without its layout checks, which the
/// probe build checks against the crate. `None` if the spec cannot be
/// lowered yet: types without a layout policy are left out of it, so a
/// declaration naming one has no code until `--fix` gives it a layout.
fn generated_code(spec: &Spec, sources: &SourceMap) -> Option<RustCode> {
    let bridge = lower::lower(spec, sources, &LowerOptions::default()).ok()?;
    Some(emit::rust_code(&bridge))
}

/// The measurements of `subjects` (from the cache or one probe build) and
/// whether they came from the cache. `None` if the probe build failed; its
/// diagnostics are then in `outcome`.
fn measure(
    options: &Options,
    manifest: &Path,
    rustc: &str,
    subjects: &[subjects::Subject],
    probe: &probe::Probe,
    outcome: &mut Outcome,
) -> Result<(Option<Vec<probe::Measured>>, bool), Diagnostic> {
    let info = cargo::crate_info(manifest)?;
    let src_dir = info
        .lib_root
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let crate_dir = info
        .manifest
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let rs_file = match &options.rs_file {
        Some(path) => absolute(path),
        None => crate_dir.join("src").join("generated.rs"),
    };
    let Ok(rs_relative) = rs_file.strip_prefix(&src_dir) else {
        return Err(Diagnostic::without_span(
            Code::E0073,
            format!(
                "the generated module `{}` is not inside the library's source folder `{}`",
                rs_file.display(),
                src_dir.display()
            ),
        )
        .with_help(
            "the probe replaces the generated module in a copy of that folder: generate \
             the Rust file inside it (the default is `src/generated.rs`), and pass its \
             path with `--rs-file`",
        ));
    };
    let rs_relative = rs_relative.to_path_buf();

    let features: Vec<String> = options
        .cfg
        .values("feature")
        .map(|f| f.iter().cloned().collect())
        .unwrap_or_default();
    let mut key = cache::KeyBuilder::new();
    key.add(rustc.as_bytes());
    key.add(options.target.as_deref().unwrap_or("host").as_bytes());
    key.add(features.join(",").as_bytes());
    key.add(probe.text.as_bytes());
    key.add_file(&crate_dir, &info.manifest);
    key.add_file(
        &info.workspace_root,
        &info.workspace_root.join("Cargo.lock"),
    );
    key.add(rs_relative.to_string_lossy().as_bytes());
    key.add_tree(&src_dir, &rs_file)
        .map_err(|err| io_error("read the crate's sources", &src_dir, err))?;
    let key = key.finish();

    // One probe folder per crate, so that crates sharing a target folder
    // share neither a mirror nor the uplifted library cargo writes.
    let mut crate_key = cache::KeyBuilder::new();
    crate_key.add(info.manifest.to_string_lossy().as_bytes());
    let crate_key = crate_key.finish();
    let crate_probe_dir = info.target_dir.join("zngc-layout").join(&crate_key[..16]);
    let cache_file = crate_probe_dir.join(format!(
        "layouts-{}.json",
        options.target.as_deref().unwrap_or("host")
    ));
    if let Some(values) = cache::load(&cache_file, &key) {
        if let Some(measured) = probe::decode(subjects, &values) {
            return Ok((Some(measured), true));
        }
    }

    let mirror = crate_probe_dir.join("mirror");
    let mirror_root = mirror.join(
        info.lib_root
            .strip_prefix(&src_dir)
            .unwrap_or(Path::new("lib.rs")),
    );
    let probe_file = mirror.join(&rs_relative);
    cargo::mirror_tree(&src_dir, &mirror, &rs_file)
        .and_then(|()| {
            if let Some(dir) = probe_file.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&probe_file, &probe.text)
        })
        .map_err(|err| io_error("write the probe", &mirror, err))?;
    let built = cargo::build(&cargo::BuildRequest {
        info: &info,
        mirror_root: &mirror_root,
        probe_file: &probe_file,
        target_dir: &crate_probe_dir.join("build"),
        target: options.target.as_deref(),
        features: &features,
        wrapper: &options.wrapper,
    })?;
    let artifacts = match built {
        Ok(artifacts) => artifacts,
        Err(failure) => {
            outcome
                .diagnostics
                .extend(build_failure(failure, subjects, probe));
            return Ok((None, false));
        }
    };
    let values = artifacts
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .find_map(|data| artifact::read_probe(&data, probe.id))
        .ok_or_else(|| {
            Diagnostic::without_span(
                Code::E0074,
                "the built library holds no layout probe".to_owned(),
            )
            .with_help(
                "check that the crate's root declares the generated module (`mod generated;`) \
                 and that `--rs-file` names the file it loads",
            )
            .with_note(format!(
                "looked for `{}` in: {}",
                probe::SYMBOL,
                artifacts
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    let measured = probe::decode(subjects, &values).ok_or_else(|| {
        Diagnostic::without_span(
            Code::E0074,
            "the layout probe in the built library has the wrong length".to_owned(),
        )
        .with_help("run `zngc layout` again; if it persists, report a bug")
    })?;
    // A cache that cannot be written only costs the next run a build.
    let _ = cache::store(&cache_file, &key, &values);
    Ok((Some(measured), false))
}

/// `path` made absolute, with its longest existing ancestor canonical so
/// that it compares with cargo's canonical paths (the file itself, and even
/// its folder, may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let Ok(path) = std::path::absolute(path) else {
        return path.to_path_buf();
    };
    path.ancestors()
        .find_map(|dir| {
            let canonical = std::fs::canonicalize(dir).ok()?;
            Some(canonical.join(path.strip_prefix(dir).ok()?))
        })
        .unwrap_or(path)
}

fn io_error(what: &str, path: &Path, err: std::io::Error) -> Diagnostic {
    Diagnostic::without_span(
        Code::E0074,
        format!("cannot {what} in `{}`: {err}", path.display()),
    )
    .with_help("check the permissions of the crate and its target folder")
}

/// E0071 at each type whose measurement rustc rejected, E0075 at each
/// declaration whose generated code it rejected, or E0071 once for the
/// whole build if the errors are elsewhere (in the user's crate or its
/// manifest).
fn build_failure(
    failure: cargo::BuildFailure,
    subjects: &[subjects::Subject],
    probe: &probe::Probe,
) -> Vec<Diagnostic> {
    let mut per_subject: Vec<Vec<&str>> = vec![Vec::new(); subjects.len()];
    let mut per_declaration: Vec<(Span, Vec<String>)> = Vec::new();
    let mut elsewhere = Vec::new();
    for error in &failure.errors {
        if let Some(i) = measured_subject(error, probe) {
            // The first error says it: the other lines of the same type
            // fail for the same reason.
            if let Some(list) = per_subject.get_mut(i).filter(|l| l.is_empty()) {
                list.push(&error.rendered);
            }
        } else if let Some(span) = error.probe_lines.iter().find_map(|&l| probe.origin_of(l)) {
            let note = rustc_note(error);
            match per_declaration.iter_mut().find(|(s, _)| *s == span) {
                Some((_, notes)) if notes.contains(&note) => {}
                Some((_, notes)) => notes.push(note),
                None => per_declaration.push((span, vec![note])),
            }
        } else {
            elsewhere.push(error.rendered.trim_end());
        }
    }
    let unmeasured: Vec<(&subjects::Subject, &Vec<&str>)> = subjects
        .iter()
        .zip(&per_subject)
        .filter(|(_, errors)| !errors.is_empty())
        .collect();
    let mut out: Vec<Diagnostic> = unmeasured
        .iter()
        .map(|(subject, errors)| unmeasurable(subject, errors))
        .collect();
    // The code of a type rustc cannot measure fails for the same reason.
    per_declaration.retain(|(span, _)| !unmeasured.iter().any(|(s, _)| within(*span, s.decl_span)));
    per_declaration.sort_by_key(|(span, _)| (span.file, span.start, span.end));
    out.extend(
        per_declaration
            .into_iter()
            .map(|(span, notes)| mismatch(span, notes)),
    );
    if out.is_empty() || !elsewhere.is_empty() {
        let mut d = Diagnostic::without_span(
            Code::E0071,
            "the crate does not build with the layout probe in place of the generated module",
        )
        .with_help(
            "fix the errors below; the crate must build when its generated module holds \
             the probe and the generated code without its layout checks",
        );
        for rendered in elsewhere {
            d = d.with_note(format!("rustc says:\n{rendered}"));
        }
        if !failure.stderr.trim().is_empty() {
            d = d.with_note(format!("cargo says:\n{}", failure.stderr.trim_end()));
        }
        out.push(d);
    }
    out
}

/// The subject whose measurement `error` points at, if any.
fn measured_subject(error: &cargo::CompilerError, probe: &probe::Probe) -> Option<usize> {
    error.probe_lines.iter().find_map(|line| {
        probe
            .line_subjects
            .iter()
            .find(|(l, _)| l == line)
            .map(|&(_, i)| i)
    })
}

/// E0071 for a type rustc cannot measure.
fn unmeasurable(subject: &subjects::Subject, errors: &[&str]) -> Diagnostic {
    errors.iter().fold(
        Diagnostic::new(
            Code::E0071,
            format!("rustc cannot measure `{}`", subject.rust),
            subject.ty_span,
            "the layout probe for this type does not compile",
        )
        .with_help(
            "check that the type exists, is visible from the generated module, is \
             `Sized`, and that its fields are visible",
        ),
        |d, rendered| d.with_note(format!("rustc says:\n{}", rendered.trim_end())),
    )
}

/// E0075 for a declaration whose generated code rustc rejects.
fn mismatch(span: Span, notes: Vec<String>) -> Diagnostic {
    notes.into_iter().fold(
        Diagnostic::new(
            Code::E0075,
            "the Rust code does not match this declaration",
            span,
            "the code generated for this declaration does not compile",
        )
        .with_help(
            "make the declaration match the Rust item: its name, the types of its \
             parameters and result, the traits it uses and the fields it builds",
        ),
        Diagnostic::with_note,
    )
}

/// rustc's message and the label of its primary span, without the excerpt
/// (which quotes the probe, not the `.zng` file).
fn rustc_note(error: &cargo::CompilerError) -> String {
    match &error.label {
        Some(label) if !label.is_empty() => {
            format!("rustc says: {}: {label}", error.message)
        }
        _ => format!("rustc says: {}", error.message),
    }
}

fn within(inner: Span, outer: Span) -> bool {
    inner.file == outer.file && outer.start <= inner.start && inner.end <= outer.end
}
