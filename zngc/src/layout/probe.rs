//! The probe: a Rust module, put in place of the generated module, that
//! holds every measured number in one exported static array of `u64`:
//! a two-word magic header, the probe's identity (a hash of what it
//! measures, so that a library built from another probe is never read by
//! mistake), the number of values, then per type its size, its alignment
//! and the offset of each checked field. The array is read
//! back from the compiled library ([`super::artifact`]), so nothing is run
//! and no compiler message is parsed.

use std::fmt::Write;
use std::ops::RangeInclusive;

use super::subjects::Subject;
use crate::emit::RustCode;
use crate::lower::names::rust_ident;
use crate::source::Span;

/// The exported name of the array.
pub const SYMBOL: &str = "ZNGC_LAYOUT_PROBE";
/// The first two words of the array ("zngc-lay", "out-prob" in ASCII).
pub const MAGIC: [u64; 2] = [0x7a6e_6763_2d6c_6179, 0x6f75_742d_7072_6f62];
/// Header words before the values: the magic, the identity and the count.
pub const HEADER: usize = 4;

/// The probe's text, and for each 1-based line that measures something,
/// the index of the subject it measures (to point rustc errors at the type).
pub struct Probe {
    pub text: String,
    /// The identity word of the header.
    pub id: u64,
    pub line_subjects: Vec<(usize, usize)>,
    /// The lines of the generated code after the measurements, with the
    /// `.zng` declaration each block comes from (see [`RustCode`]).
    pub line_origins: Vec<(RangeInclusive<usize>, Span)>,
}

impl Probe {
    /// The declaration whose generated code holds `line`: the innermost
    /// block (a method inside an impl block).
    pub fn origin_of(&self, line: usize) -> Option<Span> {
        self.line_origins
            .iter()
            .filter(|(lines, _)| lines.contains(&line))
            .min_by_key(|(lines, _)| lines.end() - lines.start())
            .map(|(_, span)| *span)
    }
}

/// Measurements of one subject, in [`Subject`] order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Measured {
    pub size: u64,
    pub align: u64,
    /// Offsets of `Subject::fields`, in order.
    pub offsets: Vec<u64>,
}

/// How many values the probe holds for `subjects`.
fn value_count(subjects: &[Subject]) -> usize {
    subjects.iter().map(|s| 2 + s.fields.len()).sum()
}

/// The probe for `subjects`, followed by the generated Rust `code` (which
/// the build then checks against the crate too).
pub fn generate(subjects: &[Subject], code: Option<RustCode>) -> Probe {
    let count = value_count(subjects);
    let id = {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for s in subjects {
            std::hash::Hash::hash(&s.rust, &mut hasher);
            for f in &s.fields {
                std::hash::Hash::hash(&f.name, &mut hasher);
            }
        }
        std::hash::Hasher::finish(&hasher)
    };
    let mut text = String::new();
    let mut line_subjects = Vec::new();
    let mut line = 1;
    let mut push = |text: &mut String, s: String, subject: Option<usize>| {
        if let Some(i) = subject {
            line_subjects.push((line, i));
        }
        text.push_str(&s);
        text.push('\n');
        line += 1;
    };
    push(
        &mut text,
        "// Written by `zngc layout` to measure layouts; never part of a real build.".into(),
        None,
    );
    push(&mut text, "#[used]".into(), None);
    push(&mut text, "#[unsafe(no_mangle)]".into(), None);
    push(
        &mut text,
        format!("static {SYMBOL}: [u64; {}] = [", HEADER + count),
        None,
    );
    push(
        &mut text,
        format!("    {:#x}, {:#x}, {id:#x}, {count},", MAGIC[0], MAGIC[1]),
        None,
    );
    for (i, s) in subjects.iter().enumerate() {
        let ty = &s.rust;
        push(&mut text, format!("    // {ty}"), None);
        push(
            &mut text,
            format!("    ::core::mem::size_of::<{ty}>() as u64,"),
            Some(i),
        );
        push(
            &mut text,
            format!("    ::core::mem::align_of::<{ty}>() as u64,"),
            Some(i),
        );
        for f in &s.fields {
            let mut value = String::new();
            let _ = write!(
                value,
                "    ::core::mem::offset_of!({ty}, {}) as u64,",
                rust_ident(&f.name)
            );
            push(&mut text, value, Some(i));
        }
    }
    push(&mut text, "];".into(), None);
    let mut line_origins = Vec::new();
    if let Some(code) = code {
        text.push_str(&code.text);
        line_origins = code
            .origins
            .into_iter()
            .map(|(lines, span)| (lines.start() + line - 1..=lines.end() + line - 1, span))
            .collect();
    }
    Probe {
        text,
        id,
        line_subjects,
        line_origins,
    }
}

