//! Front-end timing on a large synthetic spec, and the generator of that
//! spec for other measurements (see BENCHMARKS.md).
//!
//! ```text
//! cargo bench --bench front                       # 5000 types, parse and check
//! cargo bench --bench front -- --types 500        # another size
//! cargo bench --bench front -- --write big.zng    # only write the spec
//! ```
//!
//! A plain `harness = false` binary, so that it needs no nightly and no
//! benchmark framework: it reports the fastest of several runs.

mod synthetic;

// The allocator of the `zngc` binary, so that the numbers match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zngc::check::{check_in_memory, CfgSet};
use zngc::source::FileId;

use synthetic::synthetic_spec;

/// Runs per measurement; the fastest is reported.
const RUNS: usize = 7;

fn fastest(mut run: impl FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let mut types = 5000;
    let mut write: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--types" => types = args.next().and_then(|n| n.parse().ok()).unwrap_or(types),
            "--write" => write = args.next().map(PathBuf::from),
            // `cargo bench` passes `--bench`; other flags are not ours.
            _ => {}
        }
    }
    let text = synthetic_spec(types);
    if let Some(path) = write {
        if let Err(err) = std::fs::write(&path, &text) {
            eprintln!("cannot write {}: {err}", path.display());
            std::process::exit(1);
        }
        println!(
            "wrote {} ({} types, {} bytes)",
            path.display(),
            types,
            text.len()
        );
        return;
    }

    let files = BTreeMap::from([(PathBuf::from("synthetic.zng"), text.clone().into_bytes())]);
    let cfg = CfgSet::new();
    let result = check_in_memory(Path::new("synthetic.zng"), &files, &cfg);
    if let Some(first) = result.diagnostics.first() {
        eprintln!(
            "the synthetic spec must check clean:\n{}",
            zngc::diagnostics::render_plain(first, &result.sources)
        );
        std::process::exit(1);
    }
    let parse = fastest(|| {
        let _ = zngc::syntax::parse(FileId(0), &text);
    });
    let check = fastest(|| {
        let _ = check_in_memory(Path::new("synthetic.zng"), &files, &cfg);
    });
    let tiny = "type crate::A { #layout(size = 8, align = 8); }\n";
    let tiny_parse = fastest(|| {
        let _ = zngc::syntax::parse(FileId(0), tiny);
    });
    println!("synthetic spec: {types} types, {} bytes", text.len());
    println!("parse:         {:8.2} ms", parse.as_secs_f64() * 1e3);
    println!("parse + check: {:8.2} ms", check.as_secs_f64() * 1e3);
    println!(
        "parse, one-line file: {:8.1} µs",
        tiny_parse.as_secs_f64() * 1e6
    );
}
