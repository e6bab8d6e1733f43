// Bundles the extension and the CLI. `--watch` rebuilds on change; `--production` drops source maps' inline content.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  minify: true,
  sourcemap: true,
  sourcesContent: !production,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'info',
  define: { AIP_VERSION: JSON.stringify(version) },
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The review engine (diff, blame over a range, checklist rules), required at the first review, not on activation.
  {
    ...common,
    entryPoints: ['src/extension/review/reviewEngine.ts'],
    outfile: 'dist/reviewEngine.js',
    external: ['vscode'],
  },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // What the launcher runs for `git-hook` and `hook`: only their code, so each commit and agent step parses less.
  { ...common, entryPoints: ['src/cli/hookMain.ts'], outfile: 'dist/hookMain.js' },
  // Loads hookMain.js with V8's code cache (it must not bundle hookMain itself).
  { ...common, entryPoints: ['src/cli/hookLoader.ts'], outfile: 'dist/hookLoader.js', sourcemap: false },
];

// The review's syntax trees (src/syntax/wasmParser.ts): VS Code's tree-sitter runtime and the grammars the review
// reads, copied beside the bundles and loaded only when a review runs (the runtime stays out of the bundles).
const TREE_SITTER_FILES = [
  'tree-sitter.js',
  'tree-sitter.wasm',
  'tree-sitter-rust.wasm',
  'tree-sitter-go.wasm',
  'tree-sitter-python.wasm',
  'tree-sitter-javascript.wasm',
  'tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm',
  'tree-sitter-java.wasm',
];
const treeSitterDir = path.dirname(createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm'));
mkdirSync('dist/tree-sitter', { recursive: true });
for (const f of TREE_SITTER_FILES) copyFileSync(path.join(treeSitterDir, f), path.join('dist/tree-sitter', f));
copyFileSync(path.join(treeSitterDir, '..', 'LICENSE'), 'dist/tree-sitter/LICENSE');

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
