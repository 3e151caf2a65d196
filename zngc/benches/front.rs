//! Front-end timing on a large synthetic spec, and the generator of that
//! spec for other measurements (see BENCHMARKS.md).
//!
//! ```text
//! cargo bench --bench front                       # 5000 types, parse and check
//! cargo bench --bench front -- --types 500        # another size
//! cargo bench --bench front -- --write big.zng    # only write the spec
//! ```
//!
//! A plain `harness = false` binary, so that it needs no nightly and no
//! benchmark framework: it reports the fastest of several runs.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zngc::check::{check_in_memory, CfgSet};
use zngc::source::FileId;

/// Runs per measurement; the fastest is reported.
const RUNS: usize = 7;

/// A spec with `types` types in the style of real bridges: `mod` blocks,
/// exact and conditional layouts, constructors, fields, methods with
/// generic paths, `use`/`deref` suffixes, enums, traits, free functions and
/// `extern "C++"` functions. About 340 bytes per type; it checks clean.
fn synthetic_spec(types: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "// Synthetic spec: {types} types.");
    out.push_str("#convert_panic_to_exception\n");
    out.push_str("type str { wellknown_traits(?Sized); fn len(&self) -> usize; }\n");
    out.push_str("type ::std::string::String { #heap_allocated; fn len(&self) -> usize; }\n");
    for i in 0..types {
        let module = i / 50;
        if i % 50 == 0 {
            if i > 0 {
                out.push_str("}\n");
            }
            let _ = writeln!(out, "mod crate::m{module} {{");
        }
        let _ = match i % 10 {
            // An enum with variants.
            7 => writeln!(
                out,
                "    type Shape{i} {{
        #layout(size = 16, align = 8);
        wellknown_traits(Debug, Copy);
        constructor Circle(f64);
        constructor Square {{ side: f64 }};
        constructor Empty;
        fn area(&self) -> f64;
    }}"
            ),
            // A type whose layout depends on the target.
            3 => writeln!(
                out,
                "    type Handle{i} {{
        #if cfg!(target_pointer_width = 64) {{ #layout(size = 16, align = 8); }}
        #else {{ #layout(size = 8, align = 4); }}
        fn raw(&self) -> *const u8;
        fn close(self);
    }}"
            ),
            // A heap-allocated type with a trait-backed method.
            9 => writeln!(
                out,
                "    type Store{i} {{
        #heap_allocated;
        fn get(&self, usize) -> ::std::option::Option<&i32> deref [i32];
        fn into_iter(self) -> ::std::vec::IntoIter<i32> use ::std::iter::IntoIterator;
    }}"
            ),
            _ => writeln!(
                out,
                "    type Record{i} {{
        #layout(size = 48, align = 8);
        wellknown_traits(Debug);
        constructor {{ id: u64, name: ::std::string::String, tags: ::std::vec::Vec<u32> }};
        field id (offset = 0, type = u64);
        fn new(u64, &str) -> crate::m{module}::Record{i};
        fn id(&self) -> u64;
        fn tags(&self) -> &[u32];
        fn rename(&mut self, ::std::string::String);
    }}"
            ),
        };
        if i % 25 == 0 {
            let _ = writeln!(out, "    fn make{i}(u64) -> Box<dyn Fn(i32) -> i32>;");
        }
    }
    if types > 0 {
        out.push_str("}\n");
    }
    out.push_str("type Box<dyn Fn(i32) -> i32> { #layout(size = 16, align = 8); }\n");
    out.push_str("trait crate::Listener { fn notify(&self, u64); fn done(&mut self); }\n");
    out.push_str("extern \"C++\" {\n    safe fn log_line(&str);\n    unsafe fn raw_buffer() -> *mut u8;\n}\n");
    out
}

fn fastest(mut run: impl FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let mut types = 5000;
    let mut write: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--types" => types = args.next().and_then(|n| n.parse().ok()).unwrap_or(types),
            "--write" => write = args.next().map(PathBuf::from),
            // `cargo bench` passes `--bench`; other flags are not ours.
            _ => {}
        }
    }
    let text = synthetic_spec(types);
    if let Some(path) = write {
        if let Err(err) = std::fs::write(&path, &text) {
            eprintln!("cannot write {}: {err}", path.display());
            std::process::exit(1);
        }
        println!(
            "wrote {} ({} types, {} bytes)",
            path.display(),
            types,
            text.len()
        );
        return;
    }

    let files = BTreeMap::from([(PathBuf::from("synthetic.zng"), text.clone().into_bytes())]);
    let cfg = CfgSet::new();
    let result = check_in_memory(Path::new("synthetic.zng"), &files, &cfg);
    if let Some(first) = result.diagnostics.first() {
        eprintln!(
            "the synthetic spec must check clean:\n{}",
            zngc::diagnostics::render_plain(first, &result.sources)
        );
        std::process::exit(1);
    }
    let parse = fastest(|| {
        let _ = zngc::syntax::parse(FileId(0), &text);
    });
    let check = fastest(|| {
        let _ = check_in_memory(Path::new("synthetic.zng"), &files, &cfg);
    });
    let tiny = "type crate::A { #layout(size = 8, align = 8); }\n";
    let tiny_parse = fastest(|| {
        let _ = zngc::syntax::parse(FileId(0), tiny);
    });
    println!("synthetic spec: {types} types, {} bytes", text.len());
    println!("parse:         {:8.2} ms", parse.as_secs_f64() * 1e3);
    println!("parse + check: {:8.2} ms", check.as_secs_f64() * 1e3);
    println!(
        "parse, one-line file: {:8.1} µs",
        tiny_parse.as_secs_f64() * 1e6
    );
}
