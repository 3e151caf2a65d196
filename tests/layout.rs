//! `zngc layout` on a fixture crate (`tests/layout/fixture`): wrong,
//! missing and conservative layouts and field offsets are reported at their
//! `.zng` lines, `--fix` repairs them, a second `--fix` changes nothing, the
//! crate then builds with the layouts asserted, and the user's files stay
//! as they were whatever state the generated module is in.
//!
//! Each test works on its own copy of the fixture under the target folder;
//! all share one cargo target folder. This file also writes the snapshots
//! of the `zngc layout` codes (`tests/diagnostics/E007x.stderr`).

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use support::{assert_snapshot, repo_root};

/// The cargo target folder all fixture copies share.
fn shared_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("layout-target")
}

/// A fresh copy of the fixture crate.
fn fixture(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("layout")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(&repo_root().join("tests/layout/fixture"), &dir);
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("read fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// Every file under `dir` (but the target folder) with its bytes.
fn snapshot_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    stack.push(path);
                }
            } else {
                files.insert(path.clone(), std::fs::read(&path).expect("read file"));
            }
        }
    }
    files
}

fn assert_unchanged(dir: &Path, before: &BTreeMap<PathBuf, Vec<u8>>) {
    let after = snapshot_tree(dir);
    let changed: Vec<&PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .collect();
    assert!(changed.is_empty(), "zngc layout changed {changed:?}");
}

fn zngc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zngc"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", shared_target())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run zngc")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn host() -> String {
    let output = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("run rustc");
    text(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_owned()
}

