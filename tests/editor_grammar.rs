//! The TextMate grammar `grammar/zng.tmLanguage.json` against the parser's
//! own word lists: every reserved and contextual keyword, directive,
//! primitive type and well-known trait that `zngc::syntax` accepts must get a
//! fitting scope, so a word added to the parser without the grammar fails
//! here. Their raw identifiers (`r#type`) must be names, never keywords.
//!
//! The grammar's regexes run in a small single-line TextMate tokenizer
//! (match and begin/end rules, captures, includes, `$n` in scope names) on
//! fancy-regex, which has the lookarounds the grammar uses. The real engine
//! (vscode-textmate) checks whole files in `grammar/test.sh`.

// Only `repo_root` of the shared helpers is used here.
mod support;

use std::collections::HashMap;

use fancy_regex::Regex;
use serde_json::Value;
use zngc::source::FileId;
use zngc::syntax::ast::{Primitive, WellknownTrait};
use zngc::syntax::{CONTEXTUAL_KEYWORDS, DIRECTIVES, RESERVED_KEYWORDS};

type Captures<'t> = fancy_regex::Captures<'t, str>;

/// Places where a word of the language stands; `WORD` marks the word. A word
/// passes if, in at least one of them, it gets a fitting scope.
const CONTEXTS: &[&str] = &[
    "WORD",
    "WORD;",
    "WORD \"./other.zng\";",
    "WORD fn f();",
    "WORD(x)",
    "WORD!(feature)",
    "fn f(WORD);",
    "fn f(&self) -> u8 WORD u8;",
    "WORD x (offset = 0, type = u8);",
    "field x (WORD = 0, type = u8);",
    "field x (offset = WORD, type = u8);",
    "type WORD<u8> {",
    "type Box<dyn WORD(u8) -> u8> {",
    "wellknown_traits(WORD);",
    "#match cfg!(feature) { WORD => {} }",
];

/// Name positions, with the scope prefixes a name gets there (`WORD` marks
/// the name): a raw identifier must get one of them.
const NAME_CONTEXTS: &[(&str, &[&str])] = &[
    ("fn WORD();", &["entity.name.function."]),
    ("constructor WORD;", &["variable.other.enummember."]),
    ("constructor { WORD: u8 };", &["variable.other.property."]),
    ("field WORD (type = u8);", &["variable.other.property."]),
    // Capitalized segments are types wherever they stand.
    (
        "fn f() -> crate::WORD::X;",
        &["entity.name.namespace.", "entity.name.type."],
    ),
    ("fn f(WORD);", &["entity.name.type.", "variable.other."]),
];

/// Scope prefixes of keywords and builtins, which a raw identifier never gets.
const NOT_A_NAME: &[&str] = &[
    "keyword.",
    "storage.",
    "support.",
    "constant.language.",
    "variable.language.",
    "invalid.",
    "meta.preprocessor.",
];

/// One kind of word, the words the parser accepts, and the scope prefixes
/// that fit it.
struct WordClass {
    what: &'static str,
    words: Vec<String>,
    fitting: &'static [&'static str],
}

fn word_classes() -> Vec<WordClass> {
    let owned = |words: &[&str]| words.iter().map(|w| w.to_string()).collect();
    vec![
        WordClass {
            what: "reserved keyword",
            words: owned(RESERVED_KEYWORDS),
            fitting: &["keyword.", "storage.", "variable.language."],
        },
        WordClass {
            what: "contextual keyword",
            words: owned(CONTEXTUAL_KEYWORDS),
            fitting: &[
                "keyword.",
                "storage.",
                "support.",
                "constant.language.",
                "variable.language.",
            ],
        },
        WordClass {
            what: "directive",
            words: DIRECTIVES.iter().map(|d| format!("#{d}")).collect(),
            fitting: &["keyword.control.directive."],
        },
        WordClass {
            what: "primitive type",
            words: owned(&Primitive::ALL.map(|(name, _)| name)),
            fitting: &["support.type.primitive."],
        },
        WordClass {
            what: "well-known trait",
            words: owned(&WellknownTrait::ALL.map(|(name, _)| name)),
            fitting: &["support.type."],
        },
    ]
}

/// A scope over a byte range of the tokenized line.
#[derive(Debug)]
struct ScopeSpan {
    start: usize,
    end: usize,
    scope: String,
}

