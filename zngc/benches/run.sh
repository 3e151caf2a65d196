#!/usr/bin/env bash
# Code-generation benchmarks; results and the numbers of record are in
# BENCHMARKS.md.
#
#   bash zngc/benches/run.sh [generate|header|push|push-lto|all]   (default: all)
#
#   generate  `zngc generate` of synthetic specs of 1k, 5k and 10k types:
#             wall time, CPU time and peak memory (/usr/bin/time -v)
#   header    g++ -std=c++17 -fsyntax-only on a file that includes the
#             generated header of the 1k-type spec, and of a 3-line spec
#   push      C++ calling Rust's Vec<u64>::push 10,000 times, and a Rust
#             function taking and returning a 16-byte Copy struct 10,000
#             times, each against the same loop in Rust: g++ -O2, no LTO
#   push-lto  the same with cross-language LTO (clang++-22 and lld-22, which
#             match rustc's LLVM; see "Building with cross-language LTO" in
#             spec.md)
#
# Everything is built under target/bench. Needs /usr/bin/time (Debian
# package `time`); push-lto needs clang-22 and lld-22.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
out=$root/target/bench
mkdir -p "$out"

measure() {
    # Prints "wall, user+sys CPU, peak RSS" of one command.
    local label=$1
    shift
    /usr/bin/time -f "$label: %e s wall, %U s user + %S s sys, %M KB peak" "$@"
}

spread() {
    # Runs a command $2 times (after $1, run before each, e.g. to remove its
    # outputs) and prints the minimum, median and maximum wall time and the
    # largest peak memory: on a shared machine single runs vary too much.
    local before=$1 runs=$2 label=$3
    shift 3
    local times
    times=$(for _ in $(seq "$runs"); do
        eval "$before"
        /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
    done | sort -n)
    awk -v label="$label" -v runs="$runs" '
        { wall[NR] = $1; if ($2 > peak) peak = $2 }
        END { printf "%s: wall min %.2f s, median %.2f s, max %.2f s over %d runs; peak %d KB\n",
              label, wall[1], wall[int((NR + 1) / 2)], wall[NR], runs, peak }' <<<"$times"
}

build_zngc() {
    cargo build --release --quiet -p zngc
    zngc=$root/target/release/zngc
}

# The synthetic specs (zngc/benches/synthetic), and a 3-line one.
write_specs() {
    mkdir -p "$out/specs"
    for types in 1000 5000 10000; do
        cargo bench --quiet -p zngc --bench front -- --types $types \
            --write "$out/specs/types$types.zng" >/dev/null
    done
    printf 'type crate::A {\n    #layout(size = 8, align = 8);\n    fn get(&self) -> u64;\n}\n' \
        >"$out/specs/tiny.zng"
}

bench_generate() {
    echo "== zngc generate (21 runs; outputs removed before each)"
    build_zngc
    write_specs
    for types in 1000 5000 10000; do
        local dir=$out/generate$types
        mkdir -p "$dir"
        cp "$out/specs/types$types.zng" "$dir/main.zng"
        spread "rm -rf '$dir/generated.h' '$dir/generated.cpp' '$dir/src'" 21 \
            "$types types" "$zngc" generate "$dir/main.zng"
    done
    echo "== in-process stage timings"
    cargo bench --quiet -p zngc --bench generate
}

bench_header() {
    echo "== g++ -std=c++17 -fsyntax-only on a file including the generated header"
    build_zngc
    write_specs
    "$zngc" runtime-header "$out/include/zngur.h"
    for spec in types1000 tiny; do
        local dir=$out/header-$spec
        mkdir -p "$dir"
        cp "$out/specs/$spec.zng" "$dir/main.zng"
        "$zngc" generate "$dir/main.zng"
        printf '#include "generated.h"\nint main() {}\n' >"$dir/main.cpp"
        echo "$spec: generated.h is $(wc -c <"$dir/generated.h") bytes"
        for _ in 1 2 3; do
            measure "$spec" g++ -std=c++17 -fsyntax-only -I "$out/include" "$dir/main.cpp"
        done
    done
}

push_crate() {
    # $1: target folder, then extra RUSTFLAGS.
    local target=$1
    shift
    "$zngc" generate "$root/zngc/benches/push_loop/main.zng" -i
    RUSTFLAGS="$*" CARGO_TARGET_DIR=$target \
        cargo build --release --quiet --manifest-path "$root/zngc/benches/push_loop/Cargo.toml"
}

bench_push() {
    echo "== push and step loops, g++ -O2, no LTO"
    build_zngc
    push_crate "$out/push"
    g++ -std=c++17 -O2 -Wall -Wextra -Werror "$root/zngc/benches/push_loop/main.cpp" \
        "$out/push/release/libbench_push_loop.a" -lpthread -ldl -o "$out/push_loop"
    "$out/push_loop"
}

bench_push_lto() {
    echo "== push and step loops, cross-language ThinLTO (clang++-22, lld-22)"
    build_zngc
    push_crate "$out/push-lto" -C linker-plugin-lto
    clang++-22 --target=x86_64-unknown-linux-gnu -std=c++17 -O2 -flto=thin \
        -Wall -Wextra -Werror -fuse-ld=lld-22 "$root/zngc/benches/push_loop/main.cpp" \
        "$out/push-lto/release/libbench_push_loop.a" -lpthread -ldl -o "$out/push_loop_lto"
    "$out/push_loop_lto"
}

case "${1:-all}" in
generate) bench_generate ;;
header) bench_header ;;
push) bench_push ;;
push-lto) bench_push_lto ;;
all)
    bench_generate
    bench_header
    bench_push
    bench_push_lto
    ;;
*)
    echo "usage: bash zngc/benches/run.sh [generate|header|push|push-lto|all]" >&2
    exit 2
    ;;
esac
