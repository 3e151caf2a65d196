// Runs the TextMate grammar with the real engine (vscode-textmate) over
// whole .zng files and checks that every comment, string, number, directive,
// keyword and primitive type gets a fitting scope, and every raw identifier
// (`r#type`) a name's scope.
//
// Usage: node check-examples.mjs REPO_ROOT
// Files: REPO_ROOT/examples/**/*.zng (there must be at least one),
// REPO_ROOT/tests/parse/*.zng, REPO_ROOT/grammar/tests/*.zng and the
// README's REPO_ROOT/grammar/sample.zng.
// The word lists are read from the parser's source, zngc/src/syntax/.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', '..'));

// ---- the parser's words ----

function rustStrings(text, pattern, what) {
  const found = text.match(pattern);
  if (!found) throw new Error(`cannot find ${what} in zngc/src/syntax`);
  const words = [...found[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  if (words.length === 0) throw new Error(`${what} is empty`);
  return words;
}

function parserWords() {
  const modRs = fs.readFileSync(path.join(root, 'zngc/src/syntax/mod.rs'), 'utf8');
  const astRs = fs.readFileSync(path.join(root, 'zngc/src/syntax/ast.rs'), 'utf8');
  const list = (name) => rustStrings(modRs, new RegExp(`const ${name}: &\\[&str\\] = &\\[([^\\]]*)\\]`), name);
  const primitives = [...astRs.matchAll(/\("([a-z0-9]+)", Primitive::/g)].map((m) => m[1]);
  if (primitives.length === 0) throw new Error('cannot find Primitive::ALL in ast.rs');
  return {
    reserved: new Set(list('RESERVED_KEYWORDS')),
    contextual: new Set(list('CONTEXTUAL_KEYWORDS')),
    directives: new Set(list('DIRECTIVES')),
    primitives: new Set(primitives),
  };
}

// ---- a lexer of .zng, independent of the grammar ----

/** Lexemes as {kind, text, start, end} with offsets into the file. */
function lex(text) {
  const out = [];
  const identAt = (i) => /[A-Za-z0-9_]/.test(text[i] ?? '');
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    let m;
    if (rest.startsWith('//')) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out.push({ kind: 'comment', start: i, end: stop });
      i = stop;
    } else if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' && text[j + 1] === '"' ? 2 : 1;
      out.push({ kind: 'string', start: i, end: Math.min(j + 1, text.length) });
      i = j + 1;
    } else if (!identAt(i - 1) && (m = rest.match(/^r#[A-Za-z_][A-Za-z0-9_]*/))) {
      out.push({ kind: 'raw', text: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
    } else if ((m = rest.match(/^#[ \t]*([A-Za-z_][A-Za-z0-9_]*)/))) {
      out.push({ kind: 'directive', name: m[1], start: i, end: i + m[0].length, nameStart: i + m[0].length - m[1].length });
      i += m[0].length;
    } else if (!identAt(i - 1) && (m = rest.match(/^[0-9]+/)) && !identAt(i + m[0].length)) {
      out.push({ kind: 'number', start: i, end: i + m[0].length });
      i += m[0].length;
    } else if ((m = rest.match(/^[A-Za-z_][A-Za-z0-9_]*/)) && !identAt(i - 1)) {
      const macro = m[0] === 'cfg' && rest[m[0].length] === '!';
      out.push({ kind: macro ? 'cfg' : 'word', text: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
    } else {
      i += 1;
    }
  }
  return out;
}

// ---- scopes from the real engine ----

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.zng') return null;
      const file = path.join(root, 'grammar/zng.tmLanguage.json');
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  return registry.loadGrammar('source.zng');
}

/** For each offset of `text`, the scopes the engine gives it. */
function scopesByOffset(grammar, text) {
  const scopes = new Array(text.length).fill(null);
  let ruleStack = vsctm.INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, ruleStack);
    for (const token of result.tokens) {
      for (let c = token.startIndex; c < Math.min(token.endIndex, line.length); c++) {
        scopes[offset + c] = token.scopes;
      }
    }
    ruleStack = result.ruleStack;
    offset += line.length + 1;
  }
  return scopes;
}

// ---- the check ----

const NAME_POSITION = /^(entity\.name\.|variable\.other\.(property|enummember)\.)/;
const FITTING = {
  raw: /^(entity\.name\.|variable\.other\.)/,
  reserved: /^(keyword|storage|variable\.language)\./,
  contextual: /^(keyword|storage|support|constant\.language|variable\.language)\./,
  primitive: /^support\.type\.primitive\./,
  directive: /^keyword\.control\.directive\./,
  number: /^constant\.numeric\./,
  string: /^string\./,
  comment: /^comment\./,
};

function requirement(lexeme, words) {
  switch (lexeme.kind) {
    case 'comment': return ['comment', FITTING.comment, lexeme.start, lexeme.end];
    case 'string': return ['string', FITTING.string, lexeme.start, lexeme.end];
    case 'number': return ['number', FITTING.number, lexeme.start, lexeme.end, NAME_POSITION];
    case 'raw': return ['raw identifier', FITTING.raw, lexeme.start, lexeme.end];
    case 'cfg': return ['cfg!', FITTING.directive, lexeme.start, lexeme.end];
    case 'directive':
      return words.directives.has(lexeme.name)
        ? ['directive', FITTING.directive, lexeme.nameStart, lexeme.end]
        : null;
    case 'word':
      if (words.reserved.has(lexeme.text)) return ['keyword', FITTING.reserved, lexeme.start, lexeme.end, NAME_POSITION];
      if (words.primitives.has(lexeme.text)) return ['primitive type', FITTING.primitive, lexeme.start, lexeme.end, NAME_POSITION];
      if (words.contextual.has(lexeme.text)) return ['contextual keyword', FITTING.contextual, lexeme.start, lexeme.end, NAME_POSITION];
      return null;
    default: return null;
  }
}

function checkFile(grammar, words, file) {
  const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const scopes = scopesByOffset(grammar, text);
  const problems = [];
  for (const lexeme of lex(text)) {
    const req = requirement(lexeme, words);
    if (!req) continue;
    const [what, fitting, start, end, alsoFitting] = req;
    for (let c = start; c < end; c++) {
      if (text[c] === '\n') continue;
      const here = scopes[c] ?? [];
      if (!here.some((s) => fitting.test(s) || (alsoFitting && alsoFitting.test(s)))) {
        const line = text.slice(0, c).split('\n').length;
        problems.push(`${path.relative(root, file)}:${line}: ${what} \`${text.slice(start, end).split('\n')[0]}\` has scopes ${JSON.stringify(here)}`);
        break;
      }
    }
  }
  return problems;
}

function zngFiles(dir, recursive) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return recursive ? zngFiles(full, true) : [];
    return entry.name.endsWith('.zng') ? [full] : [];
  });
}

const examples = zngFiles(path.join(root, 'examples'), true);
if (examples.length === 0) {
  console.error(`no .zng file under ${path.join(root, 'examples')}: nothing to check`);
  process.exit(1);
}
const files = [
  ...examples,
  ...zngFiles(path.join(root, 'tests/parse'), false),
  ...zngFiles(path.join(root, 'grammar/tests'), false),
  ...zngFiles(path.join(root, 'grammar'), false),
].sort();

const words = parserWords();
const grammar = await loadGrammar();
let failed = 0;
for (const file of files) {
  const problems = checkFile(grammar, words, file);
  if (problems.length > 0) {
    failed += 1;
    problems.forEach((p) => console.error(p));
  }
}
console.log(`textmate-examples: ${files.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
