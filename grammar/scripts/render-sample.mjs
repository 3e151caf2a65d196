// Renders sample.zng with the TextMate grammar through shiki (VS Code's
// "Dark+" theme) to an HTML page; render-sample.sh screenshots it.
// Usage: node render-sample.mjs INPUT.zng OUTPUT.html
import fs from 'node:fs';
import path from 'node:path';
import { createHighlighter } from 'shiki';

const [input, output] = process.argv.slice(2);
const grammarFile = path.join(import.meta.dirname, '..', 'zng.tmLanguage.json');
const grammar = JSON.parse(fs.readFileSync(grammarFile, 'utf8'));
const highlighter = await createHighlighter({
  themes: ['dark-plus'],
  langs: [{ ...grammar, name: 'zng' }],
});
const code = fs.readFileSync(input, 'utf8').replace(/\n$/, '');
const body = highlighter.codeToHtml(code, { lang: 'zng', theme: 'dark-plus' });
fs.writeFileSync(
  output,
  `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #1e1e1e; }
pre { margin: 0; padding: 16px 20px; font: 15px/1.45 "DejaVu Sans Mono", monospace; }
</style></head><body>${body}</body></html>\n`,
);
