//! Declared against measured: the table rows, the diagnostics and the
//! `--fix` edits.

use super::fix::{self, Edit};
use super::probe::Measured;
use super::subjects::{Declared, Skipped, Subject};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceMap, Span};

/// One line of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The type, or `Type.field` for a field offset.
    pub item: String,
    pub declared: String,
    pub real: String,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    /// Wrong; an error unless fixed.
    Mismatch,
    /// No layout policy; an error unless fixed.
    Missing,
    /// Rewritten by `--fix`.
    Fixed,
    Skipped(&'static str),
}

impl Status {
    pub fn text(&self) -> String {
        match self {
            Status::Ok => "ok".into(),
            Status::Mismatch => "MISMATCH".into(),
            Status::Missing => "MISSING".into(),
            Status::Fixed => "fixed".into(),
            Status::Skipped(why) => format!("skipped ({why})"),
        }
    }
}

pub struct Comparison {
    pub rows: Vec<Row>,
    /// One per wrong or missing number.
    pub problems: Vec<Diagnostic>,
    pub edits: Vec<Edit>,
}

/// Compares every subject with its measurement. `fixing` marks the rows of
/// problems that get an edit as fixed.
pub fn compare(
    sources: &SourceMap,
    subjects: &[Subject],
    measured: &[Measured],
    skipped: &[Skipped],
    target: &str,
    fixing: bool,
) -> Comparison {
    let mut out = Comparison {
        rows: Vec::new(),
        problems: Vec::new(),
        edits: Vec::new(),
    };
    for (subject, real) in subjects.iter().zip(measured) {
        compare_layout(&mut out, sources, subject, real, target, fixing);
        for (field, &offset) in subject.fields.iter().zip(&real.offsets) {
            let item = format!("{}.{}", subject.rust, field.name);
            let ok = field.offset.node == offset;
            if !ok {
                out.edits.push(Edit {
                    span: field.offset.span,
                    text: offset.to_string(),
                });
                out.problems.push(
                    Diagnostic::new(
                        Code::E0070,
                        format!(
                            "declared offset {} of field `{}`, rustc reports {offset}",
                            field.offset.node, field.name
                        ),
                        field.offset.span,
                        format!("rustc puts `{item}` at offset {offset} on {target}"),
                    )
                    .with_help(format!(
                        "write `offset = {offset}` (or `offset = auto`), or run `zngc layout --fix`"
                    )),
                );
            }
            out.rows.push(Row {
                item,
                declared: format!("offset {}", field.offset.node),
                real: format!("offset {offset}"),
                status: status(ok, Status::Mismatch, fixing),
            });
        }
    }
    out.rows.extend(skipped.iter().map(|s| Row {
        item: s.rust.clone(),
        declared: "-".into(),
        real: "-".into(),
        status: Status::Skipped(s.reason),
    }));
    out
}

fn status(ok: bool, problem: Status, fixing: bool) -> Status {
    match (ok, fixing) {
        (true, _) => Status::Ok,
        (false, true) => Status::Fixed,
        (false, false) => problem,
    }
}

fn size_align(size: u64, align: u64) -> String {
    format!("size {size}, align {align}")
}

fn compare_layout(
    out: &mut Comparison,
    sources: &SourceMap,
    subject: &Subject,
    real: &Measured,
    target: &str,
    fixing: bool,
) {
    let ty = &subject.rust;
    let real_text = size_align(real.size, real.align);
    let layout_line = format!("#layout(size = {}, align = {});", real.size, real.align);
    let (declared, ok, problem) = match subject.declared {
        Declared::Exact { size, align, span } => {
            let wrong = [
                (size != real.size, "size", size, real.size),
                (align != real.align, "align", align, real.align),
            ];
            let ok = !wrong.iter().any(|w| w.0);
            if !ok {
                let message = wrong
                    .iter()
                    .filter(|w| w.0)
                    .map(|&(_, what, declared, real)| {
                        format!("declared {what} {declared}, rustc reports {real}")
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                out.problems.push(
                    Diagnostic::new(
                        Code::E0070,
                        message,
                        span,
                        format!("rustc reports {real_text} for `{ty}` on {target}"),
                    )
                    .with_help(format!("write `{layout_line}`, or run `zngc layout --fix`")),
                );
                push_number_edits(out, sources, span, real.size, real.align);
            }
            (size_align(size, align), ok, Status::Mismatch)
        }
        Declared::Conservative { size, align, span } => {
            let ok = real.size <= size && real.align <= align;
            if !ok {
                out.problems.push(
                    Diagnostic::new(
                        Code::E0070,
                        format!(
                            "declared at most size {size}, align {align}; rustc reports {real_text}"
                        ),
                        span,
                        format!("too small for `{ty}` on {target}"),
                    )
                    .with_help(format!(
                        "`#layout_conservative` must be at least the real layout: write \
                         `#layout_conservative(size = {}, align = {});` or more, or run \
                         `zngc layout --fix`",
                        size.max(real.size),
                        align.max(real.align)
                    )),
                );
                push_number_edits(
                    out,
                    sources,
                    span,
                    size.max(real.size),
                    align.max(real.align),
                );
            }
            (
                format!("size <= {size}, align <= {align}"),
                ok,
                Status::Mismatch,
            )
        }
        Declared::Missing { .. } => {
            out.problems.push(
                Diagnostic::new(
                    Code::E0050,
                    format!("`{ty}` has no layout policy"),
                    subject.ty_span,
                    format!("rustc reports {real_text} on {target}"),
                )
                .with_help(format!(
                    "add `{layout_line}` to the type, or run `zngc layout --fix`"
                )),
            );
            out.edits.extend(fix::insert_first_line(
                sources,
                subject.ty_span,
                &layout_line,
            ));
            ("none".into(), false, Status::Missing)
        }
    };
    out.rows.push(Row {
        item: ty.clone(),
        declared,
        real: real_text,
        status: status(ok, problem, fixing),
    });
}

/// Edits setting the numbers of the directive at `directive`.
fn push_number_edits(
    out: &mut Comparison,
    sources: &SourceMap,
    directive: Span,
    size: u64,
    align: u64,
) {
    if let Some((size_span, align_span)) = fix::layout_numbers(sources, directive) {
        for (span, value) in [(size_span, size), (align_span, align)] {
            let written = sources.get(span.file).text.get(span.range());
            if written != Some(value.to_string().as_str()) {
                out.edits.push(Edit {
                    span,
                    text: value.to_string(),
                });
            }
        }
    }
}

/// The table as text, one row per line, columns aligned.
pub fn render_table(rows: &[Row]) -> String {
    let header = Row {
        item: "type".into(),
        declared: "declared".into(),
        real: "real".into(),
        status: Status::Ok,
    };
    let all: Vec<[String; 4]> = std::iter::once(&header)
        .chain(rows)
        .enumerate()
        .map(|(i, r)| {
            let status = if i == 0 {
                "status".into()
            } else {
                r.status.text()
            };
            [r.item.clone(), r.declared.clone(), r.real.clone(), status]
        })
        .collect();
    let mut widths = [0usize; 4];
    for row in &all {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &all {
        let line = row
            .iter()
            .zip(widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect::<Vec<_>>()
            .join("  ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
