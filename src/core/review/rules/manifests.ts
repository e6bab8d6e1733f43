/**
 * Reads dependency declarations out of the added lines of manifests (package.json, requirements, pyproject, go.mod,
 * Cargo.toml, pom.xml, Gradle, .csproj). The diff shows only a window of each file, so the section a line sits in is
 * recovered from the hunk's own lines where possible and guessed from the value's shape where not.
 */
import type { ChangeFile, ChangeLine } from '../model/change';
import { linesBefore } from '../model/change';
import { baseName } from '../model/paths';
import type { Ecosystem } from '../types';

export interface DeclaredDependency {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  /** Version spec or source as written (may be a git URL, a path, a tarball). */
  readonly spec: string;
  readonly line: ChangeLine;
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

export function declaredDependencies(file: ChangeFile): DeclaredDependency[] {
  const eco = file.cls.manifest;
  if (!eco || file.added.length === 0) return [];
  const base = baseName(file.path).toLowerCase();
  const out: DeclaredDependency[] = [];
  const push = (name: string, spec: string, line: ChangeLine): void => {
    out.push({ ecosystem: eco, name, spec, line });
  };
  if (base === 'package.json') {
    for (const l of file.added) {
      const m = /^\s*"((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)"\s*:\s*"([^"]*)"\s*,?\s*$/i.exec(l.text);
      if (!m) continue;
      const section = sectionOf(file, l, /^\s*"(\w+)"\s*:\s*\{\s*$/, /^\s*\}/);
      const isDep = section !== null ? NPM_DEP_SECTIONS.has(section) : !NPM_TOP_FIELDS.has(m[1]) && NPM_SPEC.test(m[2]);
      if (isDep) push(m[1], m[2], l);
    }
  } else if (base.startsWith('requirements') || base.endsWith('.in')) {
    for (const l of file.added) {
      const t = l.text.trim();
      if (t === '' || t.startsWith('#') || t.startsWith('-')) continue;
      const egg = /#egg=([A-Za-z0-9][\w.-]*)/.exec(t);
      if (egg) push(egg[1], t, l);
      else {
        const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$/.exec(t);
        if (m && !/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) push(m[1], m[2].trim(), l);
      }
    }
  } else if (base === 'pyproject.toml' || base === 'pipfile') {
    for (const l of file.added) {
      const section = sectionOf(file, l, /^\s*\[([^\]]+)\]\s*$/, null);
      const item = /^\s*["']([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*([^"']*)["']\s*,?\s*$/.exec(l.text);
      const kv = /^\s*([A-Za-z0-9][\w.-]*)\s*=\s*("[^"]*"|'[^']*'|\{.*)\s*$/.exec(l.text);
      if (
        item &&
        (section === null ||
          section === 'project' ||
          /dependencies|optional-dependencies|dependency-groups/.test(section))
      ) {
        push(item[1], item[2].trim(), l);
      } else if (
        kv &&
        section !== null &&
        /(^|\.)(dependencies|dev-dependencies|packages|dev-packages)$|\.group\.[^.]+\.dependencies$/.test(section) &&
        kv[1] !== 'python'
      ) {
        push(kv[1], kv[2], l);
      }
    }
  } else if (base === 'go.mod') {
    for (const l of file.added) {
      const m = /^\s*(?:require\s+)?([a-z0-9][\w.-]*\.[a-z]{2,}(?:\/[\w.~-]+)+)\s+(v\d[\w.+-]*)/.exec(l.code);
      if (m && !/^\s*(replace|exclude|retract|module)\b/.test(l.text)) push(m[1], m[2], l);
    }
  } else if (base === 'cargo.toml') {
    for (const l of file.added) {
      const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*("[^"]*"|\{.*)\s*$/.exec(l.code);
      if (!m) continue;
      const section = sectionOf(file, l, /^\s*\[([^\]]+)\]\s*$/, null);
      const isDep =
        section !== null
          ? /(^|\.)(dependencies|dev-dependencies|build-dependencies)$/.test(section)
          : !CARGO_PKG_KEYS.has(m[1]) && /^"[\^~=<>*]?\d|^\{.*\b(version|git|path)\s*=/.test(m[2]);
      if (isDep) push(m[1], m[2], l);
    }
  } else if (base === 'pom.xml') {
    for (const l of file.added) {
      const art = /<artifactId>\s*([\w.-]+)\s*<\/artifactId>/.exec(l.text);
      if (!art) continue;
      const before = linesBefore(file, l, 4);
      const group = before.map((t) => /<groupId>\s*([\w.-]+)\s*<\/groupId>/.exec(t)).find((g) => g);
      const parent = sectionOf(file, l, /<(dependency|plugin|parent|extension)>/, null);
      if (group && (parent === null || parent === 'dependency')) push(`${group[1]}:${art[1]}`, '', l);
    }
  } else if (base.startsWith('build.gradle')) {
    for (const l of file.added) {
      const m =
        /^\s*(?:implementation|api|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|annotationProcessor|kapt|ksp|compile)\s*\(?\s*['"]([\w.-]+):([\w.-]+)(?::([^'"]*))?['"]/.exec(
          l.code,
        );
      if (m) push(`${m[1]}:${m[2]}`, m[3] ?? '', l);
    }
  } else {
    for (const l of file.added) {
      const m =
        /<(?:PackageReference|PackageVersion|package)\s+(?:Include|Update|id)\s*=\s*"([\w.-]+)"(?:.*?[Vv]ersion\s*=\s*"([^"]*)")?/.exec(
          l.text,
        );
      if (m) push(m[1], m[2] ?? '', l);
    }
  }
  return out;
}

/**
 * The innermost open section above a line inside its hunk: the nearest `open` match not closed by a `close` match in
 * between (JSON), or simply the nearest `open` match when `close` is null (TOML headers, XML parents). Null when
 * the hunk does not show one.
 */
function sectionOf(file: ChangeFile, at: ChangeLine, open: RegExp, close: RegExp | null): string | null {
  const lines = file.diff.hunks[at.hunk].lines;
  let depth = 0;
  for (let i = at.index - 1; i >= 0; i--) {
    if (lines[i].kind === 'del') continue;
    const t = lines[i].text;
    if (close && close.test(t)) {
      depth++;
      continue;
    }
    const m = open.exec(t);
    if (m) {
      if (depth === 0) return m[1];
      depth--;
    }
  }
  return null;
}
