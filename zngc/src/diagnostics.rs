//! Diagnostics: errors and warnings as values, collected through the
//! pipeline and rendered at one point — as ariadne reports for people, or as
//! JSON lines for editors and build tools.

use std::fmt;
use std::io::{self, Write};

use ariadne::{Config, IndexType, Label as AriadneLabel, Report, ReportKind};
use serde::Serialize;

use crate::source::{SourceMap, Span};

/// Every diagnostic zngc reports has a stable code, documented in `spec.md`
/// under "Error codes".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Code {
    // Reading files and tokens.
    /// A file could not be read (missing, a directory, permission denied).
    E0001,
    /// The file is not valid UTF-8.
    E0002,
    /// A character that starts no token.
    E0003,
    /// A string literal without its closing quote.
    E0004,
    /// A number too large to be a size, offset or cfg value.
    E0005,
    /// Brackets, references or `mod` blocks nested too deeply.
    E0006,

    // Syntax.
    /// Unexpected token: the input does not match the grammar.
    E0010,
    /// A directive (`#name`) that does not exist here.
    E0011,
    /// A name in `wellknown_traits(…)` that is not a well-known trait.
    E0012,
    /// `#unstable(…)` names no unstable feature.
    E0013,
    /// `Box` with other than exactly one type argument.
    E0014,
    /// A `#layout`-style property list with an unknown, missing or repeated
    /// property.
    E0015,
    /// A trait name written in `Fn(…)` form that is not `Fn`, `FnMut` or
    /// `FnOnce`, or a `trait` declaration in that form.
    E0016,

    // Files: merge and import.
    /// A `merge` cycle.
    E0020,
    /// `#convert_panic_to_exception` in a merged file.
    E0021,

    // Conditional compilation.
    /// A malformed `cfg!(…)` key.
    E0030,
    /// A `#match` pattern whose shape does not fit the scrutinee.
    E0031,

    // Types and signatures.
    /// A primitive type that zngc does not support (`f16`, `u7`, …).
    E0040,
    /// `impl Trait` anywhere but the output of a Rust function.
    E0041,
    /// A receiver (`self`, `&self`, `&mut self`) that is not the first
    /// parameter.
    E0042,
    /// A `trait` method without a receiver: the trait would not be
    /// dyn-compatible.
    E0043,
    /// `deref` on a method whose receiver is not a reference, or on a
    /// function that is not a method of a `type`.
    E0044,
    /// `async fn` where C++ implements the function (`extern "C++"` or a
    /// `trait`).
    E0045,
    /// Declaring a type that cannot be declared (`()`).
    E0046,
    /// A by-value use (parameter, receiver, output, constructor field,
    /// `#cpp_value`, unsized field) of a type without C++ values:
    /// `#only_by_ref`, `?Sized`, `str`, slices, `dyn Trait`.
    E0047,

    // Layout.
    /// A type with no layout policy.
    E0050,
    /// A type with more than one layout policy.
    E0051,
    /// An alignment that is not a power of two.
    E0052,
    /// A size that is not a multiple of the alignment.
    E0053,
    /// A size or alignment larger than any Rust type can have.
    E0054,

    // Declarations.
    /// Two declarations of the same item that contradict each other.
    E0060,
    /// The same field name twice in one constructor.
    E0061,
    /// The same field declared twice in one type with different content.
    E0062,
    /// Two C++ object types (`#cpp_value`, `#cpp_ref`, `#cpp_stack_owned`)
    /// whose structs in the generated Rust would have the same name.
    E0063,

    // Layout truth (`zngc layout`).
    /// A declared size, alignment or field offset that is not what rustc
    /// reports.
    E0070,
    /// The layout probe does not build.
    E0071,
    /// No crate to probe: no `Cargo.toml`, or no library target.
    E0072,
    /// The generated module is outside the library's source folder.
    E0073,
    /// The toolchain cannot be run (also when loading the cfg from rustc),
    /// or the probe's results cannot be read or written.
    E0074,
    /// The generated Rust code of a declaration does not compile against
    /// the crate: its signature does not match the Rust item.
    E0075,

    // Code generation (`zngc generate`).
    /// A construct that the code generator does not support yet.
    E0080,

    // Warnings.
    /// A function in `extern "C++"` without `safe` or `unsafe`.
    W0001,
    /// `#heap_allocate`, the book's spelling of `#heap_allocated`.
    W0002,
    /// A receiver on a free function, which has none: it is ignored.
    W0003,
}

