//! End-to-end tests: every project in `examples/` is generated with
//! `zngc generate`, its staticlib built with cargo, its `main.cpp` compiled
//! and linked with `g++ -std=c++17 -Wall -Wextra -Werror`, and its output
//! (stdout and stderr, interleaved) compared with `expected_output.txt`.
//! `ZNGC_BLESS=1` rewrites the expected outputs.
//!
//! Examples with a `build.rs` are Rust programs instead: their build
//! script generates and compiles the C++ side through `zngc::Zngc`.
//!
//! All example crates are members of one cargo workspace (`examples/`),
//! built once per test run into `target/examples`.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use support::{assert_snapshot, repo_root};

const EXAMPLES: &[&str] = &[
    "tutorial",
    "std_collections",
    "enums",
    "fields",
    "panics",
    "move_drop",
    "refs_slices_str",
    "heap_byref",
    "cpp_iterator",
    "closures",
    "blob_store",
    "cpp_inventory",
    "stack_owned",
    "two_bridges",
    "cpp_debug",
    "async_fn",
];

/// Examples whose header embeds the runtime (`-i`); the others include the
/// shared `zngur.h` written by `zngc runtime-header`.
const IN_PLACE: &[&str] = &["tutorial", "enums", "move_drop"];

fn target_dir() -> PathBuf {
    repo_root().join("target").join("examples")
}

fn zngc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zngc"))
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Generates every example, builds the crates and links the programs, once
/// per test process. Returns the programs' paths by example name.
fn programs() -> &'static Vec<(String, PathBuf)> {
    static PROGRAMS: OnceLock<Vec<(String, PathBuf)>> = OnceLock::new();
    PROGRAMS.get_or_init(|| {
        let include = target_dir().join("include");
        run(zngc().arg("runtime-header").arg(include.join("zngur.h")));
        for name in EXAMPLES.iter().filter(|n| !rust_main(n)) {
            let dir = repo_root().join("examples").join(name);
            let mut generate = zngc();
            generate
                .arg("generate")
                .arg(dir.join("main.zng"))
                .args(["--crate-name", "crate"]);
            if IN_PLACE.contains(name) {
                generate.arg("-i");
            }
            run(&mut generate);
            if *name == "two_bridges" {
                generate_second_bridge(&dir);
            }
        }
        run(
            Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .arg("build")
                .arg("--quiet")
                .arg("--manifest-path")
                .arg(repo_root().join("examples").join("Cargo.toml"))
                .env("CARGO_TARGET_DIR", target_dir()),
        );
        let bin = target_dir().join("bin");
        fs::create_dir_all(&bin).expect("create target/examples/bin");
        EXAMPLES
            .iter()
            .map(|name| {
                if rust_main(name) {
                    let program = target_dir().join("debug").join(format!("example-{name}"));
                    return (name.to_string(), program);
                }
                let program = bin.join(name);
                link(name, &include, &program);
                (name.to_string(), program)
            })
            .collect()
    })
}

/// The second bridge of `two_bridges`: the same types under another C++
/// namespace and symbol prefix, with its own copy of the runtime.
fn generate_second_bridge(dir: &Path) {
    run(zngc()
        .arg("generate")
        .arg(dir.join("second.zng"))
        .args([
            "--cpp-namespace",
            "second",
            "--mangling-base",
            "second",
            "-i",
        ])
        .arg("--h-file")
        .arg(dir.join("second.h"))
        .arg("--rs-file")
        .arg(dir.join("src").join("second.rs")));
}

/// Whether the example is a Rust program whose build script builds the
/// bridge.
fn rust_main(name: &str) -> bool {
    repo_root()
        .join("examples")
        .join(name)
        .join("build.rs")
        .exists()
}

/// Compiles and links `examples/NAME/main.cpp`. It runs in the example's
/// folder so that `__FILE__` (printed by `zngur_dbg`) is `main.cpp`.
fn link(name: &str, include: &Path, program: &Path) {
    let library = target_dir()
        .join("debug")
        .join(format!("libexample_{name}.a"));
    run(Command::new("g++")
        .current_dir(repo_root().join("examples").join(name))
        .args(["-std=c++17", "-Wall", "-Wextra", "-Werror", "-g", "-I"])
        .arg(include)
        .arg("main.cpp")
        .args(generated_cpp(name))
        .arg(library)
        .args(["-lpthread", "-ldl", "-lm", "-o"])
        .arg(program));
}

/// The generated `.cpp`, for examples whose C++ implements something for
/// Rust.
fn generated_cpp(name: &str) -> Option<PathBuf> {
    let path = repo_root()
        .join("examples")
        .join(name)
        .join("generated.cpp");
    path.exists().then_some(path)
}

/// Runs a program with stdout and stderr going to one file, so that their
/// interleaving is kept. Returns whether it succeeded and what it printed.
fn run_program(program: &Path, prefix: &[&str], args: &[&str]) -> (bool, String) {
    let log = program.with_extension(format!("{}.log", prefix.len()));
    let file = fs::File::create(&log).expect("create log");
    let (executable, rest) = match prefix.split_first() {
        Some((first, rest)) => (PathBuf::from(first), rest),
        None => (program.to_path_buf(), &[][..]),
    };
    let mut command = Command::new(executable);
    command.args(rest);
    if !prefix.is_empty() {
        command.arg(program);
    }
    let status = command
        .args(args)
        .stdin(Stdio::null())
        .stdout(file.try_clone().expect("clone log handle"))
        .stderr(file)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let output = fs::read_to_string(&log).expect("read log");
    (status.success(), output)
}

