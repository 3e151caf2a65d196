#!/usr/bin/env bash
# Editor-support tests.
#  1. TextMate: syntax tests (grammar/tests/*.zng, vscode-tmgrammar-test) and
#     whole-file scope checks of every example (scripts/check-examples.mjs,
#     vscode-textmate). npm packages come from package-lock.json.
#  2. tree-sitter: generate, corpus and highlight tests, and a parse of every
#     example with no ERROR or MISSING node. tree-sitter-cli is built from crates.io once
#     into target/tools (about 2.5 minutes on 2 cores) and reused after.
# The keyword-coverage test against the parser's word lists is the Rust test
# tests/editor_grammar.rs (run by `cargo test`).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tools=${ZNG_TOOLS_DIR:-$root/target/tools}
ts_version=0.26.13
ts=$tools/bin/tree-sitter

step() { printf '\n== %s\n' "$*"; }

cd "$here"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "npm ci"
    npm ci --no-audit --no-fund
fi

if ! "$ts" --version 2>/dev/null | grep -qx "tree-sitter $ts_version"; then
    step "cargo install tree-sitter-cli $ts_version"
    # Without the default QuickJS runtime (its bindings need libclang):
    # `tree-sitter generate` runs grammar.js with node instead.
    cargo install --locked tree-sitter-cli --version "$ts_version" --no-default-features --root "$tools"
fi

step "TextMate syntax tests"
node_modules/.bin/vscode-tmgrammar-test 'tests/*.zng'

step "TextMate scopes in every example"
node scripts/check-examples.mjs "$root"

step "tree-sitter generate + corpus tests"
# Keep tree-sitter's compiled parsers and config out of the home directory.
export TREE_SITTER_LIBDIR=$tools/tree-sitter-lib
ts_config=$tools/tree-sitter-config.json
[ -f "$ts_config" ] || echo '{"parser-directories": []}' > "$ts_config"
cd "$here/tree-sitter-zng"
"$ts" generate
"$ts" test --config-path "$ts_config"

step "tree-sitter parse of every example"
mapfile -t examples < <(find "$root/examples" -name '*.zng' 2>/dev/null | sort)
if [ "${#examples[@]}" -eq 0 ]; then
    echo "no .zng file under $root/examples: nothing to parse" >&2
    exit 1
fi
mapfile -t others < <(find "$root/tests/parse" "$here/tests" "$here" -maxdepth 1 -name '*.zng' 2>/dev/null | sort)
# --quiet prints only files with an ERROR or MISSING node, and the exit
# status is non-zero if there is one.
"$ts" parse -p . --config-path "$ts_config" --quiet --stat "${examples[@]}" "${others[@]}"
