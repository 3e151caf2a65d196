//! Conditional compilation: the set of active cfg values, and the decision
//! of `#if` guards and `#match` arms against it (Zngur 0.9 semantics).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::ast::{
    CfgArm, CfgGuard, CfgGuardKind, CfgKey, CfgPattern, CfgPatternKind, CfgScrutinee, Conditional,
    Span,
};

/// Active cfg keys, each with its set of values: `feature` → {"a", "b"},
/// `unix` → {} (present without a value).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CfgSet {
    keys: BTreeMap<String, BTreeSet<String>>,
}

impl CfgSet {
    pub fn new() -> CfgSet {
        CfgSet::default()
    }

    /// Marks `key` present and adds `values` to its set (none: present
    /// without a value).
    pub fn insert<V: Into<String>>(&mut self, key: &str, values: impl IntoIterator<Item = V>) {
        self.keys
            .entry(key.to_owned())
            .or_default()
            .extend(values.into_iter().map(Into::into));
    }

    /// Enables one cargo feature.
    pub fn add_feature(&mut self, name: &str) {
        self.insert(FEATURE, [name]);
    }

    /// Adds a `-C/--cfg` argument: `key`, `key=v1,v2` or `key="v1","v2"`.
    pub fn add_cli_arg(&mut self, arg: &str) -> Result<(), String> {
        let (key, values) = parse_cli_arg(arg)?;
        self.insert(&key, values);
        Ok(())
    }

    /// Takes every key that `later` sets, with `later`'s values in place of
    /// this set's: a later source of the cfg (the command line) overrides an
    /// earlier one (the toolchain) key by key, as in Zngur.
    pub fn override_with(&mut self, later: CfgSet) {
        self.keys.extend(later.keys);
    }

    /// The values of `key`, or `None` if the key is absent.
    pub fn values(&self, key: &str) -> Option<&BTreeSet<String>> {
        self.keys.get(key)
    }

    /// Every key with its values, sorted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &BTreeSet<String>)> {
        self.keys.iter().map(|(k, v)| (k.as_str(), v))
    }
}

const FEATURE: &str = "feature";