impl Code {
    /// Every code, in declaration order (checked by a unit test below, and
    /// used by the test that keeps `spec.md` in step with this enum).
    pub const ALL: &[Code] = &[
        Code::E0001,
        Code::E0002,
        Code::E0003,
        Code::E0004,
        Code::E0005,
        Code::E0006,
        Code::E0010,
        Code::E0011,
        Code::E0012,
        Code::E0013,
        Code::E0014,
        Code::E0015,
        Code::E0016,
        Code::E0020,
        Code::E0021,
        Code::E0030,
        Code::E0031,
        Code::E0040,
        Code::E0041,
        Code::E0042,
        Code::E0043,
        Code::E0044,
        Code::E0045,
        Code::E0046,
        Code::E0047,
        Code::E0050,
        Code::E0051,
        Code::E0052,
        Code::E0053,
        Code::E0054,
        Code::E0060,
        Code::E0061,
        Code::E0062,
        Code::E0063,
        Code::E0070,
        Code::E0071,
        Code::E0072,
        Code::E0073,
        Code::E0074,
        Code::E0075,
        Code::E0080,
        Code::W0001,
        Code::W0002,
        Code::W0003,
    ];

    pub fn severity(self) -> Severity {
        if format!("{self:?}").starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The pipeline stage that reports this code.
    pub fn stage(self) -> Stage {
        match self {
            Code::E0070 | Code::E0071 | Code::E0072 | Code::E0073 | Code::E0074 | Code::E0075 => {
                Stage::Layout
            }
            Code::E0080 => Stage::Generate,
            _ => Stage::Check,
        }
    }
}

/// Where in the pipeline a diagnostic comes from: tests pick the command that
/// provokes a code by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading, parsing and checking `.zng` files (`zngc check`).
    Check,
    /// Comparing layouts with rustc's (`zngc layout`); needs a crate.
    Layout,
    /// Lowering a checked spec to code (`zngc generate`).
    Generate,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A span with a message pointing at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One error or warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    /// Where the problem is. `None` only for problems outside any file, such
    /// as an input path that does not exist.
    pub primary: Option<Label>,
    /// Other places that explain the problem ("first declared here").
    pub secondary: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic pointing at `span`, labelled with `label`.
    pub fn new(
        code: Code,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            primary: Some(Label {
                span,
                message: label.into(),
            }),
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    /// A diagnostic about no place in any file.
    pub fn without_span(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

/// True if any diagnostic is an error (warnings alone do not fail a run).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity() == Severity::Error)
}

/// "did you mean `x`?" for the closest candidate, if any is close enough.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, case-insensitive (so `debug` suggests `Debug`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageFormat {
    /// ariadne reports; `color` adds ANSI colours.
    Human { color: bool },
    /// One JSON object per line.
    Json,
}

/// Writes every diagnostic to `out` in the given format.
pub fn emit(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    format: MessageFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    for diagnostic in diagnostics {
        match format {
            MessageFormat::Human { color } => render_human(diagnostic, sources, color, out)?,
            MessageFormat::Json => {
                let json = serde_json::to_string(&to_json(diagnostic, sources))
                    .map_err(io::Error::other)?;
                writeln!(out, "{json}")?;
            }
        }
    }
    Ok(())
}

/// Renders one diagnostic as text, without colour (for snapshots and for
/// cargo's build-script output).
pub fn render_plain(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = render_human(diagnostic, sources, false, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

type FileKey = String;

fn render_human(
    diagnostic: &Diagnostic,
    sources: &SourceMap,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let kind = match diagnostic.severity() {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let Some(primary) = &diagnostic.primary else {
        writeln!(out, "[{}] {kind}: {}", diagnostic.code, diagnostic.message)?;
        if let Some(help) = &diagnostic.help {
            writeln!(out, "  Help: {help}")?;
        }
        for note in &diagnostic.notes {
            writeln!(out, "  Note: {note}")?;
        }
        return Ok(());
    };
    let key = |span: Span| -> (FileKey, std::ops::Range<usize>) {
        let file = sources.get(span.file);
        let len = file.text.len();
        let start = span.range().start.min(len);
        let end = span.range().end.clamp(start, len);
        (file_name(sources, span), start..end)
    };
    let mut report = Report::build(kind, key(primary.span))
        .with_config(
            Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte),
        )
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message);
    for label in labels_in_display_order(diagnostic, primary) {
        report = report.with_label(AriadneLabel::new(key(label.span)).with_message(&label.message));
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_help(help);
    }
    for note in &diagnostic.notes {
        report = report.with_note(note);
    }
    let files = std::iter::once(primary.span)
        .chain(diagnostic.secondary.iter().map(|l| l.span))
        .map(|span| {
            (
                file_name(sources, span),
                sources.get(span.file).text.clone(),
            )
        });
    report.finish().write(ariadne::sources(files), out)
}

/// The primary and secondary labels, ordered so that ariadne shows each
/// file once: the primary's file first, then the others in order of first
/// mention, and within a file by position.
///
/// ariadne starts a new source group whenever a label lies on an earlier line
/// than the one before it, and heads every group of the primary's file with
/// the primary's line and column — so an unordered "first declared here"
/// above the primary would be shown under a header naming the wrong line.
/// Ordered by end (then start), the labels' lines never go back, so each file
/// is one group and its header is right.
fn labels_in_display_order<'a>(diagnostic: &'a Diagnostic, primary: &'a Label) -> Vec<&'a Label> {
    let mut labels: Vec<&Label> = std::iter::once(primary)
        .chain(&diagnostic.secondary)
        .collect();
    let mut files = Vec::new();
    for label in &labels {
        if !files.contains(&label.span.file) {
            files.push(label.span.file);
        }
    }
    let file_rank = |label: &Label| files.iter().position(|&f| f == label.span.file);
    labels.sort_by_key(|label| (file_rank(label), label.span.end, label.span.start));
    labels
}

fn file_name(sources: &SourceMap, span: Span) -> String {
    sources.get(span.file).path.display().to_string()
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: Code,
    severity: Severity,
    message: &'a str,
    file: Option<String>,
    /// Byte range `[start, end)` in the file.
    byte_range: Option<[usize; 2]>,
    /// 1-based line and column of the start.
    line: Option<usize>,
    column: Option<usize>,
    label: Option<&'a str>,
    help: Option<&'a str>,
    notes: &'a [String],
}

fn to_json<'a>(d: &'a Diagnostic, sources: &SourceMap) -> JsonDiagnostic<'a> {
    let place = d.primary.as_ref().map(|label| {
        let file = sources.get(label.span.file);
        let (line, column) = file.line_col(label.span.range().start);
        (
            file.path.display().to_string(),
            label.span.range(),
            line,
            column,
        )
    });
    JsonDiagnostic {
        code: d.code,
        severity: d.severity(),
        message: &d.message,
        file: place.as_ref().map(|p| p.0.clone()),
        byte_range: place.as_ref().map(|p| [p.1.start, p.1.end]),
        line: place.as_ref().map(|p| p.2),
        column: place.as_ref().map(|p| p.3),
        label: d.primary.as_ref().map(|l| l.message.as_str()),
        help: d.help.as_deref(),
        notes: &d.notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True for the last variant of [`Code`]. The match has no wildcard arm,
    /// so adding a variant does not compile until it is placed here — the
    /// reminder to add it to [`Code::ALL`] as well.
    fn is_last_code(code: Code) -> bool {
        match code {
            Code::W0003 => true,
            Code::E0001
            | Code::E0002
            | Code::E0003
            | Code::E0004
            | Code::E0005
            | Code::E0006
            | Code::E0010
            | Code::E0011
            | Code::E0012
            | Code::E0013
            | Code::E0014
            | Code::E0015
            | Code::E0016
            | Code::E0020
            | Code::E0021
            | Code::E0030
            | Code::E0031
            | Code::E0040
            | Code::E0041
            | Code::E0042
            | Code::E0043
            | Code::E0044
            | Code::E0045
            | Code::E0046
            | Code::E0047
            | Code::E0050
            | Code::E0051
            | Code::E0052
            | Code::E0053
            | Code::E0054
            | Code::E0060
            | Code::E0061
            | Code::E0062
            | Code::E0063
            | Code::E0070
            | Code::E0071
            | Code::E0072
            | Code::E0073
            | Code::E0074
            | Code::E0075
            | Code::E0080
            | Code::W0001
            | Code::W0002 => false,
        }
    }

    #[test]
    fn all_lists_every_code_in_declaration_order() {
        // Discriminants count variants in declaration order, so `ALL` lists
        // each variant exactly once iff entry `i` has discriminant `i` and the
        // last entry is the last variant.
        for (i, &code) in Code::ALL.iter().enumerate() {
            assert_eq!(code as usize, i, "{code} is out of place in Code::ALL");
        }
        assert!(Code::ALL.last().is_some_and(|&code| is_last_code(code)));
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["layout", "layout_conservative", "heap_allocated"];
        assert_eq!(did_you_mean("layuot", names), Some("layout"));
        assert_eq!(did_you_mean("heap_allocate", names), Some("heap_allocated"));
        assert_eq!(did_you_mean("frobnicate", names), None);
        assert_eq!(did_you_mean("debug", ["Debug", "Copy"]), Some("Debug"));
    }

    #[test]
    fn renders_code_file_line_column_and_help() {
        let mut sources = SourceMap::new();
        let file = sources.add(
            "main.zng".into(),
            "type A {\n  #layuot(size = 1, align = 1);\n}\n".into(),
        );
        let d = Diagnostic::new(
            Code::E0011,
            "unknown directive `#layuot`",
            Span::new(file, 11..18),
            "not a directive",
        )
        .with_help("did you mean `#layout`?");
        let text = render_plain(&d, &sources);
        assert!(
            text.contains("[E0011] Error: unknown directive `#layuot`"),
            "{text}"
        );
        assert!(text.contains("main.zng:2:3"), "{text}");
        assert!(text.contains("Help: did you mean `#layout`?"), "{text}");
    }

    #[test]
    fn labels_of_one_file_are_one_group_headed_by_the_primary() {
        let mut sources = SourceMap::new();
        let text = "type A {}\ntype B {}\ntype A {}\n";
        let file = sources.add("main.zng".into(), text.into());
        let d = Diagnostic::new(Code::E0060, "twice", Span::new(file, 20..29), "again here")
            .with_label(Span::new(file, 0..9), "first here");
        let text = render_plain(&d, &sources);
        assert_eq!(text.matches("main.zng:").count(), 1, "{text}");
        assert!(text.contains("main.zng:3:1"), "{text}");
        let first = text.find("first here").expect("secondary label shown");
        let again = text.find("again here").expect("primary label shown");
        assert!(first < again, "labels in source order:\n{text}");
    }

    #[test]
    fn labels_in_other_files_follow_the_primary_file() {
        let mut sources = SourceMap::new();
        let main = sources.add("main.zng".into(), "type A {}\ntype A {}\n".into());
        let other = sources.add("other.zng".into(), "\n\ntype A {}\n".into());
        let d = Diagnostic::new(Code::E0060, "twice", Span::new(main, 10..19), "here")
            .with_label(Span::new(other, 2..11), "in other")
            .with_label(Span::new(main, 0..9), "in main");
        let text = render_plain(&d, &sources);
        let main_at = text.find("main.zng:2:1").expect("primary file header");
        let other_at = text.find("other.zng:3:1").expect("other file header");
        assert!(main_at < other_at, "{text}");
        assert_eq!(text.matches("main.zng:").count(), 1, "{text}");
    }

    #[test]
    fn json_has_position() {
        let mut sources = SourceMap::new();
        let file = sources.add("m.zng".into(), "a\nbc".into());
        let d = Diagnostic::new(Code::E0010, "m", Span::new(file, 3..4), "l");
        let mut out = Vec::new();
        emit(&[d], &sources, MessageFormat::Json, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["code"], "E0010");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["line"], 2);
        assert_eq!(v["column"], 2);
        assert_eq!(v["byte_range"], serde_json::json!([3, 4]));
    }
}
