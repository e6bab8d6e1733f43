/**
 * Loads VS Code's tree-sitter runtime and grammars (`@vscode/tree-sitter-wasm`) and hands core a SyntaxParser. Lazy:
 * nothing loads until a review asks, and then only the grammars the change needs; the runtime and each grammar load
 * once per process. The bundles carry the files in dist/tree-sitter/ (esbuild.config.mjs); tests and tsc output read
 * them from node_modules. Any failure leaves the review on its line rules (the checklist says so).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import type { Grammar, ParsedTree, SyntaxNode, SyntaxParser } from '../core/review/syntax/tree';

type Runtime = typeof TreeSitter;

/** Grammar files, by our grammar names. */
const GRAMMAR_FILES: Readonly<Record<Grammar, string>> = {
  rust: 'tree-sitter-rust.wasm',
  go: 'tree-sitter-go.wasm',
  python: 'tree-sitter-python.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  java: 'tree-sitter-java.wasm',
};

/** Larger files are judged by the line rules: a review must not stall on one generated file. */
const MAX_PARSE_CHARS = 512 * 1024;
/** Time one file's parse may take before it is abandoned. */
const PARSE_BUDGET_MS = 2_000;

const PACKAGE = '@vscode/tree-sitter-wasm';

let runtime: Promise<Runtime> | undefined;
const languages = new Map<Grammar, Promise<TreeSitter.Language>>();

/** Where the runtime and grammar files are: beside the bundle, else the installed package. */
function wasmDir(): string {
  const bundled = path.join(__dirname, 'tree-sitter');
  if (fs.existsSync(path.join(bundled, 'tree-sitter.js'))) return bundled;
  // A variable, so the bundler neither bundles nor warns about it: bundles always have their own copy.
  return path.dirname(require.resolve(PACKAGE));
}

function loadRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    const dir = wasmDir();
    // A computed path: the bundler leaves the runtime out of the bundles, so loading them never parses it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require(path.join(dir, 'tree-sitter.js')) as Runtime;
    const wasmBinary = await fs.promises.readFile(path.join(dir, 'tree-sitter.wasm'));
    await ts.Parser.init({ wasmBinary, locateFile: (f: string) => path.join(dir, f) } as never);
    return ts;
  })();
  runtime.catch(() => (runtime = undefined));
  return runtime;
}

function loadLanguage(ts: Runtime, grammar: Grammar): Promise<TreeSitter.Language> {
  let p = languages.get(grammar);
  if (!p) {
    p = fs.promises.readFile(path.join(wasmDir(), GRAMMAR_FILES[grammar])).then((bytes) => ts.Language.load(bytes));
    p.catch(() => languages.delete(grammar));
    languages.set(grammar, p);
  }
  return p;
}

/**
 * A parser for `grammars` (the ones that load). Undefined, with a log line, when the runtime cannot load; a grammar
 * that fails is left out and its files keep the line rules.
 */
export async function loadSyntaxParser(
  grammars: Iterable<Grammar>,
  log: (message: string) => void = () => {},
): Promise<SyntaxParser | undefined> {
  const wanted = [...new Set(grammars)];
  if (wanted.length === 0) return undefined;
  let ts: Runtime;
  try {
    ts = await loadRuntime();
  } catch (err) {
    log(`review: syntax trees unavailable (${(err as Error).message}); rules read lines only`);
    return undefined;
  }
  const loaded = new Map<Grammar, TreeSitter.Language>();
  await Promise.all(
    wanted.map(async (g) => {
      try {
        loaded.set(g, await loadLanguage(ts, g));
      } catch (err) {
        log(`review: the ${g} grammar did not load (${(err as Error).message}); ${g} files are read line by line`);
      }
    }),
  );
  if (loaded.size === 0) return undefined;
  const parser = new ts.Parser();
  return {
    grammars: new Set(loaded.keys()),
    parse(grammar: Grammar, text: string): ParsedTree | undefined {
      const language = loaded.get(grammar);
      if (!language || text.length > MAX_PARSE_CHARS) return undefined;
      parser.setLanguage(language);
      const deadline = performance.now() + PARSE_BUDGET_MS;
      const tree = parser.parse(text, null, { progressCallback: () => performance.now() > deadline });
      if (!tree) return undefined;
      return { rootNode: tree.rootNode as unknown as SyntaxNode, dispose: () => tree.delete() };
    },
  };
}
