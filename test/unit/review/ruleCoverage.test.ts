/**
 * Every rule has tests for hits and for near-misses that must stay silent, in each language it claims (issue #14).
 * Each rule declares what it claims (`RuleMeta.claims`: languages, or file kinds for a language-independent rule).
 * The cases are the labelled corpus (corpus/, `expect` and `forbid`) and every `check()` case of the rule tests in
 * this folder (`fires` and `silent`). Each case is reviewed here as its own test reviews it; a claimed language or kind
 * is covered when some case's rule fires on a file of that language or kind, and some case that must keep the rule
 * silent (a near-miss) changes a file of that language or kind and it stays silent. The failure lists exactly which
 * case is missing, rule by rule.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyPath, type Language } from '../../../src/core/review/model/paths';
import { RULES } from '../../../src/core/review/registry';
import { fileKinds, type FileKind } from '../../../src/core/review/rules/rule';
import { GRAMMARS, type SyntaxParser } from '../../../src/core/review/syntax/tree';
import type { Finding, ReviewContext } from '../../../src/core/review/types';
import { loadSyntaxParser } from '../../../src/syntax/wasmParser';
import { CASES as CORPUS } from './corpus.test';
import { ALL_AI, CHECKED_CASES, type FileSpec, ciTextOf, diffOf, headTextOf, review } from './helpers';

// The rule tests of this folder register their check() cases when loaded; load them all, so this file also works
// alone (mocha loads each file once: a file required here is not run twice).
for (const f of fs.readdirSync(__dirname).sort())
  if (f.endsWith('.test.js') && f !== path.basename(__filename))
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- suites register only while a file loads
    require(path.join(__dirname, f));

/** One labelled case, from the corpus or from a check() table. */
interface Labelled {
  readonly name: string;
  readonly files: readonly FileSpec[];
  readonly fires: readonly string[];
  readonly silent: readonly string[];
  readonly ai?: boolean;
  readonly context?: ReviewContext;
  /** Corpus cases are reviewed with head texts and syntax trees, as the CLI reviews; check() cases without. */
  readonly corpus: boolean;
}

function labelled(): Labelled[] {
  const out: Labelled[] = CORPUS.map((c) => ({
    name: `corpus ${c.id}`,
    files: c.files,
    fires: c.expect,
    silent: c.forbid,
    ai: c.ai,
    context: c.context,
    corpus: true,
  }));
  for (const c of CHECKED_CASES)
    out.push({
      name: `check "${c.lang} ${c.fires ? '+' : '-'} ${c.name}"`,
      files: Array.isArray(c.files) ? (c.files as readonly FileSpec[]) : [c.files as FileSpec],
      fires: c.fires ? [c.fires] : [],
      silent: c.silent ? [c.silent] : [],
      ai: c.ai,
      context: c.context,
      corpus: false,
    });
  return out;
}

/** A file name that shows the lead which language or kind a missing case needs. */
const EXAMPLE_PATH: Partial<Record<Language | FileKind, string>> = {
  js: 'src/x.ts',
  py: 'src/x.py',
  rust: 'src/x.rs',
  go: 'x.go',
  java: 'src/main/java/X.java',
  cs: 'src/X.cs',
  ruby: 'lib/x.rb',
  php: 'src/x.php',
  c: 'src/x.c',
  sql: 'db/x.sql',
  shell: 'scripts/x.sh',
  yaml: 'x.yaml',
  dockerfile: 'Dockerfile',
  hcl: 'infra/x.tf',
  source: 'src/x.ts',
  test: 'test/x.test.ts',
  ci: '.github/workflows/x.yml',
  manifest: 'package.json',
  lockfile: 'package-lock.json',
  config: 'tsconfig.json',
  iac: 'infra/main.tf',
  migration: 'migrations/0001_x.sql',
  docs: 'docs/x.md',
  'agent-config': 'AGENTS.md',
  ownership: 'CODEOWNERS',
  generated: 'api/x.pb.go',
  vendored: 'vendor/x/x.go',
};

/** A test file's name per language, for a missing near-miss whose hits are all in tests. */
const EXAMPLE_TEST_PATH: Partial<Record<Language, string>> = {
  js: 'test/x.test.ts',
  py: 'tests/test_x.py',
  rust: 'tests/x.rs (or a #[cfg(test)] module in src/)',
  go: 'x_test.go',
  java: 'src/test/java/XTest.java',
  cs: 'tests/XTests.cs',
};

/** Which languages or kinds a file counts for under a claim. */
function facets(file: string, byKind: boolean): string[] {
  const cls = classifyPath(file);
  return byKind ? fileKinds(cls) : [cls.language];
}

/** Production code or a test: a near-miss resembles a hit when it changes the same role of file. */
function role(file: string): string {
  const cls = classifyPath(file);
  return cls.test ? 'test' : cls.source ? 'source' : 'other';
}

