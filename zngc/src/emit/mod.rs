//! Bridge IR to text, through askama templates in `zngc/templates/`: one
//! template per kind of generated thing, each reading like its target
//! language.

use std::cell::RefCell;
use std::fmt::{self, Display, Formatter};
use std::ops::RangeInclusive;

use askama::Template;

use crate::lower::ir::{BoxBuilder, Bridge, CppObjectKind, CppStructKind};
use crate::source::Span;

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
    /// Whether the compile-time checks of declared layouts are written.
    layout_checks: bool,
    marks: &'a Marks<'a>,
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
    let file = RustFile {
        bridge,
        layout_checks: true,
        marks: &Marks::default(),
    };
    finish(&file, rust_capacity(bridge))
}

fn rust_capacity(bridge: &Bridge) -> usize {
    2048 * (bridge.types.len() + bridge.shims.len())
}

/// The Rust code of a bridge without the compile-time checks of declared
/// layouts (for `zngc layout`'s probe), with where each declaration's
/// code lies in it.
pub struct RustCode {
    pub text: String,
    /// The 1-based lines of each declaration's code (shims, functions
    /// calling C++, impl blocks, checks of fields and `Copy`), in text
    /// order; a block may hold others.
    pub origins: Vec<(RangeInclusive<usize>, Span)>,
}

pub fn rust_code(bridge: &Bridge) -> RustCode {
    let text = RefCell::new(String::with_capacity(rust_capacity(bridge)));
    let marks = Marks {
        text: Some(&text),
        events: RefCell::default(),
    };
    let file = RustFile {
        bridge,
        layout_checks: false,
        marks: &marks,
    };
    let rendered = file.render_into(&mut SharedText(&text)).is_ok();
    let events = marks.events.into_inner();
    let mut text = text.into_inner();
    end_text(&mut text, rendered);
    let origins = line_ranges(&text, &events);
    RustCode { text, origins }
}

/// A writer into a string that [`Marks`] reads the length of between
/// writes.
struct SharedText<'a>(&'a RefCell<String>);

impl fmt::Write for SharedText<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.try_borrow_mut().map_err(|_| fmt::Error)?.push_str(s);
        Ok(())
    }
}

/// Records, while a template renders, where the code of each declaration
/// begins and ends in the text (`{{ marks.begin(span) }}` and
/// `{{ marks.end() }}`), writing nothing. Without a text, it records
/// nothing: the generated file pays one empty write per mark.
#[derive(Default)]
struct Marks<'a> {
    text: Option<&'a RefCell<String>>,
    /// Byte offsets in the text: a declaration's code begins (`Some`) or
    /// the latest one ends (`None`).
    events: RefCell<Vec<(usize, Option<Span>)>>,
}

impl Marks<'_> {
    fn begin(&self, span: &Span) -> Mark<'_> {
        Mark {
            marks: self,
            span: Some(*span),
        }
    }

    fn end(&self) -> Mark<'_> {
        Mark {
            marks: self,
            span: None,
        }
    }
}

/// One recording of [`Marks`], made when the template writes it.
struct Mark<'a> {
    marks: &'a Marks<'a>,
    span: Option<Span>,
}

impl Display for Mark<'_> {
    fn fmt(&self, _: &mut Formatter<'_>) -> fmt::Result {
        let Some(text) = self.marks.text else {
            return Ok(());
        };
        if let (Ok(text), Ok(mut events)) = (text.try_borrow(), self.marks.events.try_borrow_mut())
        {
            events.push((text.len(), self.span));
        }
        Ok(())
    }
}

/// The begin and end events of [`Marks`] paired into 1-based line ranges
/// (blank lines around the code left out), in the order they begin.
fn line_ranges(text: &str, events: &[(usize, Option<Span>)]) -> Vec<(RangeInclusive<usize>, Span)> {
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_of = |offset: usize| 1 + newlines.partition_point(|&n| n < offset);
    let mut open = Vec::new();
    let mut ranges = Vec::new();
    for &(offset, span) in events {
        match span {
            Some(span) => open.push((offset, span)),
            None => {
                let Some((start, span)) = open.pop() else {
                    continue;
                };
                let code = text.get(start..offset).unwrap_or_default();
                let first = start + (code.len() - code.trim_start().len());
                let last = start + code.trim_end().len().saturating_sub(1);
                ranges.push((line_of(first)..=line_of(last.max(first)), span));
            }
        }
    }
    ranges.sort_by_key(|(lines, _)| (*lines.start(), std::cmp::Reverse(*lines.end())));
    ranges
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
    let rendered = template.render_into(&mut text).is_ok();
    end_text(&mut text, rendered);
    text
}

