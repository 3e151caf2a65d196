//! Snapshot tests of the generated text, and determinism. `ZNGC_BLESS=1`
//! rewrites the snapshots after a reviewed change.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use support::{assert_snapshot, repo_root};
use zngc::generate::{generate, GenerateOptions, GeneratedFiles};

/// The files generated for `tests/codegen/NAME.zng`.
fn generate_fixture(name: &str, mangling_base: Option<&str>) -> GeneratedFiles {
    let mut options = GenerateOptions::new(
        repo_root()
            .join("tests")
            .join("codegen")
            .join(format!("{name}.zng")),
    );
    options.h_file = Some(PathBuf::from("generated.h"));
    options.rs_file = Some(PathBuf::from("generated.rs"));
    options.mangling_base = mangling_base.map(str::to_string);
    let result = generate(&options);
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    result.files.expect("files")
}

/// The snapshot fixtures: each `NAME.zng` has `NAME.h` and `NAME.rs`, and a
/// `NAME.cpp` that uses every wrapper of the header. (`zngur_api.cpp` is
/// written in the forms of Zngur 0.9's public C++ API.)
const FIXTURES: &[&str] = &[
    "constructs",
    "cpp_objects",
    "names",
    "primitives",
    "zngur_api",
];

#[test]
fn generated_text_matches_the_snapshots() {
    for name in FIXTURES {
        let files = generate_fixture(name, None);
        assert_snapshot(format!("tests/codegen/{name}.h"), &files.files[0].contents);
        assert_snapshot(format!("tests/codegen/{name}.rs"), &files.files[1].contents);
    }
}

