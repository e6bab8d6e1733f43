/**
 * Reads dependency declarations out of the added lines of manifests (package.json, requirements, pyproject, go.mod,
 * Cargo.toml, pom.xml, Gradle, .csproj). The diff shows only a window of each file, so the section a line sits in is
 * recovered from the hunk's own lines where possible and guessed from the value's shape where not.
 */
import type { ChangeFile, ChangeLine } from '../model/change';
import { linesBefore } from '../model/change';
import { REQUIREMENTS_FILE, baseName } from '../model/paths';
import type { Ecosystem } from '../types';
import { DependencyKind, arrayKeyOf, pythonGroupKind, requirementsKind, sectionOf } from './manifest-kind';

export type { DependencyKind } from './manifest-kind';

export interface DeclaredDependency {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  /** Version spec or source as written (may be a git URL, a path, a tarball). */
  readonly spec: string;
  readonly line: ChangeLine;
  /** Runtime, or only for development/tests/docs (`dev`) or the build (`build`): the last two never reach a user. */
  readonly kind: DependencyKind;
}

const NPM_DEP_SECTIONS = new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']);
const NPM_TOP_FIELDS = new Set([
  'name',
  'version',
  'description',
  'main',
  'module',
  'types',
  'typings',
  'license',
  'author',
  'homepage',
  'private',
  'type',
  'packageManager',
  'browser',
  'bin',
  'exports',
  'publisher',
  'displayName',
  'icon',
  'sideEffects',
]);
const NPM_SPEC =
  /^(?:[\^~<>=*]|\d|x$|latest$|next$|workspace:|npm:|file:|link:|git\+|git:|github:|https?:|[\w-]+\/[\w.-]+(?:#.*)?$)/;
const CARGO_PKG_KEYS = new Set([
  'name',
  'version',
  'edition',
  'authors',
  'description',
  'license',
  'repository',
  'readme',
  'homepage',
  'documentation',
  'keywords',
  'categories',
  'publish',
  'build',
  'rust-version',
  'resolver',
  'members',
  'exclude',
  'include',
  'default-run',
  'workspace',
  'license-file',
  'links',
  'autobins',
  'autoexamples',
  'autotests',
]);

/**
 * Dependencies declared on the added lines (`side` new) or on the removed lines (`side` old, to pair a changed
 * version line with what it replaced).
 */
export function declaredDependencies(file: ChangeFile, side: 'new' | 'old' = 'new'): DeclaredDependency[] {
  const eco = file.cls.manifest;
  const lines = side === 'new' ? file.added : file.removed;
  if (!eco || lines.length === 0) return [];
  const base = baseName(file.path).toLowerCase();
  const out: DeclaredDependency[] = [];
  const push = (name: string, spec: string, line: ChangeLine, kind: DependencyKind = 'runtime'): void => {
    out.push({ ecosystem: eco, name, spec, line, kind });
  };
  const section = (l: ChangeLine, open: RegExp, close: RegExp | null): string | null =>
    sectionOf(file, l, side, open, close);
  if (base === 'package.json') {
    for (const l of lines) {
      const m = /^\s*"((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)"\s*:\s*"([^"]*)"\s*,?\s*$/i.exec(l.text);
      if (!m) continue;
      const sec = section(l, /^\s*"(\w+)"\s*:\s*\{\s*$/, /^\s*\}/);
      const isDep = sec !== null ? NPM_DEP_SECTIONS.has(sec) : !NPM_TOP_FIELDS.has(m[1]) && NPM_SPEC.test(m[2]);
      if (isDep) push(m[1], m[2], l, sec === 'devDependencies' ? 'dev' : 'runtime');
    }
  } else if (base.startsWith('requirements') || base.endsWith('.in') || REQUIREMENTS_FILE.test(file.path)) {
    const kind = requirementsKind(file.path);
    for (const l of lines) {
      const t = l.text.trim();
      if (t === '' || t.startsWith('#') || t.startsWith('-')) continue;
      const egg = /#egg=([A-Za-z0-9][\w.-]*)/.exec(t);
      if (egg) push(egg[1], t, l, kind);
      else {
        const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$/.exec(t);
        if (m && !/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) push(m[1], m[2].trim(), l, kind);
      }
    }
  } else if (base === 'pyproject.toml' || base === 'pipfile') {
    for (const l of lines) {
      const sec = section(l, /^\s*\[([^\]]+)\]\s*$/, null);
      // A requirement string: a name, then nothing, a version operator, extras or a marker (not a classifier).
      const quoted = /^\s*(["'])([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*((?:[<>=!~;@(](?:(?!\1).)*)?)\1\s*,?\s*$/.exec(
        l.text,
      );
      const item = quoted ? [quoted[0], quoted[2], quoted[3]] : null;
      const kv = /^\s*([A-Za-z0-9][\w.-]*)\s*=\s*("[^"]*"|'[^']*'|\{.*)\s*$/.exec(l.text);
      const key = item ? arrayKeyOf(file, l, side) : null;
      if (
        item &&
        (sec === null ||
          key === 'dependencies' ||
          (sec === 'project' && key === null) ||
          /dependencies|optional-dependencies|dependency-groups/.test(sec))
      ) {
        push(item[1], item[2].trim(), l, pythonGroupKind(sec, key));
      } else if (
        kv &&
        sec !== null &&
        /(^|\.)(dependencies|dev-dependencies|packages|dev-packages)$|\.group\.[^.]+\.dependencies$/.test(sec) &&
        kv[1] !== 'python'
      ) {
        push(kv[1], kv[2], l, pythonGroupKind(sec, null));
      }
    }
  } else if (base === 'go.mod') {
    // Go 1.24 `tool` lines name commands run from the module; their requires are build tools, not runtime code.
    const tools = file.diff.hunks
      .flatMap((h) => h.lines)
      .map((l) => /^\s*(?:tool\s+)?([\w.-]+\.[a-z]{2,}\/\S+)\s*$/.exec(l.text)?.[1])
      .filter((t): t is string => t !== undefined);
    for (const l of lines) {
      const m = /^\s*(?:require\s+)?([a-z0-9][\w.-]*\.[a-z]{2,}(?:\/[\w.~-]+)+)\s+(v\d[\w.+-]*)/.exec(l.code);
      if (m && !/^\s*(replace|exclude|retract|module|tool)\b/.test(l.text))
        push(m[1], m[2], l, tools.some((t) => t === m[1] || t.startsWith(m[1] + '/')) ? 'build' : 'runtime');
    }
  } else if (base === 'cargo.toml') {
    for (const l of lines) {
      const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*("[^"]*"|\{.*)\s*$/.exec(l.code);
      if (!m) continue;
      const sec = section(l, /^\s*\[([^\]]+)\]\s*$/, null);
      const isDep =
        sec !== null
          ? /(^|\.)(dependencies|dev-dependencies|build-dependencies)$/.test(sec)
          : !CARGO_PKG_KEYS.has(m[1]) && /^"[\^~=<>*]?\d|^\{.*\b(version|git|path)\s*=/.test(m[2]);
      const kind = sec?.endsWith('dev-dependencies')
        ? 'dev'
        : sec?.endsWith('build-dependencies')
          ? 'build'
          : 'runtime';
      // `{ workspace = true }` takes the crate from the workspace root's table: what is new there shows in that file.
      if (isDep && !/^\{.*\bworkspace\s*=\s*true\b/.test(m[2])) push(m[1], m[2], l, kind);
    }
  } else if (base === 'pom.xml') {
    for (const l of lines) {
      const art = /<artifactId>\s*([\w.-]+)\s*<\/artifactId>/.exec(l.text);
      if (!art) continue;
      const before = linesBefore(file, l, 4);
      const group = before.map((t) => /<groupId>\s*([\w.-]+)\s*<\/groupId>/.exec(t)).find((g) => g);
      const parent = section(l, /<(dependency|plugin|parent|extension)>/, null);
      const scope = file.diff.hunks[l.hunk].lines
        .slice(l.index + 1, l.index + 5)
        .map((x) => /<scope>\s*(\w+)\s*<\/scope>/.exec(x.text)?.[1])
        .find((x) => x);
      if (group && (parent === null || parent === 'dependency'))
        push(`${group[1]}:${art[1]}`, '', l, scope === 'test' ? 'dev' : scope === 'provided' ? 'build' : 'runtime');
    }
  } else if (base.startsWith('build.gradle')) {
    for (const l of lines) {
      const m =
        /^\s*(implementation|api|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|testCompileOnly|androidTestImplementation|annotationProcessor|kapt|ksp|compile)\s*\(?\s*['"]([\w.-]+):([\w.-]+)(?::([^'"]*))?['"]/.exec(
          l.code,
        );
      const kind = /^(?:test|androidTest)/.test(m?.[1] ?? '')
        ? 'dev'
        : /^(?:annotationProcessor|kapt|ksp)$/.test(m?.[1] ?? '')
          ? 'build'
          : 'runtime';
      if (m) push(`${m[2]}:${m[3]}`, m[4] ?? '', l, kind);
    }
  } else {
    for (const l of lines) {
      const m =
        /<(?:PackageReference|PackageVersion|package)\s+(?:Include|Update|id)\s*=\s*"([\w.-]+)"(?:.*?[Vv]ersion\s*=\s*"([^"]*)")?/.exec(
          l.text,
        );
      // PrivateAssets="all": analysers and build tasks, never a dependency of the package built.
      if (m) push(m[1], m[2] ?? '', l, /PrivateAssets\s*=\s*"all"/i.test(l.text) ? 'build' : 'runtime');
    }
  }
  return out;
}
