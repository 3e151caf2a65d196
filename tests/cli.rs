//! The `zngc` binary: exit codes, help, output formats, cfg flags.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use support::repo_root;
use zngc::syntax::{self, ast};

fn zngc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zngc"))
        .args(args)
        .current_dir(repo_root())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("run zngc")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch folder under the target directory, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch folder");
    dir
}

const VALID: &str = "mod crate {\n    type Point {\n        #layout(size = 8, align = 4);\n        constructor { x: i32, y: i32 };\n        fn norm(&self) -> i32;\n    }\n}\n";

#[test]
fn exit_codes() {
    let dir = scratch("exit_codes");
    let good = dir.join("good.zng");
    std::fs::write(&good, VALID).unwrap();
    let bad = dir.join("bad.zng");
    std::fs::write(&bad, "type crate::A { fn f(&self); }\n").unwrap();
    let good = good.to_str().unwrap();
    let bad = bad.to_str().unwrap();

    let ok = zngc(&["check", good]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(ok.stderr.is_empty());

    let failed = zngc(&["check", good, bad]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("[E0050]"), "{}", stderr(&failed));

    // Both files are checked even when the first fails.
    let both_bad = zngc(&["check", bad, "nope.zng"]);
    assert_eq!(both_bad.status.code(), Some(1));
    assert!(stderr(&both_bad).contains("[E0050]"));
    assert!(stderr(&both_bad).contains("[E0001]"));

    assert_eq!(zngc(&[]).status.code(), Some(2));
    assert_eq!(zngc(&["check"]).status.code(), Some(2));
    assert_eq!(zngc(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(zngc(&["check", "-C", "a.b=c", good]).status.code(), Some(2));
    assert_eq!(
        zngc(&["--message-format", "xml", "check", good])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn version_and_help() {
    let version = zngc(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    let text = String::from_utf8_lossy(&version.stdout);
    assert!(text.starts_with("zngc "), "{text}");
    assert!(text.contains(env!("CARGO_PKG_VERSION")));

    let help = zngc(&["--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for expected in ["check", "parse", "--message-format", "zngc check main.zng"] {
        assert!(text.contains(expected), "`{expected}` missing in:\n{text}");
    }
    let help = zngc(&["check", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for expected in ["--cfg", "--feature", "Example:", "zngc check main.zng -F"] {
        assert!(text.contains(expected), "`{expected}` missing in:\n{text}");
    }
    let help = zngc(&["parse", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for expected in ["--json", "--resolved", "zngc parse main.zng --json"] {
        assert!(text.contains(expected), "`{expected}` missing in:\n{text}");
    }
}

#[test]
fn missing_file_and_invalid_utf8() {
    let missing = zngc(&["check", "does/not/exist.zng"]);
    assert_eq!(missing.status.code(), Some(1));
    let text = stderr(&missing);
    assert!(
        text.contains("[E0001]") && text.contains("does/not/exist.zng"),
        "{text}"
    );
    assert!(!text.contains("panicked"));

    let dir = scratch("utf8");
    let file = dir.join("latin1.zng");
    std::fs::write(&file, b"// caf\xe9\ntype crate::A {}\n").unwrap();
    let output = zngc(&["check", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("[E0002]"), "{text}");
    assert!(text.contains("latin1.zng:1:7"), "{text}");

    let dir_given = zngc(&["check", "tests"]);
    assert_eq!(dir_given.status.code(), Some(1));
    assert!(stderr(&dir_given).contains("[E0001]"));
}

#[test]
fn parse_json_round_trips_to_the_syntax_tree() {
    let dir = scratch("round_trip");
    let file = dir.join("main.zng");
    std::fs::write(&file, VALID).unwrap();
    let output = zngc(&["parse", file.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed: ast::File = serde_json::from_slice(&output.stdout).expect("AST JSON");
    let (parsed, diags) = syntax::parse(zngc::source::FileId(0), VALID);
    assert!(diags.is_empty());
    assert_eq!(printed, parsed);

    let resolved = zngc(&["parse", file.to_str().unwrap(), "--json", "--resolved"]);
    assert_eq!(resolved.status.code(), Some(0));
    let spec: zngc::check::Spec = serde_json::from_slice(&resolved.stdout).expect("Spec JSON");
    assert_eq!(spec.types.len(), 1);
    assert_eq!(spec.types[0].methods[0].name.node, "norm");

    // Nothing is printed for a file with errors.
    let bad = dir.join("bad.zng");
    std::fs::write(&bad, "type crate::A {}\n").unwrap();
    let output = zngc(&["parse", bad.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn cfg_flags_switch_branches() {
    let dir = scratch("cfg");
    let file = dir.join("main.zng");
    std::fs::write(
        &file,
        "#unstable(cfg_if)\n#unstable(cfg_match)\nmod crate {\n    type A {\n        #if cfg!(feature.\"fast\") {\n            #layout(size = 8, align = 8);\n        } #else {\n            #heap_allocated;\n        }\n        #match cfg!(target_pointer_width) {\n            32 => fn narrow(&self);\n            \"64\" => fn wide(&self);\n            _ => {}\n        }\n    }\n}\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let resolved = |extra: &[&str]| -> zngc::check::Spec {
        let mut args = vec!["parse", file, "--json", "--resolved"];
        args.extend_from_slice(extra);
        let output = zngc(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).expect("Spec JSON")
    };
    use zngc::check::LayoutPolicy;
    let plain = resolved(&[]);
    assert!(matches!(
        plain.types[0].layout,
        LayoutPolicy::HeapAllocated { .. }
    ));
    assert!(plain.types[0].methods.is_empty());
    let fast = resolved(&["-F", "fast", "--cfg", "target_pointer_width=\"64\""]);
    assert!(matches!(
        fast.types[0].layout,
        LayoutPolicy::Exact { size: 8, .. }
    ));
    assert_eq!(fast.types[0].methods[0].name.node, "wide");
    let narrow = resolved(&["-C", "feature=fast,other", "-C", "target_pointer_width=32"]);
    assert!(matches!(narrow.types[0].layout, LayoutPolicy::Exact { .. }));
    assert_eq!(narrow.types[0].methods[0].name.node, "narrow");
}

#[test]
fn no_colour_unless_a_terminal() {
    let output = zngc(&["check", "does/not/exist.zng"]);
    assert!(!output.stderr.contains(&0x1b), "{}", stderr(&output));
}

#[test]
fn json_messages_on_stderr() {
    let output = zngc(&["--message-format", "json", "check", "does/not/exist.zng"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    let line: serde_json::Value = serde_json::from_str(text.trim()).expect("one JSON line");
    assert_eq!(line["code"], "E0001");
    assert_eq!(line["file"], serde_json::Value::Null);
}

/// Every `.zng` under `dir`, recursively.
fn zng_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            zng_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "zng") {
            out.push(path);
        }
    }
}

/// Runs `zngc check` on `files`, with JSON messages; returns the exit code
/// and the codes reported.
fn check_json(files: &[PathBuf]) -> (Option<i32>, Vec<String>, String) {
    let mut args = vec!["--message-format", "json", "check"];
    args.extend(files.iter().map(|f| f.to_str().expect("UTF-8 path")));
    let output = zngc(&args);
    let text = stderr(&output);
    let codes = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["code"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    (output.status.code(), codes, text)
}

#[test]
fn examples_check() {
    let mut examples = Vec::new();
    zng_files(&repo_root().join("examples"), &mut examples);
    if repo_root().join("examples").is_dir() {
        assert!(!examples.is_empty(), "no .zng file under examples/");
    }
    if !examples.is_empty() {
        let (status, _, text) = check_json(&examples);
        assert_eq!(status, Some(0), "{text}");
    }
    // The parser's test files are valid syntax, though not all valid bridges.
    let mut parse_tests = Vec::new();
    zng_files(&repo_root().join("tests/parse"), &mut parse_tests);
    assert!(!parse_tests.is_empty());
    let (status, codes, text) = check_json(&parse_tests);
    assert!(matches!(status, Some(0 | 1)), "{text}");
    let syntax_codes: Vec<&String> = codes
        .iter()
        .filter(|c| ("E0002".."E0020").contains(&c.as_str()))
        .collect();
    assert!(syntax_codes.is_empty(), "{text}");
}

/// A file whose one type gets method `wide` on 64-bit targets, `narrow` on
/// 32-bit ones, and `fast` when feature `fast` is enabled.
const BY_TOOLCHAIN: &str = "#unstable(cfg_if)\nmod crate {\n    type A {\n        #heap_allocated;\n        #if cfg!(target_pointer_width = 64) {\n            fn wide(&self);\n        } #else if cfg!(target_pointer_width = 32) {\n            fn narrow(&self);\n        }\n        #if cfg!(feature.fast) {\n            fn fast(&self);\n        }\n    }\n}\n";

/// The method names `parse --resolved` gives the type of [`BY_TOOLCHAIN`],
/// run in `dir` with `args` and `env`.
fn methods_by_toolchain(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let file = dir.join("main.zng");
    std::fs::write(&file, BY_TOOLCHAIN).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_zngc"))
        .args(["parse", "--json", "--resolved"])
        .arg(&file)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("run zngc");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let spec: zngc::check::Spec = serde_json::from_slice(&output.stdout).expect("Spec JSON");
    spec.types[0]
        .methods
        .iter()
        .map(|m| m.name.node.clone())
        .collect()
}

#[test]
fn cfg_from_rustc_picks_the_host_branch() {
    let dir = scratch("rustc_cfg");
    let host = if cfg!(target_pointer_width = "64") {
        "wide"
    } else {
        "narrow"
    };
    assert!(methods_by_toolchain(&dir, &[], &[]).is_empty());
    let loaded = methods_by_toolchain(&dir, &["--load-cfg-from-rustc"], &[]);
    assert_eq!(loaded, [host]);
    // RUSTFLAGS and --rustc-flags reach rustc; -C replaces a loaded key.
    let flagged = methods_by_toolchain(
        &dir,
        &[
            "--load-cfg-from-rustc",
            "--rustc-flags",
            "--cfg feature=\"fast\"",
        ],
        &[("RUSTFLAGS", "--cfg unrelated")],
    );
    assert_eq!(flagged, [host, "fast"]);
    let replaced = methods_by_toolchain(
        &dir,
        &["--load-cfg-from-rustc", "-C", "target_pointer_width=16"],
        &[],
    );
    assert!(replaced.is_empty(), "{replaced:?}");
}

#[test]
fn cfg_from_cargo_rustc_reads_the_package_features() {
    let dir = scratch("cargo_rustc_cfg");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"probe-features\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [workspace]\n\n[features]\ndefault = [\"fast\"]\nfast = []\nother = []\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), "").unwrap();
    let cargo = |extra: &[&str]| {
        let mut args = vec!["--use-cargo-rustc", "--package", "probe-features"];
        args.extend_from_slice(extra);
        methods_by_toolchain(&dir, &args, &[])
    };
    let host = if cfg!(target_pointer_width = "64") {
        "wide"
    } else {
        "narrow"
    };
    assert_eq!(cargo(&[]), [host, "fast"]);
    assert_eq!(cargo(&["--no-default-features"]), [host]);
    assert_eq!(cargo(&["--profile", "release", "-F", "other"]), [host]);
}

#[test]
fn missing_rustc_is_a_diagnostic() {
    let dir = scratch("no_rustc");
    let file = dir.join("main.zng");
    std::fs::write(&file, VALID).unwrap();
    for flag in ["--load-cfg-from-rustc", "--use-cargo-rustc"] {
        let output = Command::new(env!("CARGO_BIN_EXE_zngc"))
            .args(["g", file.to_str().unwrap(), flag])
            .env("RUSTC", dir.join("no-rustc"))
            .env("CARGO", dir.join("no-cargo"))
            .output()
            .expect("run zngc");
        assert_eq!(output.status.code(), Some(1));
        let text = stderr(&output);
        assert!(text.contains("[E0074]") && text.contains("no-"), "{text}");
        assert!(!text.contains("panicked"), "{text}");
        assert!(!dir.join("generated.h").exists());
    }
}

#[test]
fn zngur_runtime_header_spellings() {
    let dir = scratch("zngur_h");
    for (i, command) in ["h", "make-zng-header", "runtime-header"]
        .iter()
        .enumerate()
    {
        let path = dir.join(format!("{i}.h"));
        let output = zngc(&[
            command,
            path.to_str().unwrap(),
            "--panic-to-exception",
            "--cpp-namespace",
            "other",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let header = std::fs::read_to_string(&path).unwrap();
        assert!(header.contains("namespace other {"));
    }
}