/// Asserts that `g++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only ARGS…`
/// succeeds in `dir`; `what` names the case in the failure message.
fn assert_cxx_compiles(dir: &Path, args: &[&OsStr], what: &str) {
    let output = std::process::Command::new("g++")
        .args(["-std=c++17", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run g++");
    assert!(
        output.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The snapshot headers compile with C++ files that use every wrapper.
#[test]
fn the_snapshot_headers_compile() {
    let dir = repo_root().join("tests").join("codegen");
    let include = repo_root().join("zng-runtime").join("include");
    for name in FIXTURES {
        let cpp = format!("{name}.cpp");
        assert_cxx_compiles(
            &dir,
            &["-I".as_ref(), include.as_os_str(), cpp.as_ref()],
            &cpp,
        );
    }
}

/// Primitive types declared without methods add nothing to the header:
/// their classes are builtins or the runtime header's.
#[test]
fn primitives_without_methods_add_nothing_to_the_header() {
    let dir = repo_root().join("target").join("codegen-plain-primitives");
    std::fs::create_dir_all(&dir).expect("create the output folder");
    let mut zng = String::new();
    for (name, size) in [
        ("bool", 1),
        ("char", 4),
        ("i8", 1),
        ("i16", 2),
        ("i32", 4),
        ("i64", 8),
        ("i128", 16),
        ("isize", 8),
        ("u8", 1),
        ("u16", 2),
        ("u32", 4),
        ("u64", 8),
        ("u128", 16),
        ("usize", 8),
        ("f32", 4),
        ("f64", 8),
    ] {
        zng += &format!("type {name} {{ #layout(size = {size}, align = {size}); }}\n");
    }
    let declared = dir.join("declared.zng");
    let empty = dir.join("empty.zng");
    std::fs::write(&declared, zng).expect("write declared.zng");
    std::fs::write(&empty, "").expect("write empty.zng");
    let header = |path: &Path| {
        let result = generate(&GenerateOptions::new(path));
        assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
        result.files.expect("files").files[0].contents.clone()
    };
    assert_eq!(header(&declared), header(&empty));
}

/// The runtime header compiles on its own, warning-free, for the default
/// root namespace and a custom one, and without C++ exceptions.
#[test]
fn the_runtime_header_compiles_alone() {
    let dir = std::env::temp_dir().join(format!("zngc-runtime-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (namespace, flag) in [
        ("rust", "-fexceptions"),
        ("other_root", "-fexceptions"),
        ("rust", "-fno-exceptions"),
    ] {
        let header = dir.join(format!("{namespace}.h"));
        std::fs::write(&header, zngc::generate::runtime_header(namespace)).expect("write");
        assert_cxx_compiles(
            &dir,
            &[
                flag.as_ref(),
                "-x".as_ref(),
                "c++".as_ref(),
                header.as_os_str(),
            ],
            &format!("{namespace} {flag}"),
        );
    }
    std::fs::remove_dir_all(&dir).expect("clean up");
}

/// Asserts that the crate rooted at `tests/codegen/ROOT` type-checks
/// warning-free (`rustc -D warnings`) in the 2021 and 2024 editions; the
/// root includes a generated snapshot as a module.
fn assert_rust_compiles(root: &str) {
    let dir = repo_root().join("tests").join("codegen");
    let out = repo_root().join("target").join("codegen-rustc");
    for edition in ["2021", "2024"] {
        let output = std::process::Command::new("rustc")
            .args([
                "--edition",
                edition,
                "--crate-type",
                "lib",
                "--emit=metadata",
            ])
            .args(["-D", "warnings", "--out-dir"])
            .arg(&out)
            .arg(dir.join(root))
            .output()
            .expect("run rustc");
        assert!(
            output.status.success(),
            "{root}, edition {edition}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Items named with Rust keywords are spelled as raw identifiers.
#[test]
fn rust_keywords_as_names_compile() {
    assert_rust_compiles("names_lib.rs");
}

/// The structs of C++ object types are identifiers, however the types are
/// named: generic arguments, a Rust keyword, a primitive's name.
#[test]
fn cpp_object_structs_compile() {
    assert_rust_compiles("cpp_objects_lib.rs");
}

#[test]
fn generation_is_deterministic() {
    let first = generate_fixture("constructs", None);
    for _ in 0..3 {
        assert_eq!(generate_fixture("constructs", None).files, first.files);
    }
}

/// The names of the functions and statics Rust exports.
fn exported_symbols(rust: &str) -> Vec<&str> {
    rust.lines()
        .filter_map(|line| {
            line.strip_prefix("extern \"C\" fn ")
                .or_else(|| line.strip_prefix("static "))
        })
        .filter_map(|rest| rest.split(['(', ':']).next())
        .collect()
}

#[test]
fn a_mangling_base_changes_every_symbol() {
    let plain = generate_fixture("constructs", None);
    let based = generate_fixture("constructs", Some("second"));
    let plain_symbols = exported_symbols(&plain.files[1].contents);
    let based_symbols = exported_symbols(&based.files[1].contents);
    assert_eq!(plain_symbols.len(), based_symbols.len());
    assert!(plain_symbols.len() > 10, "{plain_symbols:?}");
    for symbol in &based_symbols {
        assert!(symbol.starts_with("zngc_second_"), "{symbol}");
        assert!(!plain_symbols.contains(symbol), "{symbol}");
    }
    let mut distinct = plain_symbols.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), plain_symbols.len(), "symbols collide");
}

/// A construct the generator does not support yet is an error (E0080) at
/// its span, and no file is produced.
#[test]
fn unsupported_constructs_are_errors_and_nothing_is_generated() {
    let options = GenerateOptions::new(
        repo_root()
            .join("tests")
            .join("codegen")
            .join("unsupported.zng"),
    );
    let result = generate(&options);
    assert!(result.files.is_none());
    let codes: Vec<String> = result
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    assert_eq!(codes, ["E0080"]);
    let rendered = zngc::diagnostics::render_plain(&result.diagnostics[0], &result.sources);
    assert!(rendered.contains("unsupported.zng:6:5"), "{rendered}");
}

/// `import "packet.zng"` includes the imported bridge's header
/// (`packet.zng.h`, the name it is generated under), and the two headers
/// compile together in one translation unit.
#[test]
fn an_import_includes_the_imported_bridge_header() {
    let dir = repo_root().join("target").join("codegen-import");
    std::fs::create_dir_all(&dir).expect("create the output folder");
    let source = repo_root().join("tests").join("codegen").join("import");
    for (zng, header, crate_name) in [
        ("packet.zng", "packet.zng.h", "packet"),
        ("main.zng", "main.zng.h", "queue"),
    ] {
        let mut options = GenerateOptions::new(source.join(zng));
        options.h_file = Some(dir.join(header));
        options.rs_file = Some(dir.join(format!("{zng}.rs")));
        options.crate_name = crate_name.to_string();
        let result = generate(&options);
        assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
        result.files.expect("files").write().expect("write");
    }
    let header = std::fs::read_to_string(dir.join("main.zng.h")).expect("read the header");
    assert!(header.contains("#include \"packet.zng.h\""), "{header}");
    std::fs::write(dir.join("zngur.h"), zng_runtime::RUNTIME_HEADER)
        .expect("write the runtime header");
    std::fs::write(
        dir.join("use.cpp"),
        "#include \"main.zng.h\"\nvoid f(rust::queue::Queue& q, rust::packet::Packet p) { q.push(std::move(p)); }\n",
    )
    .expect("write use.cpp");
    assert_cxx_compiles(&dir, &["-I.".as_ref(), "use.cpp".as_ref()], "two bridges");
}

/// The `extern "C"` signatures of `copy_passing.zng`, one per line: the C++
/// declarations, then the Rust definitions.
fn shim_signatures(header: &str, rust: &str) -> String {
    let declarations = header
        .lines()
        .skip_while(|line| *line != "extern \"C\" {")
        .skip(1)
        .take_while(|line| *line != "}");
    let definitions = rust
        .lines()
        .filter(|line| line.starts_with("extern \"C\" fn "));
    let mut text = String::from("// C++\n");
    for line in declarations {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str("// Rust\n");
    for line in definitions {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// `Copy` values of up to 16 bytes travel in integers, zero-sized ones not
/// at all; larger and boxed ones through pointers. The header compiles with
/// a C++ file calling every wrapper.
#[test]
fn small_copy_values_travel_in_integers() {
    let dir = repo_root().join("target").join("codegen-copy");
    std::fs::create_dir_all(&dir).expect("create the output folder");
    let mut options = GenerateOptions::new(
        repo_root()
            .join("tests")
            .join("codegen")
            .join("copy_passing.zng"),
    );
    options.h_file = Some(dir.join("copy_passing.h"));
    options.rs_file = Some(dir.join("copy_passing.rs"));
    let result = generate(&options);
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    let files = result.files.expect("files");
    assert_snapshot(
        "tests/codegen/copy_passing.signatures",
        &shim_signatures(&files.files[0].contents, &files.files[1].contents),
    );
    files.write().expect("write");
    std::fs::write(dir.join("zngur.h"), zng_runtime::RUNTIME_HEADER)
        .expect("write the runtime header");
    let uses = repo_root()
        .join("tests")
        .join("codegen")
        .join("copy_passing.cpp");
    assert_cxx_compiles(
        &dir,
        &["-I.".as_ref(), uses.as_os_str()],
        "copy_passing.cpp",
    );
}