/// A begin/end rule that has begun and not yet ended.
struct Frame<'g> {
    rule: &'g Value,
    end: Regex,
    begin_start: usize,
    content_start: usize,
}

enum Choice<'g> {
    End,
    Rule(&'g Value),
}

struct Tokenizer {
    grammar: Value,
    regexes: HashMap<String, Regex>,
}

impl Tokenizer {
    fn load() -> Tokenizer {
        let path = support::repo_root().join("grammar/zng.tmLanguage.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let grammar: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let mut regexes = HashMap::new();
        collect_regexes(&grammar, &mut regexes);
        Tokenizer { grammar, regexes }
    }

    fn regex(&self, source: &str) -> &Regex {
        &self.regexes[source]
    }

    /// The match and begin/end rules of `patterns`, includes expanded in
    /// order, as the TextMate engine tries them.
    fn rules<'g>(&'g self, patterns: &'g Value, depth: usize, out: &mut Vec<&'g Value>) {
        assert!(depth < 32, "include cycle in the grammar");
        for pattern in patterns.as_array().into_iter().flatten() {
            match pattern.get("include").and_then(Value::as_str) {
                Some("$self" | "$base") => self.rules(&self.grammar["patterns"], depth + 1, out),
                Some(include) => {
                    let name = include.strip_prefix('#').unwrap_or(include);
                    let target = &self.grammar["repository"][name];
                    assert!(!target.is_null(), "include of unknown rule {include}");
                    if target.get("match").is_some() || target.get("begin").is_some() {
                        out.push(target);
                    } else {
                        self.rules(&target["patterns"], depth + 1, out);
                    }
                }
                None if pattern.get("match").is_some() || pattern.get("begin").is_some() => {
                    out.push(pattern)
                }
                None => self.rules(&pattern["patterns"], depth + 1, out),
            }
        }
    }

    /// Tokenizes one line, as the engine does (with the line's `\n`).
    fn tokenize(&self, line: &str) -> Vec<ScopeSpan> {
        let text = format!("{line}\n");
        let mut spans = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut pos = 0;
        for _ in 0..10_000 {
            let patterns = stack
                .last()
                .map_or(&self.grammar["patterns"], |frame| &frame.rule["patterns"]);
            let mut rules = Vec::new();
            self.rules(patterns, 0, &mut rules);

            // The earliest match wins; on a tie the end pattern, then the
            // first rule in order.
            let mut best: Option<(Choice, Captures)> = stack
                .last()
                .and_then(|frame| captures_from(&frame.end, &text, pos))
                .map(|caps| (Choice::End, caps));
            for rule in rules {
                let source = rule["match"].as_str().or(rule["begin"].as_str());
                let Some(caps) = source.and_then(|s| captures_from(self.regex(s), &text, pos))
                else {
                    continue;
                };
                if best.as_ref().is_none_or(|(_, b)| start(&caps) < start(b)) {
                    best = Some((Choice::Rule(rule), caps));
                }
            }
            let Some((choice, caps)) = best else { break };
            let (m_start, m_end) = (start(&caps), caps.get(0).map_or(pos, |m| m.end()));
            match choice {
                Choice::End => {
                    let frame = stack.pop().expect("an end pattern belongs to a frame");
                    push_captures(&mut spans, &frame.rule["endCaptures"], &caps);
                    push_name(
                        &mut spans,
                        &frame.rule["contentName"],
                        frame.content_start,
                        m_start,
                        &caps,
                    );
                    push_name(
                        &mut spans,
                        &frame.rule["name"],
                        frame.begin_start,
                        m_end,
                        &caps,
                    );
                    pos = m_end;
                }
                Choice::Rule(rule) if rule.get("match").is_some() => {
                    push_name(&mut spans, &rule["name"], m_start, m_end, &caps);
                    push_captures(&mut spans, &rule["captures"], &caps);
                    // A zero-width match must not stop the line.
                    pos = if m_end > pos {
                        m_end
                    } else {
                        next_char(&text, pos)
                    };
                }
                Choice::Rule(rule) => {
                    push_captures(&mut spans, &rule["beginCaptures"], &caps);
                    let end = rule["end"].as_str().expect("a begin rule has an end");
                    stack.push(Frame {
                        rule,
                        end: self.regex(end).clone(),
                        begin_start: m_start,
                        content_start: m_end,
                    });
                    pos = m_end;
                }
            }
            if pos >= text.len() {
                break;
            }
        }
        // Rules still open at the end of the line cover the rest of it.
        while let Some(frame) = stack.pop() {
            let no_caps = None;
            push_name_text(
                &mut spans,
                &frame.rule["contentName"],
                frame.content_start,
                text.len(),
                no_caps,
            );
            push_name_text(
                &mut spans,
                &frame.rule["name"],
                frame.begin_start,
                text.len(),
                no_caps,
            );
        }
        spans
    }

