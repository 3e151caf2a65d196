//! Checked AST to specification: follows merges, decides `#if`/`#match`,
//! resolves paths and aliases, merges re-declarations and validates.
//!
//! [`check_file`] is the one entry point of the pipeline up to here; the
//! CLI, build scripts and code generation call it.

mod by_value;
pub mod cfg;
mod cpp_structs;
mod load;
mod merge;
pub mod render;
mod resolve;
pub mod rustc_cfg;
pub mod spec;
mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use cfg::CfgSet;
pub use spec::*;

use crate::diagnostics::{has_errors, Code, Diagnostic};
use crate::source::{SourceMap, Span};
use crate::syntax::ast;

/// Everything one check produced.
#[derive(Debug)]
pub struct CheckResult {
    /// Every file read (the root and merged files), for rendering reports.
    pub sources: SourceMap,
    /// The root file's syntax tree, if it could be read and decoded.
    pub root: Option<ast::File>,
    /// The checked specification; `None` if any error was found.
    pub spec: Option<Spec>,
    /// Errors and warnings, sorted by file, then position.
    pub diagnostics: Vec<Diagnostic>,
    /// Types without a layout policy, when the check was asked to collect
    /// them ([`CheckOptions::discover_layouts`]); otherwise each is E0050
    /// and this is empty.
    pub unlaid: Vec<UnlaidType>,
}

/// How strict the check is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// A type with no layout policy is not an error but a layout to be
    /// discovered (by `zngc layout`): it goes to [`CheckResult::unlaid`].
    pub discover_layouts: bool,
}

impl CheckResult {
    pub fn has_errors(&self) -> bool {
        has_errors(&self.diagnostics)
    }
}

/// Checks the `.zng` file at `path` and every file it merges, under `cfg`.
pub fn check_file(path: &Path, cfg: &CfgSet) -> CheckResult {
    check_file_with(path, cfg, CheckOptions::default())
}

/// [`check_file`] with options.
pub fn check_file_with(path: &Path, cfg: &CfgSet, options: CheckOptions) -> CheckResult {
    let mut read = |p: &Path| {
        let bytes = std::fs::read(p)?;
        let identity = std::fs::canonicalize(p).unwrap_or_else(|_| load::normalize(p));
        Ok((identity, bytes))
    };
    check_with(path, cfg, options, &mut read)
}

/// Like [`check_file`], with the files in memory instead of on disk: `root`
/// and the paths that `merge` and `import` name are looked up in `files`
/// (after `.`/`..` are resolved). For fuzzing and tests.
pub fn check_in_memory(
    root: &Path,
    files: &BTreeMap<PathBuf, Vec<u8>>,
    cfg: &CfgSet,
) -> CheckResult {
    let mut read = |p: &Path| {
        let identity = load::normalize(p);
        files
            .get(&identity)
            .map(|bytes| (identity, bytes.clone()))
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    };
    check_with(root, cfg, CheckOptions::default(), &mut read)
}

/// A number too large to read (E0005) is stored as the largest 64-bit value,
/// which later checks of the same number (sizes, alignments) would report
/// again; only the first report is kept.
fn drop_knock_on_number_errors(diagnostics: &mut Vec<Diagnostic>) {
    let out_of_range: Vec<Span> = diagnostics
        .iter()
        .filter(|d| d.code == Code::E0005)
        .filter_map(|d| d.primary.as_ref().map(|l| l.span))
        .collect();
    if out_of_range.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        d.code == Code::E0005
            || d.primary
                .as_ref()
                .is_none_or(|l| !out_of_range.contains(&l.span))
    });
}

/// Source size from which the syntax tree is freed on another thread.
const BACKGROUND_FREE_BYTES: usize = 256 << 10;

fn check_with(
    root: &Path,
    cfg: &CfgSet,
    options: CheckOptions,
    read: load::Reader<'_>,
) -> CheckResult {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let mut loaded = load::load(
        root,
        cfg,
        read,
        crate::syntax::parse,
        &mut sources,
        &mut diagnostics,
    );
    let mut unlaid = Vec::new();
    let spec = loaded.root_id.map(|root_id| {
        let (mut spec, without_policy) = merge::build(&loaded.decls, root_id, &mut diagnostics);
        by_value::check(&spec, &mut diagnostics);
        cpp_structs::check(&spec, &mut diagnostics);
        spec.imports = loaded.imports;
        if options.discover_layouts {
            unlaid = without_policy;
        } else {
            diagnostics.extend(without_policy.iter().map(merge::no_layout_policy));
        }
        spec
    });
    // Freeing the syntax tree of a big bridge takes a while; the caller
    // need not wait for it. A small one is freed here, so that checking it
    // leaves nothing behind when the call returns.
    let decls = std::mem::take(&mut loaded.decls);
    if sources.iter().map(|(_, f)| f.text.len()).sum::<usize>() >= BACKGROUND_FREE_BYTES {
        crate::drop_in_background(decls);
    }
    drop_knock_on_number_errors(&mut diagnostics);
    diagnostics.sort_by_key(|d| d.primary.as_ref().map(|l| (l.span.file, l.span.start)));
    let spec = spec.filter(|_| !has_errors(&diagnostics));
    CheckResult {
        sources,
        root: loaded.root,
        spec,
        diagnostics,
        unlaid,
    }
}
