//! Keeps `spec.md`, `grammar/zng.ebnf` and the compiler's own lists of
//! words and error codes in step, so that none of them can change alone.

mod support;

use std::collections::BTreeSet;

use zngc::diagnostics::Code;
use zngc::syntax::ast::{Primitive, WellknownTrait};
use zngc::syntax::{CONTEXTUAL_KEYWORDS, DIRECTIVES, RESERVED_KEYWORDS};

fn read(path: &str) -> String {
    let path = support::repo_root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The contents of every ```ebnf fenced block of `markdown`.
fn ebnf_blocks(markdown: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("\n```ebnf\n") {
        let body = &rest[start + "\n```ebnf\n".len()..];
        let end = body.find("\n```\n").map_or(body.len(), |end| end + 1);
        blocks.push(&body[..end]);
        rest = &body[end..];
    }
    blocks
}

#[test]
fn spec_grammar_is_the_grammar_file() {
    let spec = read("spec.md");
    let grammar = read("grammar/zng.ebnf");
    let blocks = ebnf_blocks(&spec);
    assert_eq!(
        blocks.len(),
        1,
        "spec.md must hold exactly one ```ebnf block"
    );
    pretty_assertions::assert_eq!(
        blocks[0],
        grammar,
        "the ```ebnf block of spec.md differs from grammar/zng.ebnf"
    );
}

/// The code named by a `### CODE` heading line, if the line is one.
fn code_heading(line: &str) -> Option<&str> {
    let title = line.strip_prefix("### ")?;
    let word = title.split_whitespace().next()?;
    let code_shaped = word.len() == 5
        && word.starts_with(['E', 'W'])
        && word[1..].bytes().all(|b| b.is_ascii_digit());
    code_shaped.then_some(title)
}

/// `(heading, section text)` for every `### CODE` section of `spec`.
fn code_sections(spec: &str) -> Vec<(&str, String)> {
    let mut sections: Vec<(&str, String)> = Vec::new();
    let mut current: Option<(&str, String)> = None;
    let mut in_fence = false;
    for line in spec.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with('#') {
            sections.extend(current.take());
            current = code_heading(line).map(|code| (code, String::new()));
        } else if let Some((_, text)) = &mut current {
            text.push_str(line);
            text.push('\n');
        }
    }
    sections.extend(current);
    sections
}

#[test]
fn every_code_has_one_section_and_every_section_names_a_code() {
    let spec = read("spec.md");
    let sections = code_sections(&spec);
    let headings: Vec<&str> = sections.iter().map(|(code, _)| *code).collect();
    let codes: Vec<String> = Code::ALL.iter().map(Code::to_string).collect();

    for code in &codes {
        let count = headings.iter().filter(|h| *h == code).count();
        assert_eq!(count, 1, "spec.md needs exactly one `### {code}` section");
    }
    for heading in &headings {
        assert!(
            codes.iter().any(|c| c == heading),
            "`### {heading}` in spec.md: the heading must be a code alone, and the code must exist in diagnostics.rs"
        );
    }
    for (code, text) in &sections {
        assert!(
            text.contains("```zng\n"),
            "`### {code}` needs a ```zng example"
        );
        assert!(
            text.contains("\nFix: "),
            "`### {code}` needs a `Fix: ` paragraph"
        );
    }
}

/// The terminals of an EBNF text: the contents of its quoted strings,
/// outside comments and character classes.
fn ebnf_terminals(ebnf: &str) -> BTreeSet<&str> {
    let mut terminals = BTreeSet::new();
    let mut rest = ebnf;
    while let Some(c) = rest.chars().next() {
        let closing = match c {
            '"' => "\"",
            '\'' => "'",
            '[' => "]",
            '/' if rest.starts_with("/*") => "*/",
            _ => {
                rest = &rest[c.len_utf8()..];
                continue;
            }
        };
        let body = &rest[1..];
        let end = body.find(closing).unwrap_or(body.len());
        if c == '"' || c == '\'' {
            terminals.insert(&body[..end]);
        }
        rest = body.get(end + closing.len()..).unwrap_or("");
    }
    terminals
}

#[test]
fn every_keyword_and_directive_is_in_the_grammar() {
    let grammar = read("grammar/zng.ebnf");
    let terminals = ebnf_terminals(&grammar);
    for word in RESERVED_KEYWORDS
        .iter()
        .chain(CONTEXTUAL_KEYWORDS)
        .chain(DIRECTIVES)
    {
        assert!(
            terminals.contains(word),
            "`{word}` is a keyword or directive of zngc but no terminal of grammar/zng.ebnf"
        );
    }
}

#[test]
fn every_word_of_the_grammar_is_a_known_word() {
    // Names the grammar spells out that have no list of their own in the
    // compiler: layout properties and `#unstable` features.
    const OTHER_WORDS: &[&str] = &["size", "align", "cfg_if", "cfg_match"];
    let known: BTreeSet<&str> = RESERVED_KEYWORDS
        .iter()
        .chain(CONTEXTUAL_KEYWORDS)
        .chain(DIRECTIVES)
        .chain(OTHER_WORDS)
        .copied()
        .chain(Primitive::ALL.iter().map(|(name, _)| *name))
        .chain(
            WellknownTrait::ALL
                .iter()
                .map(|(name, _)| name.trim_start_matches('?')),
        )
        .collect();
    let grammar = read("grammar/zng.ebnf");
    for terminal in ebnf_terminals(&grammar) {
        let is_word = terminal.chars().any(|c| c.is_ascii_alphabetic())
            && terminal
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        assert!(
            !is_word || known.contains(terminal),
            "grammar/zng.ebnf has the word \"{terminal}\", which zngc does not know"
        );
    }
}

#[test]
fn terminals_skip_comments_and_classes() {
    let terminals = ebnf_terminals("A ::= \"a\" /* \"b\" */ [^\"] '\"c\"' 'd'");
    let expected: BTreeSet<&str> = ["a", "\"c\"", "d"].into();
    assert_eq!(terminals, expected);
}
