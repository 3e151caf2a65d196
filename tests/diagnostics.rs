//! One snapshot per diagnostic code: `tests/diagnostics/CODE.zng` (plus the
//! files it merges, in `tests/diagnostics/CODE/`) is checked, and the report
//! rendered without colour must equal `tests/diagnostics/CODE.stderr`.
//! `ZNGC_BLESS=1 cargo test --test diagnostics` rewrites the snapshots.
//!
//! The codes of `zngc layout` need a crate and a build: `tests/layout.rs`
//! writes their snapshots (`tests/diagnostics/CODE.stderr`, from a fixture
//! crate), and this test only checks that they exist.

mod support;

use std::path::{Path, PathBuf};

use support::{assert_snapshot, repo_root};
use zngc::check::{check_file, CfgSet, CheckResult};
use zngc::diagnostics::{emit, render_plain, Code, MessageFormat, Stage};
use zngc::generate::{generate, GenerateOptions};
use zngc::source::SourceMap;

/// Paths in reports are relative to the repository root, so that snapshots
/// do not depend on where the repository is.
fn check(input: &Path) -> CheckResult {
    std::env::set_current_dir(repo_root()).expect("enter the repository root");
    let mut cfg = CfgSet::new();
    cfg.add_feature("enabled");
    check_file(input, &cfg)
}

/// The diagnostics for a code's input, from `generate` or `check`.
fn diagnose(code: Code, input: &Path) -> (Vec<zngc::diagnostics::Diagnostic>, SourceMap) {
    if code.stage() == Stage::Generate {
        std::env::set_current_dir(repo_root()).expect("enter the repository root");
        let result = generate(&GenerateOptions::new(input));
        (result.diagnostics, result.sources)
    } else {
        let result = check(input);
        (result.diagnostics, result.sources)
    }
}

fn input(code: Code) -> PathBuf {
    PathBuf::from(format!("tests/diagnostics/{code}.zng"))
}

#[test]
fn every_code_has_a_snapshot() {
    let missing: Vec<String> = Code::ALL
        .iter()
        .map(|&code| {
            // zngc layout's codes need a crate: tests/layout.rs writes their snapshots.
            if code.stage() == Stage::Layout {
                PathBuf::from(format!("tests/diagnostics/{code}.stderr"))
            } else {
                input(code)
            }
        })
        .filter(|path| !repo_root().join(path).is_file())
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a test input (or, for zngc layout's, a snapshot): {missing:?}"
    );
    for &code in Code::ALL.iter().filter(|c| c.stage() != Stage::Layout) {
        let path = input(code);
        let (diagnostics, sources) = diagnose(code, &path);
        let rendered: String = diagnostics
            .iter()
            .map(|d| render_plain(d, &sources))
            .collect();
        let Some(diagnostic) = diagnostics.iter().find(|d| d.code == code) else {
            panic!(
                "{} does not produce {code}; it gives:\n{rendered}",
                path.display()
            );
        };
        assert!(
            rendered.contains(&format!("[{code}]")),
            "{code} missing in:\n{rendered}"
        );
        if let Some(label) = &diagnostic.primary {
            let file = sources.get(label.span.file);
            let (line, column) = file.line_col(label.span.range().start);
            let place = format!("{}:{line}:{column}", file.path.display());
            assert!(rendered.contains(&place), "{place} missing in:\n{rendered}");
        }
        assert_snapshot(format!("tests/diagnostics/{code}.stderr"), &rendered);
    }
}

#[test]
fn json_lines_carry_code_and_position() {
    let result = check(&input(Code::E0053));
    let mut out = Vec::new();
    emit(
        &result.diagnostics,
        &result.sources,
        MessageFormat::Json,
        &mut out,
    )
    .expect("write to memory");
    let text = String::from_utf8(out).expect("JSON is UTF-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), result.diagnostics.len());
    let first = &lines[0];
    assert_eq!(first["code"], "E0053");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "tests/diagnostics/E0053.zng");
    let label = result.diagnostics[0].primary.as_ref().expect("has a span");
    let (line, column) = result
        .sources
        .get(label.span.file)
        .line_col(label.span.range().start);
    assert_eq!(first["line"], line);
    assert_eq!(first["column"], column);
    assert!(first["help"].as_str().is_some_and(|h| !h.is_empty()));
}