#[test]
fn examples_print_their_expected_output() {
    for (name, program) in programs() {
        let (ok, output) = run_program(program, &[], &[]);
        assert!(ok, "example {name} failed:\n{output}");
        assert_snapshot(
            Path::new("examples").join(name).join("expected_output.txt"),
            &output,
        );
    }
}

/// Users run Clippy on crates that include the generated module; it must
/// have nothing to say about it (the examples deny warnings).
#[test]
fn generated_rust_has_no_clippy_warnings() {
    programs();
    run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .arg("clippy")
            .arg("--quiet")
            .arg("--workspace")
            .arg("--manifest-path")
            .arg(repo_root().join("examples").join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target_dir()),
    );
}

#[test]
fn using_a_moved_from_value_terminates_with_a_message() {
    let (_, program) = programs()
        .iter()
        .find(|(name, _)| name == "move_drop")
        .expect("move_drop example");
    let (ok, output) = run_program(program, &[], &["use-after-move"]);
    assert!(!ok, "the program should have been terminated:\n{output}");
    assert!(
        output.contains(
            "use of an uninitialised or moved-from Rust value of type ::rust::crate::Noisy"
        ),
        "{output}"
    );
}

/// A C++ exception thrown into a Rust frame stops the program with the
/// exception's message instead of unwinding through Rust.
#[test]
fn a_cpp_exception_reaching_rust_aborts_with_its_message() {
    let (_, program) = programs()
        .iter()
        .find(|(name, _)| name == "blob_store")
        .expect("blob_store example");
    let (ok, output) = run_program(program, &[], &["unknown-blob"]);
    assert!(!ok, "the program should have been aborted:\n{output}");
    assert!(
        output.contains(
            "zngc: a C++ exception reached Rust from rust::crate::BlobStore::metadata: map::at"
        ),
        "{output}"
    );
}

/// Every example runs cleanly under valgrind: no invalid access, no
/// definitely lost memory. `.ci/run` installs valgrind; elsewhere the test
/// is skipped without it, but never in CI.
#[test]
fn examples_are_clean_under_valgrind() {
    if Command::new("valgrind").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "valgrind is not installed"
        );
        eprintln!("valgrind not installed; skipped");
        return;
    }
    let mut failures = Vec::new();
    for (name, program) in programs() {
        let (ok, output) = run_program(
            program,
            &[
                "valgrind",
                "--quiet",
                "--error-exitcode=99",
                "--leak-check=full",
                "--errors-for-leak-kinds=definite",
            ],
            &[],
        );
        if !ok {
            failures.push(format!("== {name}\n{output}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn compile_fail_dir(case: &str) -> PathBuf {
    repo_root().join("tests").join("compile_fail").join(case)
}

/// Every line of the case's `expected_error.txt` appears in `output`.
fn assert_expected_error(case: &str, output: &Output) {
    assert!(!output.status.success(), "{case} compiled, but must not");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = fs::read_to_string(compile_fail_dir(case).join("expected_error.txt"))
        .expect("read expected_error.txt");
    for line in expected.lines() {
        assert!(stderr.contains(line), "{case}: no `{line}` in\n{stderr}");
    }
}

/// C++ that misuses a Rust value is rejected by the C++ compiler at the
/// line of the misuse: copying a non-`Copy` type, owning an `#only_by_ref`
/// one, `make_box` with a class that does not implement the trait.
#[test]
fn cpp_misuse_does_not_compile() {
    for case in [
        "copy_non_copy",
        "only_by_ref_by_value",
        "make_box_without_the_trait",
    ] {
        let dir = compile_fail_dir(case);
        run(zngc().arg("generate").arg(dir.join("main.zng")).arg("-i"));
        let output = Command::new("g++")
            .current_dir(&dir)
            .args([
                "-std=c++17",
                "-Wall",
                "-Wextra",
                "-fsyntax-only",
                "main.cpp",
            ])
            .output()
            .expect("run g++");
        assert_expected_error(case, &output);
    }
}

/// A `.zng` declaration that does not match the Rust code fails the Rust
/// build with messages that lead back to the `.zng` line: a wrong `#layout`
/// names the line, the declared and the real value; a wrong method
/// signature gets rustc's error quoting the call, which carries the line.
#[test]
fn a_wrong_declaration_fails_the_rust_build_at_the_zng_line() {
    for case in ["wrong_size", "wrong_signature"] {
        let dir = compile_fail_dir(case);
        run(zngc().arg("generate").arg(dir.join("main.zng")));
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .arg("build")
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target_dir())
            .output()
            .expect("run cargo");
        assert_expected_error(case, &output);
    }
}

/// A `.zng` error in a build script fails `cargo build` with zngc's report
/// as plain text: code, message, `file:line:col`, help, and no colours.
#[test]
fn a_zng_error_fails_the_build_script_with_a_plain_report() {
    let case = "zng_error_in_build_script";
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .arg("build")
        .arg("--manifest-path")
        .arg(compile_fail_dir(case).join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("run cargo");
    assert_expected_error(case, &output);
    assert!(
        !output.stderr.contains(&0x1b),
        "colour codes in:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
