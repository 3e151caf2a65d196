//! Every `### CODE` section of `spec.md` shows a minimal file that produces
//! the code: this test checks each one, in memory.
//!
//! An example of several files marks the start of each with a comment line
//! `// NAME.zng`; the first is the root. An example whose text says it is
//! "saved as Latin-1" is encoded so before checking (E0002 is about bytes
//! that are not UTF-8).
//!
//! Codes of `zngc generate` are produced by generating from the checked
//! example. Codes of `zngc layout` need a crate: their examples must check
//! clean here, and tests/layout.rs provokes the codes themselves.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zngc::check::{check_in_memory, CfgSet};
use zngc::diagnostics::{render_plain, Code, Diagnostic, Severity, Stage};
use zngc::generate::{generate_from_spec, GenerateOptions};

/// `(code, first ```zng example)` of every `### CODE` section of `spec`.
fn examples(spec: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut code: Option<String> = None;
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if let Some(title) = line.strip_prefix("### ") {
            code = Code::ALL
                .iter()
                .map(Code::to_string)
                .find(|c| c == title.trim());
        } else if line.starts_with("## ") {
            code = None;
        } else if line == "```zng" {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            if let Some(code) = code.take() {
                found.push((code, body.join("\n") + "\n"));
            }
        }
    }
    found
}

/// Splits an example into files at `// NAME.zng` lines; without such lines
/// it is the one file `main.zng`.
fn files_of(example: &str) -> (PathBuf, BTreeMap<PathBuf, Vec<u8>>) {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for line in example.lines() {
        let header = line
            .strip_prefix("// ")
            .filter(|name| name.ends_with(".zng") && !name.contains(' '));
        match (header, files.last_mut()) {
            (Some(name), _) => files.push((PathBuf::from(name), String::new())),
            (None, Some((_, text))) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => files.push(("main.zng".into(), format!("{line}\n"))),
        }
    }
    let root = files.first().map_or("main.zng".into(), |(p, _)| p.clone());
    let encode = |text: String| {
        if example.contains("saved as Latin-1") {
            text.chars()
                .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
                .collect()
        } else {
            text.into_bytes()
        }
    };
    let map = files.into_iter().map(|(p, t)| (p, encode(t))).collect();
    (root, map)
}

#[test]
fn every_code_section_has_an_example_that_produces_the_code() {
    let spec = std::fs::read_to_string(support::repo_root().join("spec.md")).expect("read spec.md");
    let examples = examples(&spec);
    let with_example: Vec<&str> = examples.iter().map(|(c, _)| c.as_str()).collect();
    for code in Code::ALL {
        assert!(
            with_example.contains(&code.to_string().as_str()),
            "`### {code}` in spec.md has no ```zng example"
        );
    }
    let mut failures = Vec::new();
    for (code, example) in &examples {
        let (root, files) = files_of(example);
        let result = check_in_memory(Path::new(&root), &files, &CfgSet::new());
        let stage = Code::ALL
            .iter()
            .find(|c| c.to_string() == *code)
            .map_or(Stage::Check, |c| c.stage());
        let mut diagnostics: Vec<Diagnostic> = result.diagnostics;
        if let (Stage::Generate, Some(spec)) = (stage, &result.spec) {
            if let Err(errors) =
                generate_from_spec(spec, &result.sources, &GenerateOptions::new(&root))
            {
                diagnostics.extend(errors);
            }
        }
        let rendered: String = diagnostics
            .iter()
            .map(|d| render_plain(d, &result.sources))
            .collect();
        let produced =
            stage == Stage::Layout || diagnostics.iter().any(|d| d.code.to_string() == *code);
        // Minimal: the example shows its code and no other error.
        let other_errors = diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error && d.code.to_string() != *code);
        if !produced || other_errors {
            failures.push(format!("--- {code}:\n{example}gives:\n{rendered}"));
        }
    }
    assert!(
        failures.is_empty(),
        "spec.md examples that do not produce exactly their code:\n{}",
        failures.join("\n")
    );
}

#[test]
fn examples_split_into_files() {
    let (root, files) = files_of("// a.zng\nmerge \"./b.zng\";\n// b.zng\nx\n");
    assert_eq!(root, PathBuf::from("a.zng"));
    assert_eq!(files.len(), 2);
    assert_eq!(files[&PathBuf::from("b.zng")], b"x\n");
    let (root, files) = files_of("type A {} // A.zng is not a header\n");
    assert_eq!(root, PathBuf::from("main.zng"));
    assert_eq!(files.len(), 1);
}