/// Splits the values read from the artifact (after the header) into
/// per-subject measurements; `None` if their number does not fit.
pub fn decode(subjects: &[Subject], values: &[u64]) -> Option<Vec<Measured>> {
    if values.len() != value_count(subjects) {
        return None;
    }
    let mut rest = values;
    let mut out = Vec::with_capacity(subjects.len());
    for s in subjects {
        let (these, tail) = rest.split_at(2 + s.fields.len());
        rest = tail;
        let [size, align, offsets @ ..] = these else {
            return None;
        };
        out.push(Measured {
            size: *size,
            align: *align,
            offsets: offsets.to_vec(),
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::subjects::{Declared, FieldCheck};
    use crate::source::{FileId, Span, Spanned};

    fn subject(rust: &str, fields: &[&str]) -> Subject {
        let span = Span::new(FileId(0), 0..1);
        Subject {
            rust: rust.into(),
            ty_span: span,
            decl_span: span,
            declared: Declared::Missing { decl: span },
            fields: fields
                .iter()
                .map(|f| FieldCheck {
                    name: (*f).into(),
                    offset: Spanned::new(0, span),
                })
                .collect(),
        }
    }

    #[test]
    fn lines_name_their_subject_and_values_split_back() {
        let subjects = [subject("crate::A", &["x", "0"]), subject("u8", &[])];
        let probe = generate(&subjects, None);
        let lines: Vec<&str> = probe.text.lines().collect();
        for &(line, i) in &probe.line_subjects {
            assert!(lines[line - 1].contains(&subjects[i].rust), "{line}");
        }
        assert!(probe
            .text
            .contains("::core::mem::offset_of!(crate::A, 0) as u64,"));
        assert!(probe.text.contains(&format!("[u64; {}]", HEADER + 6)));
        let measured = decode(&subjects, &[8, 4, 0, 4, 1, 1]).expect("six values");
        assert_eq!(measured[0].offsets, [0, 4]);
        assert_eq!((measured[1].size, measured[1].align), (1, 1));
        assert_eq!(decode(&subjects, &[8, 4]), None);
    }

    #[test]
    fn code_follows_the_measurements_and_its_lines_name_their_declaration() {
        let method = Span::new(FileId(0), 3..4);
        let block = Span::new(FileId(0), 1..9);
        let code = RustCode {
            text: "// code\nimpl A {\n    fn a() {}\n}\n".into(),
            origins: vec![(2..=4, block), (3..=3, method)],
        };
        let probe = generate(&[subject("u8", &[])], Some(code));
        let lines: Vec<&str> = probe.text.lines().collect();
        let line = 1 + lines.iter().position(|l| *l == "    fn a() {}").unwrap();
        assert_eq!(probe.origin_of(line), Some(method));
        assert_eq!(probe.origin_of(line + 1), Some(block));
        assert_eq!(probe.origin_of(line - 2), None);
    }

    #[test]
    fn the_identity_depends_on_what_is_measured() {
        let a = generate(&[subject("crate::A", &[])], None);
        let b = generate(&[subject("crate::B", &[])], None);
        assert_ne!(a.id, b.id);
    }
}