describe('review rules: hits and near-misses in every claimed language', () => {
  let syntax: SyntaxParser | undefined;
  before(async () => {
    syntax = await loadSyntaxParser(GRAMMARS);
    assert.ok(syntax, 'tree-sitter grammars load');
  });

  it('every rule declares the languages (or file kinds) it claims', () => {
    const missing = RULES.filter(
      (r) =>
        !r.claims || (r.claims.languages === 'any' ? r.claims.kinds.length === 0 : r.claims.languages.length === 0),
    ).map((r) => r.id);
    assert.deepEqual(
      missing,
      [],
      `declare \`claims\` on these rules (src/core/review/rules/*.ts): ${missing.join(', ')}`,
    );
  });

  it('every claimed language or kind has a case where the rule fires and a near-miss where it stays silent', () => {
    const cases = labelled();
    assert.ok(CORPUS.length >= 40 && CHECKED_CASES.length >= 100, 'the corpus and the rule tables are loaded');
    /** rule id -> language or kind -> the cases covering it. */
    const hits = new Map<string, Map<string, string[]>>();
    const misses = new Map<string, Map<string, string[]>>();
    const hitRoles = new Map<string, Map<string, string[]>>();
    const missRoles = new Map<string, Map<string, string[]>>();
    const note = (m: Map<string, Map<string, string[]>>, rule: string, facet: string, name: string): void => {
      let byFacet = m.get(rule);
      if (!byFacet) m.set(rule, (byFacet = new Map()));
      byFacet.set(facet, [...(byFacet.get(facet) ?? []), name]);
    };
    const claims = new Map(RULES.map((r) => [r.id, r.claims]));
    for (const c of cases) {
      const context: ReviewContext | undefined = c.corpus
        ? {
            ciText: ciTextOf(...c.files),
            ...c.context,
            headText: headTextOf(...c.files),
            ...(syntax ? { syntax } : {}),
          }
        : c.context;
      const findings: readonly Finding[] = review(diffOf(...c.files), c.ai ? ALL_AI : undefined, context).findings;
      for (const rule of c.fires)
        for (const f of findings)
          if (f.ruleId === rule && f.file)
            for (const facet of facets(f.file, claims.get(rule)?.languages === 'any')) {
              note(hits, rule, facet, c.name);
              note(hitRoles, rule, `${facet} ${role(f.file)}`, c.name);
            }
      for (const rule of c.silent) {
        if (findings.some((f) => f.ruleId === rule)) continue; // its own test fails; it covers nothing here
        const claim = claims.get(rule);
        for (const file of c.files) {
          const of = facets(file.path, claim?.languages === 'any');
          // A rule that reports every change of its kinds has look-alike files of other kinds as near-misses.
          if (claim?.languages === 'any' && claim.everyChange) {
            for (const k of claim.kinds) if (!of.includes(k)) note(misses, rule, k, c.name);
          } else for (const facet of of) note(missRoles, rule, `${facet} ${role(file.path)}`, c.name);
        }
      }
    }

    // A near-miss counts in the role (production code or test) of some hit in that language or kind, so a rule that
    // never reads tests is not "silent" on a test file by construction; with no hit yet, any role counts.
    for (const [rule, byKey] of missRoles)
      for (const [key, names] of byKey) {
        const [facet, r] = key.split(' ');
        const roles = [...(hitRoles.get(rule)?.keys() ?? [])].filter((k) => k.startsWith(`${facet} `));
        if (roles.length === 0 || roles.includes(key)) for (const n of names) note(misses, rule, facet, n);
        else note(misses, rule, `${facet} (${r} only)`, names[0]);
      }

    const gaps: string[] = [];
    const table: string[] = [];
    for (const r of RULES) {
      if (!r.claims) continue;
      const claimed: readonly string[] = r.claims.languages === 'any' ? r.claims.kinds : r.claims.languages;
      const what = r.claims.languages === 'any' ? 'kind' : 'language';
      const cells: string[] = [];
      for (const facet of claimed) {
        const h = hits.get(r.id)?.get(facet)?.length ?? 0;
        const m = misses.get(r.id)?.get(facet)?.length ?? 0;
        cells.push(`${facet} ${h}+/${m}-`);
        const file = EXAMPLE_PATH[facet as Language | FileKind] ?? `a ${facet} file`;
        if (h === 0)
          gaps.push(
            `${r.id} in ${what} ${facet}: no case where it fires; add a corpus case with expect: ['${r.id}'] on ${file} (or a check() case with fires: '${r.id}')`,
          );
        const inTests = [...(hitRoles.get(r.id)?.keys() ?? [])].includes(`${facet} test`);
        const lookAlike =
          r.claims.languages === 'any' && r.claims.everyChange
            ? `a look-alike of ${file} that is no ${facet} file`
            : inTests
              ? (EXAMPLE_TEST_PATH[facet as Language] ?? file)
              : file;
        if (m === 0)
          gaps.push(
            `${r.id} in ${what} ${facet}: no near-miss; add a corpus case with forbid: ['${r.id}'] on ${lookAlike}, a change that resembles a hit (or a check() case with silent: '${r.id}')`,
          );
      }
      table.push(`  ${r.id.padEnd(26)} ${cells.join('  ')}`);
    }
    console.log(['', '  Rule coverage (cases where it fires + / near-misses -):', ...table, ''].join('\n'));
    assert.ok(gaps.length === 0, `${gaps.length} missing cases:\n  ${gaps.join('\n  ')}`);
  });
});