/// Splits `key=v1,v2` into the key and its values, stripping quotes and
/// spaces around each value.
pub fn parse_cli_arg(arg: &str) -> Result<(String, Vec<String>), String> {
    let (key, values) = match arg.split_once('=') {
        Some((key, values)) => (key.trim(), Some(values)),
        None => (arg.trim(), None),
    };
    if !is_cfg_name(key) {
        return Err(format!(
            "`{key}` is not a cfg key: expected an identifier such as `feature` or `target_os`"
        ));
    }
    let values = values
        .map(|values| {
            values
                .split(',')
                .map(|v| v.trim().trim_matches('"').to_owned())
                .filter(|v| !v.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Ok((key.to_owned(), values))
}

/// True for names rustc accepts as cfg keys: Rust identifiers.
pub fn is_cfg_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What a `cfg!(…)` scrutinee stands for.
#[derive(Clone, Copy, Debug)]
enum Value<'a> {
    /// The key is not set.
    Absent,
    /// The key is set without values, or `key.item` is present.
    Present,
    /// The key's values. `cfg!(feature)` is always this, even when no
    /// feature is enabled (as in Zngur, so `None` never matches it).
    Values(&'a BTreeSet<String>),
}

/// The shape of a `#match` scrutinee.
enum Scrutinee<'a> {
    Single(Value<'a>),
    Tuple(Vec<Value<'a>>),
}

static NO_VALUES: BTreeSet<String> = BTreeSet::new();

/// Evaluates the keys of `cfg!(KEY)`, reporting malformed keys (E0030).
fn key_value<'a>(key: &CfgKey, cfg: &'a CfgSet, diags: &mut Vec<Diagnostic>) -> Value<'a> {
    let name = key.name.node.as_str();
    if !is_cfg_name(name) {
        diags.push(
            Diagnostic::new(
                Code::E0030,
                format!("`{name}` is not a cfg key"),
                key.name.span,
                "expected an identifier",
            )
            .with_help("cfg keys are identifiers such as `feature` or `target_pointer_width`"),
        );
        return Value::Absent;
    }
    let values = cfg.values(name);
    match &key.item {
        Some(item) => {
            if item.node.is_empty() {
                diags.push(
                    Diagnostic::new(
                        Code::E0030,
                        "empty cfg value",
                        item.span,
                        "no value can be empty",
                    )
                    .with_help(format!("write `cfg!({name}.\"value\")` with a value")),
                );
                return Value::Absent;
            }
            if values.is_some_and(|v| v.contains(&item.node)) {
                Value::Present
            } else {
                Value::Absent
            }
        }
        None if name == FEATURE => Value::Values(values.unwrap_or(&NO_VALUES)),
        None => match values {
            None => Value::Absent,
            Some(v) if v.is_empty() => Value::Present,
            Some(v) => Value::Values(v),
        },
    }
}

/// Matches one pattern against a scrutinee; shape mismatches are E0031 and
/// do not match (later arms are still tried, as in Zngur).
fn matches(pattern: &CfgPattern, scrutinee: &Scrutinee<'_>, diags: &mut Vec<Diagnostic>) -> bool {
    match (&pattern.kind, scrutinee) {
        (CfgPatternKind::Wildcard, _) => true,
        (CfgPatternKind::Tuple(pats), Scrutinee::Single(_)) => match pats.as_slice() {
            [single] => matches(single, scrutinee, diags),
            _ => {
                diags.push(shape_error(
                    pattern.span,
                    "a tuple pattern cannot match a single cfg value",
                    "tuple pattern",
                    "match a tuple of keys `(cfg!(a), cfg!(b))`, or write a single pattern",
                ));
                false
            }
        },
        (CfgPatternKind::Tuple(pats), Scrutinee::Tuple(values)) => {
            if pats.len() != values.len() {
                diags.push(shape_error(
                    pattern.span,
                    "the number of patterns does not match the number of cfg keys",
                    &format!("{} patterns for {} keys", pats.len(), values.len()),
                    "write one pattern per key of the scrutinee",
                ));
                return false;
            }
            // Every element is evaluated (not short-circuited) so that all
            // shape errors are reported.
            pats.iter().zip(values).fold(true, |all, (pat, &value)| {
                matches(pat, &Scrutinee::Single(value), diags) && all
            })
        }
        (_, Scrutinee::Tuple(values)) => match values.as_slice() {
            [value] => matches(pattern, &Scrutinee::Single(*value), diags),
            _ => {
                diags.push(shape_error(
                    pattern.span,
                    "a single pattern cannot match several cfg values",
                    "single pattern",
                    &format!("write a tuple of {} patterns, or `_`", values.len()),
                ));
                false
            }
        },
        (CfgPatternKind::Not(inner), _) => !matches(inner, scrutinee, diags),
        (CfgPatternKind::And(lhs, rhs), _) => {
            let l = matches(lhs, scrutinee, diags);
            matches(rhs, scrutinee, diags) && l
        }
        (CfgPatternKind::Or(lhs, rhs), _) => {
            let l = matches(lhs, scrutinee, diags);
            matches(rhs, scrutinee, diags) || l
        }
        (CfgPatternKind::Some, Scrutinee::Single(value)) => !matches!(value, Value::Absent),
        (CfgPatternKind::None, Scrutinee::Single(value)) => matches!(value, Value::Absent),
        (CfgPatternKind::Str(s), Scrutinee::Single(value)) => {
            matches!(value, Value::Values(v) if v.contains(s))
        }
        (CfgPatternKind::Number(n), Scrutinee::Single(value)) => {
            matches!(value, Value::Values(v) if v.iter().any(|v| v.parse::<u64>() == Ok(*n)))
        }
    }
}

fn shape_error(span: Span, message: &str, label: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Code::E0031, message, span, label).with_help(help)
}

/// Decides an `#if` guard.
fn guard_holds(guard: &CfgGuard, cfg: &CfgSet, diags: &mut Vec<Diagnostic>) -> bool {
    match &guard.kind {
        CfgGuardKind::Test { key, pattern } => {
            let value = Scrutinee::Single(key_value(key, cfg, diags));
            match pattern {
                Some(pattern) => matches(pattern, &value, diags),
                None => !matches!(value, Scrutinee::Single(Value::Absent)),
            }
        }
        CfgGuardKind::Not { inner } => !guard_holds(inner, cfg, diags),
        CfgGuardKind::And { lhs, rhs } => {
            let l = guard_holds(lhs, cfg, diags);
            guard_holds(rhs, cfg, diags) && l
        }
        CfgGuardKind::Or { lhs, rhs } => {
            let l = guard_holds(lhs, cfg, diags);
            guard_holds(rhs, cfg, diags) || l
        }
    }
}

/// The items of the branch or arm that `cfg` selects (none if no branch
/// matches). Like Zngur, branches after the selected one are not evaluated.
pub fn select<'a, T>(
    conditional: &'a Conditional<T>,
    cfg: &CfgSet,
    diags: &mut Vec<Diagnostic>,
) -> &'a [T] {
    match conditional {
        Conditional::If(cfg_if) => cfg_if
            .branches
            .iter()
            .find(|branch| guard_holds(&branch.guard, cfg, diags))
            .map(|branch| branch.items.as_slice())
            .or(cfg_if.else_items.as_deref())
            .unwrap_or(&[]),
        Conditional::Match(cfg_match) => {
            let scrutinee = match &cfg_match.scrutinee {
                CfgScrutinee::Single { key } => Scrutinee::Single(key_value(key, cfg, diags)),
                CfgScrutinee::Tuple { keys, .. } => {
                    Scrutinee::Tuple(keys.iter().map(|k| key_value(k, cfg, diags)).collect())
                }
            };
            cfg_match
                .arms
                .iter()
                .find(|arm: &&CfgArm<T>| matches(&arm.pattern, &scrutinee, diags))
                .map_or(&[], |arm| arm.items.as_slice())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Spanned};
    use crate::syntax::ast::{CfgBranch, CfgIf, CfgMatch};

    fn span() -> Span {
        Span::new(FileId(0), 0..1)
    }

    fn key(name: &str, item: Option<&str>) -> CfgKey {
        CfgKey {
            name: Spanned::new(name.to_owned(), span()),
            item: item.map(|i| Spanned::new(i.to_owned(), span())),
            span: span(),
        }
    }

    fn pat(kind: CfgPatternKind) -> CfgPattern {
        CfgPattern { kind, span: span() }
    }

    fn str_pat(s: &str) -> CfgPattern {
        pat(CfgPatternKind::Str(s.to_owned()))
    }

    fn test(key: CfgKey, pattern: Option<CfgPattern>) -> CfgGuard {
        CfgGuard {
            kind: CfgGuardKind::Test { key, pattern },
            span: span(),
        }
    }

    fn cfg() -> CfgSet {
        let mut cfg = CfgSet::new();
        cfg.add_feature("a");
        cfg.add_cli_arg("target_pointer_width=\"64\"").unwrap();
        cfg.add_cli_arg("unix").unwrap();
        cfg
    }

    fn holds(guard: &CfgGuard, cfg: &CfgSet) -> (bool, Vec<Code>) {
        let mut diags = Vec::new();
        let result = guard_holds(guard, cfg, &mut diags);
        (result, diags.iter().map(|d| d.code).collect())
    }

    #[test]
    fn cli_arguments() {
        assert_eq!(
            parse_cli_arg("feature=\"a\", b").unwrap(),
            ("feature".to_owned(), vec!["a".to_owned(), "b".to_owned()])
        );
        assert_eq!(parse_cli_arg("unix").unwrap(), ("unix".to_owned(), vec![]));
        assert!(parse_cli_arg("a.b=c").is_err());
        assert!(parse_cli_arg("=c").is_err());
        assert!(parse_cli_arg("").is_err());
    }

    #[test]
    fn guards_follow_zngur_semantics() {
        let cfg = cfg();
        let empty = CfgSet::new();
        // Presence of a value, of a key without values, of a feature.
        assert!(holds(&test(key("feature", Some("a")), None), &cfg).0);
        assert!(!holds(&test(key("feature", Some("b")), None), &cfg).0);
        assert!(holds(&test(key("unix", None), None), &cfg).0);
        assert!(!holds(&test(key("windows", None), None), &cfg).0);
        // `feature` alone is a set of values, even when empty.
        assert!(holds(&test(key("feature", None), None), &empty).0);
        let none = Some(pat(CfgPatternKind::None));
        assert!(!holds(&test(key("feature", None), none.clone()), &empty).0);
        assert!(holds(&test(key("windows", None), none), &cfg).0);
        // Numbers match the decimal value; strings match exactly.
        let width = |p| test(key("target_pointer_width", None), Some(p));
        assert!(holds(&width(pat(CfgPatternKind::Number(64))), &cfg).0);
        assert!(!holds(&width(pat(CfgPatternKind::Number(32))), &cfg).0);
        assert!(holds(&width(str_pat("64")), &cfg).0);
        let either = pat(CfgPatternKind::Or(
            Box::new(str_pat("16")),
            Box::new(pat(CfgPatternKind::Not(Box::new(str_pat("32"))))),
        ));
        assert!(holds(&width(either), &cfg).0);
        let both = pat(CfgPatternKind::And(
            Box::new(str_pat("64")),
            Box::new(str_pat("32")),
        ));
        assert!(!holds(&width(both), &cfg).0);
        // Guards combine.
        let not = CfgGuard {
            kind: CfgGuardKind::Not {
                inner: Box::new(test(key("unix", None), None)),
            },
            span: span(),
        };
        assert!(!holds(&not, &cfg).0);
        let or = CfgGuard {
            kind: CfgGuardKind::Or {
                lhs: Box::new(not),
                rhs: Box::new(test(key("feature", Some("a")), None)),
            },
            span: span(),
        };
        assert_eq!(holds(&or, &cfg), (true, vec![]));
    }

    #[test]
    fn malformed_keys_and_shapes_are_errors() {
        let cfg = cfg();
        assert_eq!(
            holds(&test(key("a b", None), None), &cfg),
            (false, vec![Code::E0030])
        );
        assert_eq!(
            holds(&test(key("feature", Some("")), None), &cfg),
            (false, vec![Code::E0030])
        );
        let tuple = pat(CfgPatternKind::Tuple(vec![str_pat("a"), str_pat("b")]));
        assert_eq!(
            holds(&test(key("feature", None), Some(tuple)), &cfg),
            (false, vec![Code::E0031])
        );
        // A one-element tuple is the element.
        let single = pat(CfgPatternKind::Tuple(vec![str_pat("a")]));
        assert_eq!(
            holds(&test(key("feature", None), Some(single)), &cfg),
            (true, vec![])
        );
    }

    fn arm(pattern: CfgPattern, item: u32) -> CfgArm<u32> {
        CfgArm {
            pattern,
            items: vec![item],
            span: span(),
        }
    }

    #[test]
    fn match_takes_the_first_matching_arm() {
        let cfg = cfg();
        let tuple = CfgScrutinee::Tuple {
            keys: vec![key("feature", Some("a")), key("target_pointer_width", None)],
            span: span(),
        };
        let tuple_pat = |a, b| pat(CfgPatternKind::Tuple(vec![a, b]));
        let m = Conditional::Match(CfgMatch {
            scrutinee: tuple,
            arms: vec![
                arm(tuple_pat(pat(CfgPatternKind::None), str_pat("64")), 1),
                arm(str_pat("64"), 2),
                arm(tuple_pat(pat(CfgPatternKind::Some), str_pat("64")), 3),
                arm(pat(CfgPatternKind::Wildcard), 4),
            ],
            span: span(),
        });
        let mut diags = Vec::new();
        assert_eq!(select(&m, &cfg, &mut diags), &[3]);
        // The single pattern against a pair was reported, not matched.
        assert_eq!(
            diags.iter().map(|d| d.code).collect::<Vec<_>>(),
            [Code::E0031]
        );
    }

    #[test]
    fn later_sources_replace_keys() {
        let mut toolchain = CfgSet::new();
        toolchain.insert("feature", ["default"]);
        toolchain.insert("unix", Vec::<String>::new());
        let mut command_line = CfgSet::new();
        command_line.add_feature("fast");
        toolchain.override_with(command_line);
        assert_eq!(toolchain.values("feature").unwrap().len(), 1);
        assert!(toolchain.values("feature").unwrap().contains("fast"));
        assert!(toolchain.values("unix").is_some());
    }

    #[test]
    fn if_falls_back_to_else() {
        let branch = |name: &str, item| CfgBranch {
            guard: test(key("feature", Some(name)), None),
            items: vec![item],
        };
        let c = Conditional::If(CfgIf {
            branches: vec![branch("x", 1), branch("a", 2)],
            else_items: Some(vec![3]),
            span: span(),
        });
        let mut diags = Vec::new();
        assert_eq!(select(&c, &cfg(), &mut diags), &[2]);
        assert_eq!(select(&c, &CfgSet::new(), &mut diags), &[3]);
        assert!(diags.is_empty());
    }
}
