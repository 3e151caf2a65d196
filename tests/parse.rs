//! Parser tests: the syntax tree of every file in `tests/parse/` as a
//! reviewed JSON snapshot, JSON round trips, the diagnostics of broken
//! inputs (code and position), and robustness against random and deeply
//! nested input.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use zngc::diagnostics::{has_errors, Code, Diagnostic, Severity};
use zngc::source::{FileId, SourceMap};
use zngc::syntax::{ast, parse, MAX_DIAGNOSTICS, MAX_NESTING};

/// The `.zng` inputs of the snapshot tests, sorted by name.
fn inputs() -> Vec<PathBuf> {
    let dir = support::repo_root().join("tests/parse");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/parse exists")
        .map(|entry| entry.expect("readable directory").path())
        .filter(|path| path.extension().is_some_and(|e| e == "zng"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "inputs missing in {}", dir.display());
    files
}

/// Pretty JSON with arrays of numbers (spans) kept on one line, so that the
/// snapshots stay readable.
fn snapshot_json(file: &ast::File) -> String {
    let pretty = serde_json::to_string_pretty(file).expect("AST serializes");
    let mut out = String::with_capacity(pretty.len());
    let mut rest = pretty.as_str();
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let close = rest.find(']').unwrap_or(0);
        let inside = &rest[..close];
        let numbers_only = !inside.trim().is_empty()
            && inside
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c.is_whitespace());
        if numbers_only {
            let items: Vec<&str> = inside.split(',').map(str::trim).collect();
            out.push_str(&items.join(", "));
            rest = &rest[close..];
        }
    }
    out.push_str(rest);
    out.push('\n');
    out
}

#[test]
fn snapshots_of_valid_files() {
    for path in inputs() {
        let text = std::fs::read_to_string(&path).expect("readable input");
        let (file, diagnostics) = parse(FileId(0), &text);
        assert!(
            !has_errors(&diagnostics),
            "{}: {diagnostics:#?}",
            path.display()
        );
        let snapshot = path.with_extension("json");
        let relative = snapshot
            .strip_prefix(support::repo_root())
            .expect("under the repository");
        support::assert_snapshot(relative, &snapshot_json(&file));
    }
}

#[test]
fn json_round_trip_gives_the_same_tree() {
    for path in inputs() {
        let text = std::fs::read_to_string(&path).expect("readable input");
        let (file, _) = parse(FileId(3), &text);
        let json = serde_json::to_string(&file).expect("serializes");
        let back: ast::File =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        pretty_assertions::assert_eq!(file, back, "{}", path.display());
    }
}

#[test]
fn every_span_names_the_file() {
    let path = support::repo_root().join("tests/parse/example.zng");
    let text = std::fs::read_to_string(path).expect("readable input");
    let (file, _) = parse(FileId(7), &text);
    let json = serde_json::to_value(&file).expect("serializes");
    let mut spans = 0;
    let mut stack = vec![&json];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Array(span)) = map.get("span") {
                    assert_eq!(span.first(), Some(&serde_json::json!(7)));
                    spans += 1;
                }
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    assert!(spans > 100, "only {spans} spans");
}

// ---------------------------------------------------------------------------
// Diagnostics.

/// `(code, line, column)` of every diagnostic of `text`.
fn positions(text: &str) -> Vec<(Code, usize, usize)> {
    let mut sources = SourceMap::new();
    let file = sources.add("test.zng".into(), text.to_string());
    let (_, diagnostics) = parse(file, text);
    diagnostics
        .iter()
        .map(|d| {
            assert_well_formed(d);
            let span = d.primary.as_ref().expect("diagnostic has a span").span;
            let (line, column) = sources.get(file).line_col(span.range().start);
            (d.code, line, column)
        })
        .collect()
}

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    parse(FileId(0), text).1
}

fn assert_well_formed(d: &Diagnostic) {
    assert!(!d.message.is_empty(), "{d:?}");
    let label = d.primary.as_ref().expect("has a primary label");
    assert!(!label.message.is_empty(), "{d:?}");
    assert!(d.help.as_ref().is_some_and(|h| !h.is_empty()), "{d:?}");
}

/// The help of the only diagnostic of `text`, which must have `code`.
fn single_help(text: &str, code: Code) -> String {
    let found = diagnostics(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, code, "{found:#?}");
    found[0].help.clone().unwrap_or_default()
}

