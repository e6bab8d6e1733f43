/**
 * The public-API rules read only the declarations a diff touches (syntax/regions.ts): which top-level declarations
 * those are on each side, the column-0 blocks parsed instead of the whole file, and the whole file parsed when such a
 * cut falls inside a declaration. Through the rule, on files large enough that most declarations are untouched.
 */
import * as assert from 'node:assert/strict';
import { parseUnifiedDiff } from '../../../src/core/review/diff/parse';
import { baseTouch, blockRows, headTouch, keepOnly, touchedTops } from '../../../src/core/review/syntax/regions';
import { GRAMMARS, type SyntaxParser } from '../../../src/core/review/syntax/tree';
import { settledRows } from '../../../src/core/review/syntax/valueEdits';
import type { ReviewContext } from '../../../src/core/review/types';
import { loadSyntaxParser } from '../../../src/syntax/wasmParser';
import { edit } from './corpus/types';
import { baseTextOf, diffOf, headTextOf, review, type FileSpec } from './helpers';

let syntax: SyntaxParser | undefined;

before(async () => {
  syntax = await loadSyntaxParser(GRAMMARS);
  assert.ok(syntax, 'tree-sitter grammars load');
});

/** The real parser, recording every text it is asked to parse. */
function countingParser(): { parser: SyntaxParser; counted: string[] } {
  const counted: string[] = [];
  const parser: SyntaxParser = {
    grammars: syntax!.grammars,
    parse: (grammar, text) => {
      counted.push(text);
      return syntax!.parse(grammar, text);
    },
  };
  return { parser, counted };
}

function apiFindings(...files: FileSpec[]): string[] {
  const context: ReviewContext = { headText: headTextOf(...files), baseText: baseTextOf(...files), syntax };
  return review(diffOf(...files), undefined, context)
    .findings.filter((f) => f.ruleId === 'public-api-changed')
    .map((f) => f.why);
}

/** `n` exported TypeScript functions, two lines apart. */
const tsFunctions = (from: number, n: number): string[] =>
  Array.from({ length: n }, (_, i) => [
    `export function step${from + i}(input: number): number {`,
    `  return input + ${from + i};`,
    '}',
  ]).flat();