    /// The scopes that `word`, standing in `context`, gets over its
    /// identifier part, from scopes that stay within the written word.
    fn scopes_of(&self, context: &str, word: &str) -> Vec<String> {
        let line = context.replace("WORD", word);
        let at = context.find("WORD").expect("every context has WORD");
        let written = at..at + word.len();
        let core_start = at + (word.len() - word.trim_start_matches(['#', '?']).len());
        self.tokenize(&line)
            .into_iter()
            .filter(|s| s.start >= written.start && s.end <= written.end)
            .filter(|s| s.start <= core_start && s.end >= written.end)
            .map(|s| s.scope)
            .collect()
    }

    /// Whether the raw identifier `word` (`r#type`), standing in `context`,
    /// is one token that gets a scope starting with one of `fitting` and
    /// none of [`NOT_A_NAME`]; otherwise, the scopes it got.
    fn check_name(&self, context: &str, word: &str, fitting: &[&str]) -> Result<(), String> {
        let line = context.replace("WORD", word);
        let at = context.find("WORD").expect("every context has WORD");
        let written = at..at + word.len();
        let spans: Vec<ScopeSpan> = self
            .tokenize(&line)
            .into_iter()
            .filter(|s| s.start < written.end && s.end > written.start)
            .collect();
        let whole = spans
            .iter()
            .all(|s| s.start <= written.start && s.end >= written.end);
        let fits = spans
            .iter()
            .any(|s| fitting.iter().any(|f| s.scope.starts_with(f)));
        let keyword = spans
            .iter()
            .any(|s| NOT_A_NAME.iter().any(|k| s.scope.starts_with(k)));
        if whole && fits && !keyword {
            return Ok(());
        }
        Err(format!("    {line:<45} {spans:?}"))
    }

    /// Whether `word` gets a scope starting with one of `fitting` in one of
    /// the [`CONTEXTS`]; otherwise, what it got in each.
    fn check(&self, word: &str, fitting: &[&str]) -> Result<(), String> {
        let mut seen = Vec::new();
        for context in CONTEXTS {
            let scopes = self.scopes_of(context, word);
            if scopes
                .iter()
                .any(|s| fitting.iter().any(|f| s.starts_with(f)))
            {
                return Ok(());
            }
            seen.push(format!(
                "    {:<45} {scopes:?}",
                context.replace("WORD", word)
            ));
        }
        Err(seen.join("\n"))
    }
}

fn collect_regexes(value: &Value, out: &mut HashMap<String, Regex>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child.as_str()) {
                    ("match" | "begin" | "end", Some(source)) => {
                        // `(?m)`: `$` is the end of the line, as in Oniguruma.
                        let regex = Regex::new(&format!("(?m){source}"))
                            .unwrap_or_else(|e| panic!("grammar regex {source:?}: {e}"));
                        out.insert(source.to_string(), regex);
                    }
                    _ => collect_regexes(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_regexes(item, out)),
        _ => {}
    }
}

fn captures_from<'t>(regex: &Regex, text: &'t str, pos: usize) -> Option<Captures<'t>> {
    regex
        .captures_from_pos(text, pos)
        .unwrap_or_else(|e| panic!("regex {} failed: {e}", regex.as_str()))
}

fn start(caps: &Captures) -> usize {
    caps.get(0).map_or(usize::MAX, |m| m.start())
}

fn next_char(text: &str, pos: usize) -> usize {
    text[pos..]
        .chars()
        .next()
        .map_or(text.len(), |c| pos + c.len_utf8())
}

fn push_name(spans: &mut Vec<ScopeSpan>, name: &Value, start: usize, end: usize, caps: &Captures) {
    push_name_text(spans, name, start, end, Some(caps));
}