#[test]
fn empty_and_comment_only_files_are_valid() {
    for text in ["", "\n\n", "// just a comment", "// a\n// b\n"] {
        let (file, diagnostics) = parse(FileId(0), text);
        assert!(file.items.is_empty());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }
}

#[test]
fn e0003_stray_characters_block_comments_and_lifetimes() {
    assert_eq!(
        positions("type A { $ }\n/* no */ type B {}\nfn f(&'a str);\n@"),
        vec![
            (Code::E0003, 1, 10),
            (Code::E0003, 2, 1),
            (Code::E0003, 3, 7),
            (Code::E0003, 4, 1),
        ]
    );
    assert!(single_help("/* x */", Code::E0003).contains("only // comments"));
    assert!(single_help("fn f(&'a str);", Code::E0003).contains("lifetime"));
}

#[test]
fn e0004_unterminated_string_points_at_the_opening_quote() {
    assert_eq!(
        positions("merge \"a.zng\";\nimport \"b.zng;\n type X {}"),
        vec![(Code::E0004, 2, 8)]
    );
}

#[test]
fn e0005_number_out_of_range() {
    assert_eq!(
        positions("type A {\n  #layout(size = 123456789012345678901234567890, align = 99999999999999999999);\n}"),
        vec![(Code::E0005, 2, 18), (Code::E0005, 2, 58)]
    );
    let (file, _) = parse(
        FileId(0),
        "type A { #layout(size = 18446744073709551615, align = 8); }",
    );
    assert_eq!(file.items.len(), 1);
}

/// Nested constructs: a template whose `@` is replaced by the nesting,
/// the innermost text, and the opening and closing text of one level.
const NESTINGS: &[(&str, &str, &str, &str)] = &[
    ("type X { fn f(@); }", "i32", "(", ")"),
    ("type X { fn f(@); }", "i32", "Vec<", ">"),
    ("type X { fn f(@); }", "i32", "::a::b::<", ">"),
    ("type X { fn f(@); }", "i32", "[", "]"),
    ("type X { fn f(@); }", "i32", "&", ""),
    ("type X { fn f(@); }", "i32", "&&mut ", ""),
    ("type X { fn f(@); }", "i32", "*const ", ""),
    ("type X { fn f(@); }", "i32", "Box<dyn Fn() -> ", ">"),
    ("type X { fn f(@); }", "i32", "dyn Tr<", ">"),
    ("@", "", "mod a { ", "}"),
    ("@", "", "#if cfg!(a) { ", "}"),
    ("@", "{}", "#match cfg!(a) { _ => ", "}"),
    ("type X { @ }", "", "#if cfg!(a) { ", "}"),
    ("#if @ {}", "cfg!(a)", "(", ")"),
    ("#if @ {}", "cfg!(a)", "!", ""),
    ("#match cfg!(a) { @ => {} }", "_", "(", ")"),
    ("#match cfg!(a) { @ => {} }", "_", "!", ""),
];

fn nested(n: usize, (template, inner, open, close): (&str, &str, &str, &str)) -> String {
    let nesting = format!("{}{inner}{}", open.repeat(n), close.repeat(n));
    template.replace('@', &nesting)
}

#[test]
fn nesting_below_the_limit_parses() {
    // Runs on a test thread with its default (2 MiB) stack, unoptimized.
    for &nesting in NESTINGS {
        let text = nested(MAX_NESTING / 2 - 4, nesting);
        let (_, diagnostics) = parse(FileId(0), &text);
        assert!(!has_errors(&diagnostics), "{text}: {diagnostics:#?}");
    }
}

#[test]
fn e0006_nesting_too_deep() {
    for &nesting in NESTINGS {
        let start = Instant::now();
        let found = positions(&nested(10_000, nesting));
        assert_eq!(found.len(), 1, "{nesting:?}: {found:?}");
        assert_eq!(found[0].0, Code::E0006, "{nesting:?}");
        assert!(start.elapsed() < Duration::from_secs(1), "{nesting:?}");
    }
    let nots = format!("#if {}cfg!(a) {{}}", "!".repeat(1_000));
    assert_eq!(positions(&nots), vec![(Code::E0006, 1, 5 + MAX_NESTING)]);
}

#[test]
fn e0006_operator_chains_too_long() {
    let guard = vec!["cfg!(a)"; 1_000].join(" || ");
    let found = positions(&format!("#if {guard} {{}}"));
    assert_eq!(found, vec![(Code::E0006, 1, 5)]);
    let pattern = vec!["\"a\""; 1_000].join(" | ");
    let found = positions(&format!("#match cfg!(a) {{ {pattern} => {{}} }}"));
    assert_eq!(found, vec![(Code::E0006, 1, 18)]);
}