/// Empties a text that failed to render, and ends it with a newline.
fn end_text(text: &mut String, rendered: bool) {
    if !rendered {
        text.clear();
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::ir::{Origin, RustFn, RustImpl};
    use crate::lower::{lower, tests::inventory_spec, LowerOptions};
    use crate::source::{FileId, SourceMap};

    fn inventory() -> Bridge {
        let mut sources = SourceMap::new();
        sources.add("main.zng".into(), "\n".into());
        lower(&inventory_spec(), &sources, &LowerOptions::default()).unwrap()
    }

    /// The probe's code is the generated file without its layout checks,
    /// and each shim's lines are recorded with its declaration.
    #[test]
    fn rust_code_leaves_out_layout_checks_and_places_each_shim() {
        let bridge = inventory();
        let file = rust_file(&bridge);
        let code = rust_code(&bridge);
        assert!(file.contains("zngc_check_layout("));
        assert!(!code.text.contains("zngc_check_layout("));
        assert!(file.ends_with(&code.text[code.text.find('\n').unwrap()..]));
        let lines: Vec<&str> = code.text.lines().collect();
        assert!(!bridge.shims.is_empty());
        for shim in &bridge.shims {
            let definition = format!("extern \"C\" fn {}(", shim.symbol);
            let line = 1 + lines.iter().position(|l| l.contains(&definition)).unwrap();
            let (range, span) = code
                .origins
                .iter()
                .find(|(range, _)| range.contains(&line))
                .unwrap();
            assert_eq!(*span, shim.origin.span, "{}", shim.symbol);
            assert!(lines[*range.start() - 1].starts_with("#[unsafe(no_mangle)]"));
            assert_eq!(lines[*range.end() - 1], "}");
        }
    }

    /// An impl block's lines name the impl, and its methods' lines, inside
    /// them, name the methods.
    #[test]
    fn rust_code_places_impl_blocks_and_their_methods() {
        let origin = |start: usize| Origin {
            location: format!("main.zng:{start}"),
            span: Span::new(FileId(0), start..start + 1),
        };
        let method = |name: &str, at: usize| RustFn {
            name: name.into(),
            public: false,
            unsafe_fn: false,
            params: vec!["&self".into()],
            output: "()".into(),
            body: "()".into(),
            origin: origin(at),
        };
        let bridge = Bridge {
            rust_impls: vec![RustImpl {
                header: "impl crate::T for crate::A".into(),
                assoc_types: vec![("X".into(), "u8".into())],
                methods: vec![method("a", 2), method("b", 3)],
                origin: origin(1),
            }],
            rust_fns: vec![method("f", 4)],
            ..Bridge::default()
        };
        let code = rust_code(&bridge);
        let lines: Vec<&str> = code.text.lines().collect();
        let placed: Vec<(&str, &str, usize)> = code
            .origins
            .iter()
            .map(|(range, span)| {
                (
                    lines[*range.start() - 1].trim(),
                    lines[*range.end() - 1].trim(),
                    span.start as usize,
                )
            })
            .collect();
        assert_eq!(
            placed,
            [
                ("impl crate::T for crate::A {", "}", 1),
                ("#[allow(unused_unsafe)]", "}", 2),
                ("#[allow(unused_unsafe)]", "}", 3),
                ("#[allow(unused_unsafe)]", "}", 4),
            ],
            "{}",
            code.text
        );
        let (block, _) = &code.origins[0];
        assert!(code.origins[1..3]
            .iter()
            .all(|(r, _)| block.contains(r.start())));
        assert!(!block.contains(code.origins[3].0.start()));
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
