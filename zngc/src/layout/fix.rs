//! `--fix`: byte edits at the spans of wrong numbers, and insertion of a
//! missing `#layout(…);` as the first line of a type body. Nothing else in
//! the file changes, comments and formatting included.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::{Conditional, Item, LayoutDirective, TypeItem};

/// Replace the bytes at `span` (empty for an insertion) with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// The spans of the size and alignment numbers of the layout directive
/// written at `directive` (found by parsing its file again: the checked
/// spec keeps only the directive's span).
pub fn layout_numbers(sources: &SourceMap, directive: Span) -> Option<(Span, Span)> {
    let (file, _) = crate::syntax::parse(directive.file, &sources.get(directive.file).text);
    let mut found = None;
    visit_items(&file.items, &mut |d| {
        if d.span == directive {
            found = Some((d.size.span, d.align.span));
        }
    });
    found
}

fn visit_items(items: &[Item], f: &mut dyn FnMut(&LayoutDirective)) {
    for item in items {
        match item {
            Item::Type(t) => visit_type_items(&t.items, f),
            Item::Mod(m) => visit_items(&m.items, f),
            Item::Conditional(c) => {
                for branch in conditional_branches(c) {
                    visit_items(branch, f);
                }
            }
            _ => {}
        }
    }
}

fn visit_type_items(items: &[TypeItem], f: &mut dyn FnMut(&LayoutDirective)) {
    for item in items {
        match item {
            TypeItem::Layout(d) => f(d),
            TypeItem::Conditional(c) => {
                for branch in conditional_branches(c) {
                    visit_type_items(branch, f);
                }
            }
            _ => {}
        }
    }
}

fn conditional_branches<T>(c: &Conditional<T>) -> Vec<&[T]> {
    match c {
        Conditional::If(i) => i
            .branches
            .iter()
            .map(|b| b.items.as_slice())
            .chain(i.else_items.as_deref())
            .collect(),
        Conditional::Match(m) => m.arms.iter().map(|a| a.items.as_slice()).collect(),
    }
}

/// Inserts `line` as the first line of the body of the type whose name is
/// at `ty`, indented like the body (or one level deeper than the type).
pub fn insert_first_line(sources: &SourceMap, ty: Span, line: &str) -> Option<Edit> {
    let text = sources.get(ty.file).text.as_str();
    let brace = find_open_brace(text, ty.range().end)?;
    let type_indent = indentation(text, line_start(text, ty.range().start));
    let line_end = text[brace..].find('\n').map_or(text.len(), |i| brace + i);
    let after_brace = text[brace + 1..line_end].trim();
    let (at, inserted) = if after_brace.is_empty() || after_brace.starts_with("//") {
        // The body starts on the next line: insert a line before its first.
        let next = (line_end + 1).min(text.len());
        let mut first_item = None;
        let mut start = next;
        for l in text[next..].split_inclusive('\n') {
            if !l.trim().is_empty() {
                first_item = Some((l, start));
                break;
            }
            start += l.len();
        }
        let indent = match first_item {
            Some((l, start)) if !l.trim_start().starts_with('}') => indentation(text, start),
            _ => format!("{type_indent}    "),
        };
        let newline = if next == text.len() && !text.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        (next, format!("{newline}{indent}{line}\n"))
    } else {
        let indent = format!("{type_indent}    ");
        let close = if after_brace.starts_with('}') {
            format!("\n{type_indent}")
        } else {
            String::new()
        };
        (brace + 1, format!("\n{indent}{line}{close}"))
    };
    Some(Edit {
        span: Span::new(ty.file, at..at),
        text: inserted,
    })
}

/// The `{` that opens the body after `from`, skipping whitespace and
/// line comments (the only comments `.zng` has).
fn find_open_brace(text: &str, from: usize) -> Option<usize> {
    let mut i = from;
    let bytes = text.as_bytes();
    loop {
        let rest = text.get(i..)?;
        if rest.starts_with("//") {
            i += rest.find('\n')?;
        } else {
            match bytes.get(i)? {
                b'{' => return Some(i),
                c if c.is_ascii_whitespace() => i += 1,
                _ => return None,
            }
        }
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

fn indentation(text: &str, line_start: usize) -> String {
    text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// Applies `edits`; the new text of every file that changes. Overlapping
/// edits (which the layout check never makes) keep the first.
pub fn apply(sources: &SourceMap, edits: &[Edit]) -> Vec<(FileId, PathBuf, String)> {
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for edit in edits {
        by_file.entry(edit.span.file).or_default().push(edit);
    }
    let mut changed = Vec::new();
    for (file, mut edits) in by_file {
        let source = sources.get(file);
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let mut out = String::with_capacity(source.text.len());
        let mut pos = 0;
        for edit in edits {
            let range = edit.span.range();
            let (Some(kept), true) = (
                source.text.get(pos..range.start),
                range.end <= source.text.len(),
            ) else {
                continue;
            };
            out.push_str(kept);
            out.push_str(&edit.text);
            pos = range.end;
        }
        out.push_str(source.text.get(pos..).unwrap_or_default());
        if out != source.text {
            changed.push((file, source.path.clone(), out));
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inserts a layout into the first type of `text`, as `--fix` does.
    fn insert(text: &str) -> String {
        let mut sources = SourceMap::new();
        let file = sources.add("t.zng".into(), text.to_owned());
        let name_start = text.find("crate::").expect("a type name");
        let name_end = name_start + text[name_start..].find([' ', '{']).expect("name ends");
        let edit = insert_first_line(
            &sources,
            Span::new(file, name_start..name_end),
            "#layout(size = 8, align = 4);",
        )
        .expect("a body to insert into");
        apply(&sources, &[edit])
            .pop()
            .map(|(_, _, new)| new)
            .expect("the file changes")
    }

    #[test]
    fn inserts_with_the_body_indentation() {
        assert_eq!(
            insert("mod x {\n  type crate::A { // note\n      fn f(&self);\n  }\n}\n"),
            "mod x {\n  type crate::A { // note\n      #layout(size = 8, align = 4);\n      fn f(&self);\n  }\n}\n"
        );
    }

    #[test]
    fn inserts_into_empty_and_one_line_bodies() {
        assert_eq!(
            insert("type crate::A {\n}\n"),
            "type crate::A {\n    #layout(size = 8, align = 4);\n}\n"
        );
        assert_eq!(
            insert("type crate::A {}"),
            "type crate::A {\n    #layout(size = 8, align = 4);\n}"
        );
        assert_eq!(
            insert("type crate::A { fn f(&self); }\n"),
            "type crate::A {\n    #layout(size = 8, align = 4); fn f(&self); }\n"
        );
    }

    #[test]
    fn finds_the_numbers_of_a_directive_in_a_branch() {
        let text = "type crate::A {\n    #if cfg!(unix) {\n        #layout(size = 16, align = 8);\n    }\n}\n";
        let mut sources = SourceMap::new();
        let file = sources.add("t.zng".into(), text.to_owned());
        let start = text.find("#layout").expect("a directive");
        let end = start + text[start..].find(';').expect("the end") + 1;
        let (size, align) =
            layout_numbers(&sources, Span::new(file, start..end)).expect("the directive");
        assert_eq!(&text[size.range()], "16");
        assert_eq!(&text[align.range()], "8");
    }
}
