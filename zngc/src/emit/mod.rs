//! Bridge IR to text, through askama templates in `zngc/templates/`: one
//! template per kind of generated thing, each reading like its target
//! language.

use askama::Template;

use crate::lower::ir::{BoxBuilder, Bridge, CppObjectKind, CppStructKind};

use zng_runtime::RUNTIME_HEADER;

/// The runtime header for the C++ root namespace `namespace` (the file is
/// written for `rust`).
pub fn runtime_header(namespace: &str) -> String {
    if namespace == "rust" {
        return RUNTIME_HEADER.to_string();
    }
    RUNTIME_HEADER
        .replace("namespace rust {", &format!("namespace {namespace} {{"))
        .replace(
            "}  // namespace rust",
            &format!("}}  // namespace {namespace}"),
        )
        .replace("::rust::", &format!("::{namespace}::"))
        .replace(
            "ZNGC_RUNTIME_ZNGUR_H",
            &format!("ZNGC_RUNTIME_ZNGUR_H_{}", namespace.to_uppercase()),
        )
}

#[derive(Template)]
#[template(path = "cpp/header.h", escape = "none")]
struct CppHeader<'a> {
    bridge: &'a Bridge,
    ns: &'a str,
    in_place: bool,
    runtime: String,
}

#[derive(Template)]
#[template(path = "rust/generated.rs", escape = "none")]
struct RustFile<'a> {
    bridge: &'a Bridge,
}

#[derive(Template)]
#[template(path = "cpp/source.cpp", escape = "none")]
struct CppSource<'a> {
    bridge: &'a Bridge,
    ns: &'a str,
    header: &'a str,
}

/// The C++ source of the functions Rust calls, which includes the
/// generated header as `header`.
pub fn cpp_source(bridge: &Bridge, namespace: &str, header: &str) -> String {
    let source = CppSource {
        bridge,
        ns: namespace,
        header,
    };
    finish(&source, 1024 * bridge.thunks.len())
}

/// The C++ header. With `in_place`, the runtime header is copied in instead
/// of included.
pub fn cpp_header(bridge: &Bridge, namespace: &str, in_place: bool) -> String {
    let header = CppHeader {
        bridge,
        ns: namespace,
        in_place,
        runtime: if in_place {
            runtime_header(namespace)
        } else {
            String::new()
        },
    };
    let runtime = if in_place { RUNTIME_HEADER.len() } else { 0 };
    finish(
        &header,
        runtime + 2048 * (bridge.types.len() + bridge.shims.len()),
    )
}

/// The Rust file with the `extern "C"` shims and compile-time checks.
pub fn rust_file(bridge: &Bridge) -> String {
    finish(
        &RustFile { bridge },
        2048 * (bridge.types.len() + bridge.shims.len()),
    )
}

/// Rendering only fails if a template's `Display` call fails, and ours are
/// all strings and numbers; an empty output would fail the C++ or Rust
/// build loudly rather than silently.
///
/// `capacity` is generous (about twice the usual text per item): growing a
/// string of tens of megabytes copies it, while reserved pages that are
/// never written cost nothing.
fn finish(template: &impl Template, capacity: usize) -> String {
    let mut text = String::with_capacity(capacity);
    if template.render_into(&mut text).is_err() {
        text.clear();
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::{lower, tests::inventory_spec, LowerOptions};
    use crate::source::SourceMap;

    fn inventory() -> Bridge {
        let mut sources = SourceMap::new();
        sources.add("main.zng".into(), "\n".into());
        lower(&inventory_spec(), &sources, &LowerOptions::default()).unwrap()
    }

    /// The header for the hand-built inventory compiles on its own.
    #[test]
    fn inventory_header_compiles() {
        let dir = std::env::temp_dir().join(format!("zngc-emit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("generated.h"),
            cpp_header(&inventory(), "rust", true),
        )
        .unwrap();
        std::fs::write(dir.join("generated.rs"), rust_file(&inventory())).unwrap();
        let main = dir.join("main.cpp");
        std::fs::write(
            &main,
            "#include \"generated.h\"\n\
             void use() {\n\
               auto inventory = rust::crate::Inventory::new_empty(10);\n\
               inventory.add_banana(3);\n\
               rust::RefMut<rust::crate::Inventory> r = inventory;\n\
               r.add_item(rust::crate::Item(\"apple\"_rs.to_owned(), 5));\n\
               rust::Ref<rust::crate::Inventory> shared = r;\n\
               zngur_dbg(shared.count());\n\
               auto items = std::move(inventory).into_items();\n\
               zngur_dbg(items.len());\n\
             }\n",
        )
        .unwrap();
        let status = std::process::Command::new("g++")
            .args(["-std=c++17", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"])
            .arg(&main)
            .status()
            .unwrap();
        assert!(status.success(), "g++ rejected {}", main.display());
    }
}