#[test]
fn e0010_syntax_errors_are_all_reported() {
    let text = "\
type A {
    fn f(&self) -> i32
    fn g(&self);
    #layout(size = 8, align = 8)
}
type B { fn h(i32 i32); }
trait C { fn x(&self) }
use a::b;
type D { fn ok(&self); }
";
    assert_eq!(
        positions(text),
        vec![
            (Code::E0010, 3, 5),
            (Code::E0010, 5, 1),
            (Code::E0010, 6, 19),
            (Code::E0010, 7, 23),
            (Code::E0010, 8, 9),
        ]
    );
    let (file, _) = parse(FileId(0), text);
    // B and D survive; A's `#layout` and `g`, C and the `use` are lost.
    let names: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            ast::Item::Type(decl) => Some(format!("{:?}", decl.items.len())),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["1", "1", "1"]);
}

#[test]
fn e0010_messages_name_what_was_expected() {
    let found = diagnostics("type A { fn f(&self) }");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.starts_with("expected ") && found[0].message.ends_with("found `}`"),
        "{}",
        found[0].message
    );
    assert!(found[0].message.contains("`;`"), "{}", found[0].message);
    let reserved = diagnostics("type A { fn type(&self); }");
    assert!(
        reserved[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("reserved"),
        "{reserved:?}"
    );
    let eof = diagnostics("type A");
    assert!(eof[0].message.ends_with("found end of file"), "{eof:?}");
}

#[test]
fn e0010_unclosed_blocks_are_reported_at_their_brace() {
    assert_eq!(
        positions(
            "mod a {
  type B {
    #heap_allocated;
"
        ),
        vec![(Code::E0010, 1, 7), (Code::E0010, 2, 10)]
    );
    let found = diagnostics("type A {");
    assert_eq!(found[0].message, "unclosed `{`", "{found:?}");
}

#[test]
fn e0010_arrays_are_not_supported() {
    assert_eq!(
        positions("type X { fn f([u8; 4]); }"),
        vec![(Code::E0010, 1, 18)]
    );
    assert!(single_help("type [u8; 4] {}", Code::E0010).contains("arrays are not supported"));
}

#[test]
fn e0010_stray_closing_brace_and_wrong_abi() {
    assert_eq!(
        positions("}\ntype A {}\n}\nextern \"C\" {}"),
        vec![
            (Code::E0010, 1, 1),
            (Code::E0010, 3, 1),
            (Code::E0010, 4, 8)
        ]
    );
}

#[test]
fn e0011_unknown_directives() {
    let text = "#convert_panic_to_exeption\ntype A {\n  #layuot(size = 1, align = 1);\n  #unstable(cfg_if);\n  #only_by_ref;\n}\n#layout(size = 1, align = 1);\n#else {}\n";
    assert_eq!(
        positions(text),
        vec![
            (Code::E0011, 1, 2),
            (Code::E0011, 3, 4),
            (Code::E0011, 4, 4),
            (Code::E0011, 7, 2),
            (Code::E0011, 8, 2),
        ]
    );
    let found = diagnostics(text);
    assert_eq!(
        found[0].help.as_deref(),
        Some("did you mean `#convert_panic_to_exception`?")
    );
    assert_eq!(found[1].help.as_deref(), Some("did you mean `#layout`?"));
    let (file, _) = parse(FileId(0), text);
    let ast::Item::Type(decl) = &file.items[0] else {
        panic!("{file:?}")
    };
    assert!(matches!(
        decl.items.as_slice(),
        [ast::TypeItem::OnlyByRef(_)]
    ));
}

#[test]
fn e0012_unknown_wellknown_trait() {
    assert_eq!(
        positions("type A {\n  wellknown_traits(Debug, debug, PartialEq, ?Sized, ?Sizd);\n}"),
        vec![
            (Code::E0012, 2, 27),
            (Code::E0012, 2, 34),
            (Code::E0012, 2, 53)
        ]
    );
    assert_eq!(
        single_help("type A { wellknown_traits(Cpy); }", Code::E0012),
        "did you mean `Copy`?"
    );
    let (file, _) = parse(FileId(0), "type A { wellknown_traits(Debug, Drop, Copy); }");
    let ast::Item::Type(decl) = &file.items[0] else {
        panic!("{file:?}")
    };
    let ast::TypeItem::WellknownTraits(traits) = &decl.items[0] else {
        panic!("{decl:?}")
    };
    assert_eq!(traits.traits.len(), 2);
}

#[test]
fn e0013_unknown_unstable_feature() {
    assert_eq!(
        positions("#unstable(cfg_iff)\n#unstable(x)"),
        vec![(Code::E0013, 1, 11), (Code::E0013, 2, 11)]
    );
    assert_eq!(
        single_help("#unstable(cfg_mach)", Code::E0013),
        "did you mean `cfg_match`?"
    );
}

#[test]
fn e0014_box_takes_exactly_one_type() {
    assert_eq!(
        positions("type X {\n  fn f(Box<i32, u8>, Box<>, Box<T = i32>, Box, Box<i32>);\n}"),
        vec![
            (Code::E0014, 2, 8),
            (Code::E0014, 2, 22),
            (Code::E0014, 2, 29),
            (Code::E0014, 2, 43)
        ]
    );
}

#[test]
fn e0015_property_lists() {
    let text = "type A {
  #layout(size = 8, aling = 8);
  #layout(size = 8, size = 8, align = 8);
  #layout(size = 8);
  #layout(size = i32, align = 8);
  field a (offset = 0, typ = i32);
  field b (offset = x, type = i32);
  field c (offset = 0, type = 4);
  #cpp_stack_owned \"T\" (size = 8);
  #only_by_ref;
}";
    assert_eq!(
        positions(text),
        vec![
            (Code::E0015, 2, 10),
            (Code::E0015, 2, 21),
            (Code::E0015, 3, 21),
            (Code::E0015, 4, 10),
            (Code::E0015, 5, 18),
            (Code::E0015, 6, 11),
            (Code::E0015, 6, 24),
            (Code::E0015, 7, 21),
            (Code::E0015, 8, 31),
            (Code::E0015, 9, 24),
        ]
    );
    let found = diagnostics("type A { #layout(size = 8, alignn = 8); }");
    let unknown = found
        .iter()
        .find(|d| d.message.starts_with("unknown property"));
    assert_eq!(
        unknown.and_then(|d| d.help.as_deref()),
        Some("did you mean `align`?")
    );
}