/// (code, line) of every diagnostic, from `--message-format json`.
fn codes_and_lines(output: &Output) -> Vec<(String, u64)> {
    text(&output.stderr)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON diagnostic");
            (
                v["code"].as_str().unwrap_or("?").to_owned(),
                v["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// The human report with what varies between machines replaced: the crate
/// folder, the target folder, the host, the timing line and rustc's own
/// words (kept out of snapshots: zngc must not depend on them).
fn normalized_report(output: &Output, dir: &Path) -> String {
    let mut out = String::new();
    let mut in_rustc_note = false;
    for line in text(&output.stderr).lines() {
        if line.starts_with("layouts from ") {
            continue;
        }
        if let Some(at) = ["rustc says:", "cargo says:"]
            .iter()
            .find_map(|says| line.find(says).map(|at| at + says.len()))
        {
            in_rustc_note = true;
            out.push_str(&line[..at]);
            out.push_str(" …\n");
            continue;
        }
        if in_rustc_note {
            if line.contains('╯') {
                in_rustc_note = false;
            } else {
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let per_crate = fancy_regex::Regex::new("zngc-layout/[0-9a-f]{16}/").expect("a regex");
    let out = per_crate
        .replace_all(&out, "zngc-layout/<hash>/")
        .into_owned();
    out.replace(&shared_target().display().to_string(), "<target>")
        .replace(&canonical.display().to_string(), "<crate>")
        .replace(&dir.display().to_string(), "<crate>")
        .replace(&host(), "<host>")
}

#[cfg(target_pointer_width = "64")]
const EXPECTED_PROBLEMS: &[(&str, u64)] = &[
    ("E0070", 4),  // crate::Wrong: size 24, really 16
    ("E0050", 13), // crate::Private: no layout policy
    ("E0070", 20), // crate::Padded.value: offset 4, really 8
    ("E0070", 28), // crate::Big: conservative 8 < 32
    ("E0070", 41), // Option<&str>: 64-bit branch says 8, really 16
];

#[test]
#[cfg(target_pointer_width = "64")]
fn reports_each_problem_at_its_line() {
    let dir = fixture("report");
    let before = snapshot_tree(&dir);
    let output = zngc(&dir, &["--message-format", "json", "layout", "main.zng"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let found = codes_and_lines(&output);
    let expected: Vec<(String, u64)> = EXPECTED_PROBLEMS
        .iter()
        .map(|&(c, l)| (c.to_owned(), l))
        .collect();
    assert_eq!(found, expected, "{}", text(&output.stderr));

    let table = text(&output.stdout);
    for (item, status) in [
        ("crate::Wrong ", "MISMATCH"),
        ("crate::Right ", "ok"),
        ("crate::Private ", "MISSING"),
        ("crate::Padded.value ", "MISMATCH"),
        ("crate::Small ", "ok"),
        ("crate::Big ", "MISMATCH"),
        ("::std::vec::Vec<i32> ", "ok"),
        ("::std::option::Option<&str> ", "MISMATCH"),
        ("crate::Opaque ", "skipped (heap allocated)"),
        ("::std::fmt::Formatter ", "skipped (only by reference)"),
        ("str ", "skipped (unsized)"),
    ] {
        let row = table
            .lines()
            .find(|l| l.starts_with(item))
            .unwrap_or_else(|| panic!("no row for {item} in\n{table}"));
        assert!(row.ends_with(status), "{row}");
    }
    assert!(
        table.contains("size 24, align 8        size 16, align 8"),
        "{table}"
    );
    assert_unchanged(&dir, &before);

    let human = zngc(&dir, &["layout", "main.zng"]);
    let report = normalized_report(&human, &dir);
    assert!(
        report.contains("declared size 24, rustc reports 16"),
        "{report}"
    );
    let first = report
        .split("[E0050]")
        .next()
        .expect("the report has a first part");
    assert_snapshot("tests/diagnostics/E0070.stderr", first);
}

#[test]
#[cfg(target_pointer_width = "64")]
fn fix_repairs_then_changes_nothing_and_the_crate_builds() {
    let dir = fixture("fix");
    let zng = dir.join("main.zng");
    let src_before = snapshot_tree(&dir.join("src"));

    let check = zngc(&dir, &["layout", "--check", "main.zng"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stderr));
    assert!(text(&check.stderr).contains("would change"));

    let fixed = zngc(&dir, &["layout", "--fix", "main.zng"]);
    assert!(fixed.status.success(), "{}", text(&fixed.stderr));
    assert!(text(&fixed.stdout).contains("fixed main.zng"));
    let after_fix = std::fs::read_to_string(&zng).expect("read the fixed file");
    assert_snapshot("tests/layout/main.fixed.zng", &after_fix);

    // Idempotent: nothing left to fix, nothing written.
    let again = zngc(&dir, &["layout", "--fix", "main.zng"]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(!text(&again.stdout).contains("fixed main.zng"));
    assert_eq!(std::fs::read_to_string(&zng).expect("read"), after_fix);
    let check = zngc(&dir, &["layout", "--check", "main.zng"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    let report = zngc(&dir, &["layout", "main.zng"]);
    assert!(report.status.success(), "{}", text(&report.stderr));
    assert_unchanged(&dir.join("src"), &src_before);

    // The crate builds with the code zngc generates from the fixed file,
    // whose compile-time assertions check every layout and offset.
    let generate = zngc(
        &dir,
        &[
            "generate",
            "main.zng",
            "--crate-name",
            "crate",
            "--load-cfg-from-rustc",
        ],
    );
    assert!(generate.status.success(), "{}", text(&generate.stderr));
    let run = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "layouts"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", shared_target())
        .output()
        .expect("run cargo");
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(text(&run.stdout), "Wrong 16\nPadded 16\n");
}

#[test]
#[cfg(target_pointer_width = "64")]
fn works_with_a_stale_generated_module_and_leaves_it_alone() {
    let dir = fixture("stale");
    // Stale: written for the old numbers, and it does not even compile.
    let stale = "const _: () = assert!(::core::mem::size_of::<crate::Wrong>() == 24);\n\
                 compile_error!(\"stale generated code\");\n";
    std::fs::write(dir.join("src/generated.rs"), stale).expect("write generated.rs");
    let before = snapshot_tree(&dir);
    let output = zngc(&dir, &["--message-format", "json", "layout", "main.zng"]);
    assert_eq!(output.status.code(), Some(1));
    let expected: Vec<(String, u64)> = EXPECTED_PROBLEMS
        .iter()
        .map(|&(c, l)| (c.to_owned(), l))
        .collect();
    assert_eq!(codes_and_lines(&output), expected);
    assert_unchanged(&dir, &before);
}

#[test]
fn second_run_reuses_the_result_until_the_sources_change() {
    let dir = fixture("cache");
    let first = zngc(&dir, &["layout", "main.zng"]);
    assert!(text(&first.stderr).contains("layouts from a probe build"));
    let second = zngc(&dir, &["layout", "main.zng"]);
    assert!(
        text(&second.stderr).contains("layouts from the cache"),
        "{}",
        text(&second.stderr)
    );
    assert_eq!(second.stdout, first.stdout);

    // A changed type must be measured again.
    let lib = dir.join("src/lib.rs");
    let source = std::fs::read_to_string(&lib).expect("read lib.rs");
    let grown = source.replace(
        "    pub b: u32,\n",
        "    pub b: u32,\n    pub c: [u64; 2],\n",
    );
    assert_ne!(grown, source);
    std::fs::write(&lib, grown).expect("write lib.rs");
    let third = zngc(&dir, &["layout", "main.zng"]);
    assert!(text(&third.stderr).contains("layouts from a probe build"));
    let wrong_row = |output: &Output| {
        text(&output.stdout)
            .lines()
            .find(|l| l.starts_with("crate::Wrong "))
            .map(str::to_owned)
            .expect("a row for crate::Wrong")
    };
    assert_ne!(wrong_row(&third), wrong_row(&first));
    if cfg!(target_pointer_width = "64") {
        assert!(wrong_row(&third).contains("size 32, align 8"));
    }
}

#[test]
fn target_flag_checks_and_fixes_the_branch_of_that_target() {
    let dir = fixture("target");
    let host = host();
    let output = zngc(&dir, &["layout", "--fix", "--target", &host, "main.zng"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let fixed = std::fs::read_to_string(dir.join("main.zng")).expect("read");
    // Only the branch the host selects was touched.
    let (ours, other) = if cfg!(target_pointer_width = "64") {
        (
            "#layout(size = 16, align = 8); // wrong on 64-bit",
            "#layout(size = 8, align = 4);",
        )
    } else {
        (
            "#layout(size = 8, align = 4);",
            "#layout(size = 8, align = 8); // wrong on 64-bit",
        )
    };
    assert!(fixed.contains(ours), "{fixed}");
    assert!(fixed.contains(other), "{fixed}");

    // Another pointer width, when its standard library is installed.
    let cross = "i686-unknown-linux-gnu";
    if host != cross && target_installed(cross) {
        let output = zngc(&dir, &["layout", "--fix", "--target", cross, "main.zng"]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let table = text(&output.stdout);
        assert!(table.contains("size 12, align 4"), "{table}");
    }
}

fn target_installed(triple: &str) -> bool {
    Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .ok()
        .map(|o| PathBuf::from(text(&o.stdout).trim()))
        .is_some_and(|sysroot| {
            sysroot
                .join("lib/rustlib")
                .join(triple)
                .join("lib")
                .is_dir()
        })
}

/// The probe reads numbers from the built library, never from compiler
/// messages; when the build fails, the error is placed by the line rustc's
/// JSON points at, not by its wording.
#[test]
fn probe_build_errors_point_at_the_type() {
    let dir = fixture("probe_error");
    let zng = "type crate::Right {\n    #layout(size = 4, align = 2);\n}\n\ntype crate::DoesNotExist {\n    #layout(size = 8, align = 8);\n}\n";
    std::fs::write(dir.join("main.zng"), zng).expect("write main.zng");
    let output = zngc(&dir, &["--message-format", "json", "layout", "main.zng"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(codes_and_lines(&output), vec![("E0071".to_owned(), 5)]);
    let human = zngc(&dir, &["layout", "main.zng"]);
    assert_snapshot(
        "tests/diagnostics/E0071.stderr",
        &normalized_report(&human, &dir),
    );
}

/// The probe holds the generated code too: a declaration that does not
/// match the Rust code (a wrong parameter type, `Debug` on a type that is
/// not) is E0075 at its `.zng` line, with rustc's words in a note.
#[test]
fn mismatched_declarations_point_at_the_zng_line() {
    let dir = fixture("mismatch");
    let zng = "type crate::Right {\n    #layout(size = 4, align = 2);\n    fn sum(&self, u32) -> u16;\n    field y (offset = 2, type = u32);\n}\n\ntype crate::Small {\n    #layout(size = 4, align = 4);\n    wellknown_traits(Debug, Copy);\n}\n";
    std::fs::write(dir.join("main.zng"), zng).expect("write main.zng");
    let output = zngc(&dir, &["--message-format", "json", "layout", "main.zng"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let places: Vec<(String, u64, u64)> = text(&output.stderr)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON diagnostic");
            let number = |key: &str| v[key].as_u64().unwrap_or(0);
            (
                v["code"].as_str().unwrap_or("?").to_owned(),
                number("line"),
                number("column"),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("E0075".to_owned(), 3, 5),
            ("E0075".to_owned(), 4, 5),
            ("E0075".to_owned(), 7, 6)
        ]
    );
    let human = zngc(&dir, &["layout", "main.zng"]);
    let report = text(&human.stderr);
    assert!(
        report.contains("rustc says: mismatched types: expected `u16`, found `u32`"),
        "{report}"
    );
    for message in [
        "`Small` doesn't implement `Debug`",
        "the trait bound `Small: Copy` is not satisfied",
        "mismatched types: expected `&u32`, found `&u16`",
    ] {
        assert!(report.contains(message), "no `{message}` in {report}");
    }
    assert_snapshot(
        "tests/diagnostics/E0075.stderr",
        &normalized_report(&human, &dir),
    );
}

#[test]
fn no_manifest_is_e0072() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("layout/no_manifest/a/b");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create folder");
    std::fs::write(
        dir.join("main.zng"),
        "type crate::A {\n    #layout(size = 8, align = 8);\n}\n",
    )
    .expect("write main.zng");
    // The target folder lies inside the repository, which has a manifest:
    // point at a missing one instead.
    let output = zngc(
        &dir,
        &["layout", "--manifest-path", "no/Cargo.toml", "main.zng"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_snapshot(
        "tests/diagnostics/E0072.stderr",
        &normalized_report(&output, &dir),
    );
}

#[test]
fn generated_module_outside_the_sources_is_e0073() {
    let dir = fixture("outside");
    let output = zngc(
        &dir,
        &["layout", "--rs-file", "elsewhere/generated.rs", "main.zng"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_snapshot(
        "tests/diagnostics/E0073.stderr",
        &normalized_report(&output, &dir),
    );
}

#[test]
fn undeclared_generated_module_is_e0074() {
    let dir = fixture("undeclared");
    // The crate root loads `generated.rs`, not the module named below.
    std::fs::write(dir.join("src/generated.rs"), "").expect("write generated.rs");
    let output = zngc(
        &dir,
        &["layout", "--rs-file", "src/not_a_module.rs", "main.zng"],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = normalized_report(&output, &dir);
    assert!(report.contains("[E0074]"), "{report}");
    assert_snapshot("tests/diagnostics/E0074.stderr", &report);
}