/// Adds the scope `name` (with `$n` replaced by capture `n`) over
/// `start..end`, if the rule has a name.
fn push_name_text(
    spans: &mut Vec<ScopeSpan>,
    name: &Value,
    start: usize,
    end: usize,
    caps: Option<&Captures>,
) {
    let Some(name) = name.as_str() else { return };
    let mut scope = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = chars.peek().and_then(|d| d.to_digit(10));
        match (c, digit, caps) {
            ('$', Some(group), Some(caps)) => {
                chars.next();
                scope.push_str(caps.get(group as usize).map_or("", |m| m.as_str()));
            }
            _ => scope.push(c),
        }
    }
    for scope in scope.split_whitespace() {
        spans.push(ScopeSpan {
            start,
            end,
            scope: scope.to_string(),
        });
    }
}

fn push_captures(spans: &mut Vec<ScopeSpan>, captures: &Value, caps: &Captures) {
    for (group, capture) in captures.as_object().into_iter().flatten() {
        let Some(m) = group.parse().ok().and_then(|g: usize| caps.get(g)) else {
            continue;
        };
        push_name(spans, &capture["name"], m.start(), m.end(), caps);
    }
}

#[test]
fn every_word_the_parser_accepts_gets_a_fitting_scope() {
    let tokenizer = Tokenizer::load();
    let mut missing = Vec::new();
    for class in word_classes() {
        assert!(!class.words.is_empty(), "no {} words", class.what);
        for word in &class.words {
            if let Err(seen) = tokenizer.check(word, class.fitting) {
                missing.push(format!(
                    "{} `{word}` gets no scope starting with {:?}; it got:\n{seen}",
                    class.what, class.fitting
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "grammar/zng.tmLanguage.json misses words:\n{}",
        missing.join("\n")
    );
}

/// The raw identifiers of the reserved and contextual words (`r#type`,
/// `r#merge`) that the parser accepts as names: in every name position each
/// is one token, with the scope of a name there and no keyword's scope.
#[test]
fn raw_identifiers_get_the_scope_of_their_position() {
    let tokenizer = Tokenizer::load();
    let raw: Vec<String> = RESERVED_KEYWORDS
        .iter()
        .chain(CONTEXTUAL_KEYWORDS)
        .map(|word| format!("r#{word}"))
        .filter(|raw| {
            let (_, diagnostics) = zngc::syntax::parse(FileId(0), &format!("fn {raw}();"));
            diagnostics.is_empty()
        })
        .collect();
    assert!(raw.iter().any(|w| w == "r#type") && raw.iter().any(|w| w == "r#merge"));
    let mut wrong = Vec::new();
    for word in &raw {
        for (context, fitting) in NAME_CONTEXTS {
            if let Err(seen) = tokenizer.check_name(context, word, fitting) {
                wrong.push(format!("`{word}` is not a name {fitting:?}:\n{seen}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "grammar/zng.tmLanguage.json splits or keyword-scopes raw identifiers:\n{}",
        wrong.join("\n")
    );
}

/// The check above can fail: made-up words get none of the fitting scopes.
#[test]
fn words_the_parser_rejects_get_no_fitting_scope() {
    let tokenizer = Tokenizer::load();
    for class in word_classes() {
        let made_up = if class.what == "directive" {
            "#zz_unknown"
        } else {
            "zz_unknown"
        };
        assert!(
            tokenizer.check(made_up, class.fitting).is_err(),
            "`{made_up}` gets a scope fitting a {}",
            class.what
        );
    }
}

#[test]
fn tokenizer_follows_begin_end_rules_and_captures() {
    let tokenizer = Tokenizer::load();
    let spans = tokenizer.tokenize("wellknown_traits(?Sized); // done");
    let scope_at = |offset: usize| -> Vec<&str> {
        spans
            .iter()
            .filter(|s| s.start <= offset && offset < s.end)
            .map(|s| s.scope.as_str())
            .collect()
    };
    assert!(scope_at(0).contains(&"keyword.other.wellknown-traits.zng"));
    assert!(scope_at(17).contains(&"meta.wellknown-traits.zng"));
    assert!(scope_at(17).contains(&"keyword.operator.question.zng"));
    assert!(scope_at(19).contains(&"support.type.trait.wellknown.zng"));
    assert!(!scope_at(24).contains(&"meta.wellknown-traits.zng"));
    assert!(scope_at(30).contains(&"comment.line.double-slash.zng"));
}