#[test]
fn e0016_fn_form_only_for_fn_traits() {
    assert_eq!(
        positions("trait Foo(i32) -> i32 {}\ntrait Fn(i32) {}\ntype Box<dyn Bar(i32)> {}"),
        vec![
            (Code::E0016, 1, 7),
            (Code::E0016, 2, 7),
            (Code::E0016, 3, 14)
        ]
    );
}

#[test]
fn w0001_bare_fn_in_extern_cpp() {
    let text =
        "extern \"C++\" {\n  fn old();\n  impl crate::A { fn m(&self); safe fn ok(&self); }\n}";
    assert_eq!(
        positions(text),
        vec![(Code::W0001, 2, 3), (Code::W0001, 3, 19)]
    );
    assert!(single_help("extern \"C++\" { fn f(); }", Code::W0001)
        .contains("write `safe fn` (or `unsafe fn`)"));
    let found = diagnostics(text);
    assert!(found.iter().all(|d| d.severity() == Severity::Warning));
}

#[test]
fn w0002_heap_allocate_spelling() {
    assert_eq!(
        positions("type A {\n  #heap_allocate;\n}"),
        vec![(Code::W0002, 2, 3)]
    );
    let (file, _) = parse(FileId(0), "type A { #heap_allocate; }");
    let ast::Item::Type(decl) = &file.items[0] else {
        panic!("{file:?}")
    };
    assert!(matches!(decl.items[0], ast::TypeItem::HeapAllocated(_)));
}

#[test]
fn errors_of_every_kind_in_one_file() {
    let text = "type A { $ wellknown_traits(Dbug); #layuot; fn f(Box<>); fn g() }\n#unstable(x)\nmerge \"open";
    let codes: Vec<Code> = positions(text)
        .into_iter()
        .map(|(code, _, _)| code)
        .collect();
    assert_eq!(
        codes,
        [
            Code::E0003,
            Code::E0012,
            Code::E0011,
            Code::E0014,
            Code::E0010,
            Code::E0013,
            Code::E0004
        ]
    );
}

