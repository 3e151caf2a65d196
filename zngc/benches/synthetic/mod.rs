//! The synthetic spec shared by the benchmarks (`front`, `generate`) and
//! written by `cargo bench --bench front -- --write FILE` for
//! `zngc/benches/run.sh`.

use std::fmt::Write as _;

/// A spec with `types` types in the style of real bridges: `mod` blocks,
/// exact and conditional layouts, constructors, fields, methods with
/// generic paths, `use`/`deref` suffixes, enums, traits, free functions and
/// `extern "C++"` functions. About 340 bytes per type; it checks clean.
pub fn synthetic_spec(types: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "// Synthetic spec: {types} types.");
    out.push_str("#convert_panic_to_exception\n");
    out.push_str("type str { wellknown_traits(?Sized); fn len(&self) -> usize; }\n");
    out.push_str("type ::std::string::String { #heap_allocated; fn len(&self) -> usize; }\n");
    // Every type the methods below use is declared, so that the generated
    // header compiles (the header-parse benchmark includes it).
    out.push_str(
        "type ::std::vec::Vec<u32> { #layout(size = 24, align = 8); fn len(&self) -> usize; }\n",
    );
    out.push_str("type ::std::vec::IntoIter<i32> { #layout(size = 32, align = 8); }\n");
    out.push_str("type ::std::option::Option<&i32> { #layout(size = 8, align = 8); }\n");
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