describe('review syntax: touched declarations only', () => {
  it('finds the one declaration a hunk touches among many, on both sides', () => {
    const spec = edit(
      'src/steps.ts',
      [...tsFunctions(0, 20), 'export function target(', '  url: string,'],
      [],
      ['  method: string,'],
      ['  body?: string,', '): void {', '  send(url, body);', '}', ...tsFunctions(20, 20)],
    );
    const diff = parseUnifiedDiff(diffOf(spec)).files[0];
    const head = headTextOf(spec).get(spec.path)!;
    const base = baseTextOf(spec).get(spec.path)!;
    const touch = headTouch(diff);
    // The multi-line header is one column-0 block: the whole function is parsed, nothing else.
    const rows = blockRows(head, touch.rows);
    assert.deepEqual(
      rows.map((r) => head.split('\n')[r]),
      [
        'export function target(',
        '  url: string,',
        '  method: string,',
        '  body?: string,',
        '): void {',
        '  send(url, body);',
        '}',
      ],
    );
    const headTree = syntax!.parse('typescript', keepOnly(head, rows))!;
    try {
      assert.equal(headTree.rootNode.hasError, false);
      const tops = touchedTops(headTree.rootNode, touch);
      assert.deepEqual(
        tops.map((t) => t.text.split('\n')[0]),
        ['export function target('],
      );
      const old = baseTouch(
        diff,
        tops.map((t) => [t.startPosition.row, t.endPosition.row]),
      );
      // The same function on the base: its rows there, one line shorter.
      assert.deepEqual(
        old.rows.map((r) => base.split('\n')[r]),
        ['export function target(', '  url: string,', '  body?: string,', '): void {', '  send(url, body);', '}'],
      );
    } finally {
      headTree.dispose();
    }
    const why = apiFindings(spec);
    assert.equal(why.length, 1, JSON.stringify(why));
    assert.match(why[0], /target.*inserted before existing/);
  });

  it('reads TypeScript overloads next to a touched one together (an overload still accepting the call is no break)', () => {
    const spec = edit(
      'src/parse.ts',
      [
        ...tsFunctions(0, 5),
        'export function parse(text: string): Doc;',
        'export function parse(text: string, strict: boolean): Doc;',
      ],
      ['export function parse(text: string, strict?: boolean): Doc {'],
      ['export function parse(text: string, strict = false): Doc {'],
      ['  return build(text, strict);', '}', ...tsFunctions(5, 5)],
    );
    assert.deepEqual(apiFindings(spec), []);
  });

  it('parses the whole file when a cut falls inside a template literal with lines at column 0', () => {
    const spec = edit(
      'src/render.ts',
      [...tsFunctions(0, 5), 'export function banner(name: string): string {', '  return `', 'Hello ${name}'],
      ['and welcome'],
      ['and welcome back'],
      ['`;', '}', 'export function footer(year: number, owner: string): string {', '  return `${year} ${owner}`;', '}'],
    );
    // Only the string's text changed: no public signature did.
    assert.deepEqual(apiFindings(spec), []);
    const changed = edit(
      'src/render.ts',
      [
        ...tsFunctions(0, 5),
        'export function banner(name: string): string {',
        '  return `',
        'Hello ${name}',
        '`;',
        '}',
      ],
      ['export function footer(year: number, owner: string): string {'],
      ['export function footer(owner: string, year: number): string {'],
      ['  return `${year} ${owner}`;', '}'],
    );
    const why = apiFindings(changed);
    assert.equal(why.length, 1, JSON.stringify(why));
    assert.match(why[0], /footer/);
  });

  it('a body-only change deep in a large module reads no signature change', () => {
    const spec = edit(
      'src/steps.ts',
      [...tsFunctions(0, 30), 'export function last(input: number): number {'],
      ['  return input;'],
      ['  return input * 2;'],
      ['}', ...tsFunctions(30, 30)],
    );
    assert.deepEqual(apiFindings(spec), []);
  });

  it('Python: a decorated method of a class keeps its decorator and class when only its parameter line changed', () => {
    const fns = (from: number): string[] =>
      Array.from({ length: 8 }, (_, i) => [`def helper${from + i}(x):`, `    return x + ${i}`, '']).flat();
    const spec = edit(
      'pkg/client.py',
      [...fns(0), 'class Client:', '    @staticmethod', '    def fetch(', '        url,'],
      [],
      ['        method,'],
      ['        timeout=None,', '    ):', '        return url', '', ...fns(8)],
    );
    const why = apiFindings(spec);
    assert.equal(why.length, 1, JSON.stringify(why));
    assert.match(why[0], /Client\.fetch.*inserted before existing/);
  });

  it('Rust: a method of an impl block among others; a private helper next to it stays out', () => {
    const items = (from: number): string[] =>
      Array.from({ length: 6 }, (_, i) => [`pub fn item${from + i}(x: u32) -> u32 {`, `    x + ${i}`, '}', '']).flat();
    const pub = edit(
      'src/store.rs',
      [...items(0), 'impl Store {'],
      ['    pub fn get(&self, key: &str) -> Option<String> {'],
      ['    pub fn get(&self, key: &str, fresh: bool) -> Option<String> {'],
      ['        self.map.get(key).cloned()', '    }', '}', ...items(6)],
    );
    const why = apiFindings(pub);
    assert.equal(why.length, 1, JSON.stringify(why));
    assert.match(why[0], /Store\.get.*fresh/);
    const crate = edit(
      'src/store.rs',
      [...items(0), 'impl Store {'],
      ['    pub(crate) fn get(&self, key: &str) -> Option<String> {'],
      ['    pub(crate) fn get(&self, key: &str, fresh: bool) -> Option<String> {'],
      ['        self.map.get(key).cloned()', '    }', '}', ...items(6)],
    );
    assert.deepEqual(apiFindings(crate), []);
  });

  it('Go: an exported function among others, and the same change in package main', () => {
    const fns = (from: number): string[] =>
      Array.from({ length: 6 }, (_, i) => [`func Item${from + i}(x int) int {`, `\treturn x + ${i}`, '}', '']).flat();
    const lib = edit(
      'store/store.go',
      ['package store', '', ...fns(0)],
      ['func Open(path string) (*Store, error) {'],
      ['func Open(ctx context.Context, path string) (*Store, error) {'],
      ['\treturn open(path)', '}', '', ...fns(6)],
    );
    const why = apiFindings(lib);
    assert.equal(why.length, 1, JSON.stringify(why));
    assert.match(why[0], /Open/);
    const main = edit(
      'store/store.go',
      ['package main', '', ...fns(0)],
      ['func Open(path string) (*Store, error) {'],
      ['func Open(ctx context.Context, path string) (*Store, error) {'],
      ['\treturn open(path)', '}', '', ...fns(6)],
    );
    assert.deepEqual(apiFindings(main), []);
  });

  it('Java: a public method of a public class, the class parsed whole', () => {
    const spec = edit(
      'src/main/java/acme/Store.java',
      [
        'package acme;',
        '',
        'public class Store {',
        '    private int size;',
        '',
        '    public int size() {',
        '        return size;',
        '    }',
        '',
      ],
      ['    public String get(String key) {'],
      ['    public String get(String key, boolean fresh) {'],
      ['        return key;', '    }', '}'],
    );
    const why = apiFindings(spec);
    assert.equal(why.length, 1, JSON.stringify(why));
    assert.match(why[0], /Store\.get/);
  });

  it('parses a head text once per review: the structure read and the public surface share its tree', () => {
    const { parser, counted } = countingParser();
    const spec = edit(
      'src/store.rs',
      ['use std::path::Path;', ''],
      ['pub fn open(path: &Path) -> Store {'],
      ['pub fn open(root: &Path, path: &Path) -> Store {'],
      ['    Store::new(path)', '}'],
    );
    const head = headTextOf(spec).get(spec.path)!;
    const context: ReviewContext = { headText: headTextOf(spec), baseText: baseTextOf(spec), syntax: parser };
    const why = review(diffOf(spec), undefined, context)
      .findings.filter((f) => f.ruleId === 'public-api-changed')
      .map((f) => f.why);
    assert.equal(why.length, 1, JSON.stringify(why));
    // Rust heads are read for inline tests when the change is built; the surface reuses that tree,
    // with no cut of the head parsed on top: the only other parse is the base's touched blocks.
    assert.equal(counted.filter((t) => t === head).length, 1);
    assert.equal(counted.filter((t) => t !== head).length, 1);
  });

  it('reads no tree for the surface of a file that exports nothing on either side', () => {
    const { parser, counted } = countingParser();
    const local = (p: string) => [`function step(${p}): number {`, '  return 1;', '}', 'const total = step(2);'];
    const spec = edit('src/setup.ts', [], local('a: number'), local('b: string, a: number'));
    const context: ReviewContext = { headText: headTextOf(spec), baseText: baseTextOf(spec), syntax: parser };
    const api = review(diffOf(spec), undefined, context).findings.filter((f) => f.ruleId === 'public-api-changed');
    assert.deepEqual(api, []);
    // The head may be read for its structure (a signature line changed); nothing of the base side is parsed.
    const head = headTextOf(spec).get(spec.path)!;
    assert.deepEqual(
      counted.filter((t) => t !== head),
      [],
    );
  });

  it('leaves out constants that only got a new value (on any row), and nothing that could change a signature', () => {
    const spec = edit(
      'src/limits.ts',
      ['export const A = 1;'],
      [
        'export const LIMIT = 10;',
        'export const NAME: string = "x";',
        'export const OLD = 1;',
        'export let PAIR = 1, OTHER = 2;',
      ],
      [
        'export const extra = 5;',
        'export const NAME: string = "y";',
        'export const NEW = 1;',
        'export let PAIR = 3, OTHER = 2;',
        'export const LIMIT = 20;',
      ],
      ['export const B = 2;'],
    );
    const diff = parseUnifiedDiff(diffOf(spec)).files[0];
    const base = baseTextOf(spec).get(spec.path)!.split('\n');
    const head = headTextOf(spec).get(spec.path)!.split('\n');
    const settled = settledRows('typescript', diff)!;
    assert.deepEqual(
      [...settled.base].sort((a, b) => a - b).map((r) => base[r]),
      ['export const LIMIT = 10;', 'export const NAME: string = "x";'],
    );
    assert.deepEqual(
      [...settled.head].sort((a, b) => a - b).map((r) => head[r]),
      ['export const NAME: string = "y";', 'export const LIMIT = 20;'],
    );
    // Everything else is read as before: the constant gone (the first new one is taken for its new name).
    const why = apiFindings(spec);
    assert.equal(why.length, 1, JSON.stringify(why));
    assert.match(why[0], /OLD.*renamed to .extra./);
    // Lines that could be more than a value are never left out.
    const same = (a: string, b: string): boolean =>
      settledRows('typescript', parseUnifiedDiff(diffOf(edit('src/x.ts', [], [a], [b]))).files[0]) !== undefined;
    assert.equal(same('export const f = make(1);', 'export const f = make(2);'), true);
    assert.equal(same('export const f = make(1);', 'export const f = (x) => x;'), false);
    assert.equal(same('export const f = make(1);', 'export const f = function () {};'), false);
    assert.equal(same('export const f = 1;', 'export const f = `'), false);
    assert.equal(same('  const f = 1;', '  const f = 2;'), false);
    assert.equal(same('export const f = 1;', 'export const g = 1;'), false);
  });

  it('a constant removed from one file is not reported when another file only changed the value of the same name', () => {
    const fns = tsFunctions(0, 5);
    const gone = edit('src/a.ts', fns, ['export const LIMIT = 10;'], [], ['export const keep = 1;']);
    const moved = edit(
      'src/b.ts',
      fns,
      ['export const LIMIT = 5;'],
      ['export const LIMIT = 10;'],
      ['export const b = 1;'],
    );
    assert.deepEqual(apiFindings(gone, moved), []);
    // Without the other file it is a removal.
    const why = apiFindings(gone);
    assert.equal(why.length, 1, JSON.stringify(why));
    assert.match(why[0], /LIMIT.*removed/);
  });
});