#[test]
fn else_binds_to_the_preceding_if() {
    let (file, diagnostics) = parse(
        FileId(0),
        "#if cfg!(a) {} #else if cfg!(b) {} #else {}\n#if cfg!(c) {}",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let [ast::Item::Conditional(ast::Conditional::If(first)), ast::Item::Conditional(ast::Conditional::If(second))] =
        file.items.as_slice()
    else {
        panic!("{file:?}")
    };
    assert_eq!(first.branches.len(), 2);
    assert!(first.else_items.is_some());
    assert!(second.else_items.is_none());
}

#[test]
fn diagnostics_are_capped() {
    let text = "type A { fn f(; }\n".repeat(500);
    let found = diagnostics(&text);
    assert_eq!(found.len(), MAX_DIAGNOSTICS);
    let last = found.last().expect("diagnostics");
    assert!(
        last.notes.iter().any(|n| n.starts_with("too many errors")),
        "{last:?}"
    );
}

// ---------------------------------------------------------------------------
// Robustness: random input never panics, hangs or overflows the stack.

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Parses `text`, asserting that it takes less than `limit`.
fn parse_within(text: &str, limit: Duration) {
    let start = Instant::now();
    let (_, diagnostics) = parse(FileId(0), text);
    assert!(diagnostics.len() <= MAX_DIAGNOSTICS);
    let took = start.elapsed();
    assert!(took < limit, "{took:?} for {text:?}");
}

#[test]
fn random_bytes_do_not_break_the_parser() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    for _ in 0..500 {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        parse_within(&String::from_utf8_lossy(&bytes), Duration::from_secs(2));
    }
    // Random ASCII punctuation is closer to the grammar than random bytes.
    let alphabet = b"(){}[]<>&*!#;:,=|?_.\"' -> fn type mod dyn cfg!( 1 a";
    for _ in 0..500 {
        let len = rng.below(300);
        let text: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())] as char)
            .collect();
        parse_within(&text, Duration::from_secs(2));
    }
}

#[test]
fn mutated_valid_files_do_not_break_the_parser() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let sources: Vec<String> = inputs()
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable input"))
        .collect();
    for _ in 0..1_000 {
        let source = &sources[rng.below(sources.len())];
        // Words and single punctuation characters stand in for tokens.
        let mut pieces: Vec<&str> = source
            .split_inclusive(|c: char| !c.is_alphanumeric() && c != '_')
            .collect();
        for _ in 0..1 + rng.below(4) {
            if pieces.is_empty() {
                break;
            }
            let i = rng.below(pieces.len());
            let j = rng.below(pieces.len());
            match rng.below(4) {
                0 => {
                    pieces.remove(i);
                }
                1 => pieces.insert(i, pieces[j]),
                2 => pieces.swap(i, j),
                _ => pieces.insert(
                    i,
                    ["{", "}", "(", ")", "<", ">", "#", ";", "\"", "//"][rng.below(10)],
                ),
            }
        }
        parse_within(&pieces.concat(), Duration::from_secs(2));
    }
}

#[test]
fn large_specs_parse_in_linear_time() {
    let spec = |types: usize| -> String {
        (0..types)
            .map(|i| {
                format!(
                    "type crate::m{i}::Type{i}<i32, ::std::vec::Vec<u8>> {{\n    #layout(size = 24, align = 8);\n    wellknown_traits(Debug, Copy);\n    constructor {{ a: i32, b: &str }};\n    field x (offset = 0, type = u64);\n    fn get(&self, usize) -> ::std::option::Option<&i32> deref [i32];\n    fn set(&mut self, crate::Other, Box<dyn Fn(i32) -> i32>);\n}}\n"
                )
            })
            .collect()
    };
    let small = spec(500);
    let large = spec(5_000);
    assert!(large.len() > 1_000_000, "{}", large.len());
    let time = |text: &str| {
        let start = Instant::now();
        let (file, diagnostics) = parse(FileId(0), text);
        assert!(diagnostics.is_empty(), "{:?}", diagnostics.first());
        assert!(!file.items.is_empty());
        start.elapsed()
    };
    let small_time = time(&small);
    let large_time = time(&large);
    eprintln!(
        "parsed {} bytes in {large_time:?} ({:.1} MB/s)",
        large.len(),
        large.len() as f64 / large_time.as_secs_f64() / 1e6
    );
    // Ten times the input may take at most ~30 times as long (noise on a
    // shared machine included); a quadratic parser would take 100 times.
    assert!(
        large_time < small_time * 30 + Duration::from_millis(50),
        "{small_time:?} vs {large_time:?}"
    );
}
