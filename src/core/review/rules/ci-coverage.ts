/**
 * What the repository's CI workflows at the head test, read from their text: which toolchain versions their jobs
 * run (matrix values, setup actions' inputs, `--python 3.10`, `cargo +1.70`, `dtolnay/rust-toolchain@1.70`), which
 * resolve dependencies at their lowest versions (`-Z minimal-versions`, `uv --resolution lowest`), and which install a
 * named package at a given version. Plain line reading of YAML: keys, inline lists and block lists.
 */
import type { RepoFile } from '../types';
import { versionParts } from './version-bounds';

export type Toolchain = 'python' | 'node' | 'rust' | 'go' | 'java';

export interface CiCoverage {
  /** Workflow files read, with their job ids: "ci.yml (test, lint)". */
  readonly read: readonly string[];
  /** Toolchain versions some job runs, as written ("3.10", "22", "1.70.0"). */
  readonly versions: ReadonlyMap<Toolchain, readonly string[]>;
  /** Toolchains whose version a job takes from the manifest's own minimum (`go-version-file: go.mod`, cargo-msrv). */
  readonly fromManifest: ReadonlySet<Toolchain>;
  /** Ecosystems a job resolves at their lowest versions, with the line that says so. */
  readonly lowest: ReadonlyMap<'cargo' | 'pypi' | 'npm', string>;
  /** Whether some job builds or tests Go code (Go always builds with the minimum versions go.mod names). */
  readonly buildsGo: boolean;
  readonly lines: readonly string[];
}

const KEYS: readonly [Toolchain, RegExp][] = [
  ['python', /^(?:python(?:[-_]?versions?)?|py(?:thon)?[-_]?ver(?:sion)?s?)$/i],
  ['node', /^node(?:[-_]?(?:versions?|js))?$/i],
  ['rust', /^(?:rust(?:[-_]?(?:versions?|toolchain))?|toolchain|msrv)$/i],
  ['go', /^go(?:[-_]?versions?)?$/i],
  ['java', /^(?:java(?:[-_]?versions?)?|jdk)$/i],
];
const INLINE: readonly [Toolchain, RegExp][] = [
  ['python', /(?:--python[= ]|\buv python install |\bpython)(3\.\d+)\b/g],
  ['rust', /(?:rust-toolchain@|cargo \+|rustup (?:toolchain install|default|override set) )(\d+\.\d+(?:\.\d+)?)\b/g],
];
const LOWEST: readonly ['cargo' | 'pypi' | 'npm', RegExp][] = [
  ['cargo', /-Z\s*(?:direct-)?minimal-versions|\bcargo[- ]minimal-versions\b|\bminimal-versions\b/],
  [
    'pypi',
    /--resolution[= ]["']?lowest|\bUV_RESOLUTION\s*:\s*["']?lowest|\blowest-direct\b|\bresolution:\s*["']?lowest/,
  ],
  ['npm', /\bnpm-min-deps\b|--prefer-lowest\b/],
];

export function readCiCoverage(files: readonly RepoFile[]): CiCoverage {
  const read: string[] = [];
  const versions = new Map<Toolchain, string[]>();
  const fromManifest = new Set<Toolchain>();
  const lowest = new Map<'cargo' | 'pypi' | 'npm', string>();
  const lines: string[] = [];
  let buildsGo = false;
  const note = (t: Toolchain, v: string): void => {
    if (versionParts(v) === null) return;
    const list = versions.get(t) ?? [];
    if (!list.includes(v)) list.push(v);
    versions.set(t, list);
  };
  for (const file of files) {
    const text = file.text.split(/\r?\n/);
    const jobs: string[] = [];
    let inJobs = false;
    let list: Toolchain | null = null;
    let listIndent = -1;
    for (const raw of text) {
      const line = raw.replace(/\s+#.*$/, '');
      if (/^\S/.test(line)) inJobs = /^jobs\s*:/.test(line);
      else if (inJobs) {
        const job = /^ {2}([\w-]+)\s*:\s*$/.exec(line);
        if (job) jobs.push(job[1]);
      }
      lines.push(line);
      const indent = /^\s*/.exec(line)![0].length;
      const item = /^\s*-\s*["']?([\w.*/-]+)["']?\s*$/.exec(line);
      if (list && item && indent >= listIndent) {
        note(list, item[1]);
        continue;
      }
      list = null;
      const kv = /^\s*-?\s*["']?([\w-]+)["']?\s*:\s*(.*)$/.exec(line);
      if (kv) {
        const kind = KEYS.find(([, re]) => re.test(kv[1]))?.[0];
        const value = kv[2].trim();
        if (kind && value === '') {
          list = kind;
          listIndent = indent;
        } else if (kind)
          for (const v of value.replace(/^\[|\]$/g, '').split(',')) note(kind, v.trim().replace(/^["']|["']$/g, ''));
        if (/^go-version-file$/i.test(kv[1]) && /go\.mod/.test(value)) fromManifest.add('go');
      }
      for (const [t, re] of INLINE) for (const m of line.matchAll(re)) note(t, m[1]);
      if (/\bcargo[- ]msrv\b|\bmsrv\b.*\brust-version\b|\brust-version\b.*\bmsrv\b/i.test(line))
        fromManifest.add('rust');
      for (const [eco, re] of LOWEST)
        if (!lowest.has(eco) && re.test(line)) lowest.set(eco, `${file.path}: ${line.trim()}`);
      if (/\bgo\s+(?:test|build|vet)\b|golangci-lint|actions\/setup-go@/.test(line)) buildsGo = true;
    }
    const name = file.path.replace(/^.*\//, '');
    read.push(jobs.length > 0 ? `${name} (${jobs.slice(0, 6).join(', ')}${jobs.length > 6 ? ', ...' : ''})` : name);
  }
  return { read, versions, fromManifest, lowest, buildsGo, lines };
}

/** Whether a job runs `toolchain` at `min`: same major.minor (Python, Rust, Go), same major (Node, Java). */
export function runsToolchain(ci: CiCoverage, toolchain: Toolchain, min: string): string | undefined {
  const want = versionParts(min);
  if (!want) return undefined;
  const depth = toolchain === 'node' || toolchain === 'java' ? 1 : 2;
  return ci.versions.get(toolchain)?.find((v) => {
    const got = versionParts(v);
    if (!got || got.length < Math.min(depth, want.length)) return false;
    for (let i = 0; i < depth; i++) if ((got[i] ?? 0) !== (want[i] ?? 0)) return false;
    return true;
  });
}

/** A workflow line installing `name` pinned at `min` (`pip install "httpx==0.27.1"`, `npm i react@17`). */
export function installsAt(ci: CiCoverage, name: string, min: string): string | undefined {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const v = min.replace(/\./g, '\\.');
  const re = new RegExp(`(?<![\\w.-])${n}(?:\\[[^\\]]*\\])?\\s*(?:==|@|=)\\s*v?${v}(?![\\d])`, 'i');
  return ci.lines.find((l) => re.test(l))?.trim();
}
