//! Code-generation timing on the synthetic spec of `benches/synthetic`, by
//! stage: parse + check, lower, C++ header, Rust file, and freeing the
//! bridge IR (see BENCHMARKS.md; `zngc/benches/run.sh` measures the whole
//! `zngc generate` process).
//!
//! ```text
//! cargo bench -p zngc --bench generate                   # 1k, 5k, 10k types
//! cargo bench -p zngc --bench generate -- --types 2000   # one size
//! ```
//!
//! A plain `harness = false` binary, so that it needs no nightly and no
//! benchmark framework: it reports the fastest of several runs of each
//! stage.

mod synthetic;

// The allocator of the `zngc` binary, so that the numbers match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use zngc::check::{check_in_memory, CfgSet};
use zngc::emit;
use zngc::generate::{generate_from_spec, GenerateOptions};
use zngc::lower::{lower, LowerOptions};

use synthetic::synthetic_spec;

/// Runs per measurement; the fastest is reported.
const RUNS: usize = 5;

const SIZES: [usize; 3] = [1000, 5000, 10000];

fn fastest<T>(mut run: impl FnMut() -> T) -> (Duration, T) {
    let start = Instant::now();
    let mut value = run();
    let mut best = start.elapsed();
    for _ in 1..RUNS {
        let start = Instant::now();
        value = run();
        best = best.min(start.elapsed());
    }
    (best, value)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn measure(types: usize) -> Result<(), String> {
    let text = synthetic_spec(types);
    let path = PathBuf::from("synthetic.zng");
    let files = BTreeMap::from([(path.clone(), text.clone().into_bytes())]);
    let cfg = CfgSet::new();
    let (check_time, checked) = fastest(|| check_in_memory(&path, &files, &cfg));
    let spec = checked
        .spec
        .filter(|_| checked.diagnostics.is_empty())
        .ok_or("the synthetic spec must check clean")?;
    let options = GenerateOptions::new(&path);
    let (generate_time, generated) =
        fastest(|| generate_from_spec(&spec, &checked.sources, &options));
    let generated = generated.map_err(|_| "the synthetic spec must generate")?;
    let (lower_time, bridge) = fastest(|| lower(&spec, &checked.sources, &LowerOptions::default()));
    let bridge = bridge.map_err(|_| "the synthetic spec must lower")?;
    let (header_time, _) = fastest(|| emit::cpp_header(&bridge, "rust", false));
    let (rust_time, _) = fastest(|| emit::rust_file(&bridge));
    let (drop_time, _) = fastest(|| drop(bridge.clone()));
    let sizes: Vec<String> = generated
        .files
        .iter()
        .map(|f| format!("{} {} KB", f.path.display(), f.contents.len() / 1024))
        .collect();
    println!(
        "{types:>6} types ({} KB of .zng): parse + check {:7.2} ms, generate {:7.2} ms \
         (lower {:.2}, header {:.2}, rust {:.2}, drop {:.2}); {}",
        text.len() / 1024,
        ms(check_time),
        ms(generate_time),
        ms(lower_time),
        ms(header_time),
        ms(rust_time),
        ms(drop_time),
        sizes.join(", ")
    );
    Ok(())
}

fn main() {
    let mut sizes = SIZES.to_vec();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        // `cargo bench` passes `--bench`; other flags are not ours.
        if arg == "--types" {
            if let Some(n) = args.next().and_then(|n| n.parse().ok()) {
                sizes = vec![n];
            }
        }
    }
    for types in sizes {
        if let Err(err) = measure(types) {
            eprintln!("{err}");
            std::process::exit(1);
        }
    }
}
