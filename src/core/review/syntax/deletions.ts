/**
 * Calls that delete files, per grammar, and which of the names a function passes to them come from its caller: what
 * syntax/signatures.ts records for every function so rules/public-deletes.ts can tell a public function that newly
 * deletes its caller's paths (or the user's home or working directory) from one cleaning up its own scratch space.
 */
import { paramsOf } from './params';
import type { Grammar, SyntaxNode } from './tree';

/** Words every deletion call below contains: a file without any has no deletion to find. */
export const DELETE_HINT = /remove|Remove|unlink|rmtree|rmdir|\brm|rimraf|delete|Delete|emptyDir|send2trash/;

/** The user's own places: home, working directory. */
export const USER_DIRS = /\bhome\b|homedir|expanduser|\bHOME\b|~\/|getcwd|\bcwd\b|current_dir|Getwd|user\.home/;

/**
 * A pattern matching the names whose values come from the caller: the parameters, and locals assigned from an
 * expression that mentions one (two rounds, so `p = join(root, name)` then `q = p + ext` both count).
 */
export function callerValues(grammar: Grammar, fn: SyntaxNode, body: SyntaxNode): RegExp {
  const names = new Set(
    paramsOf(grammar, fn)
      .map((p) => /[A-Za-z_$][\w$]*/.exec(p.name.replace(/^(?:mut\s+|&)/, ''))?.[0])
      .filter((n): n is string => n !== undefined && n !== 'self' && n !== '_'),
  );
  const assign =
    /^\s*(?:(?:let|const|var|final)\s+(?:mut\s+)?)?([A-Za-z_$][\w$]*)\s*(?::\s*[^=\n]+)?(?::=|=(?!=))\s*(.+)$/gm;
  for (let round = 0; round < 2 && names.size > 0; round++) {
    const re = wordsOf(names);
    for (let m = assign.exec(body.text); m; m = assign.exec(body.text)) if (re.test(m[2])) names.add(m[1]);
  }
  return names.size > 0 ? wordsOf(names) : /(?!)/;
}

function wordsOf(names: ReadonlySet<string>): RegExp {
  return new RegExp(`(?<![\\w$.])(?:${[...names].map((n) => n.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`);
}

const DELETES: Readonly<Record<'python' | 'rust' | 'go' | 'java' | 'js', RegExp>> = {
  python:
    /^(?:os\.(?:remove|unlink|rmdir|removedirs)|shutil\.rmtree|send2trash(?:\.send2trash)?|[\w.]*\.(?:unlink|rmdir|rmtree))$/,
  rust: /(?:^|::)(?:remove_file|remove_dir|remove_dir_all)$|^trash::delete$/,
  go: /^os\.(?:Remove|RemoveAll)$/,
  java: /^Files\.(?:delete|deleteIfExists)$|^FileUtils\.(?:deleteDirectory|forceDelete|deleteQuietly|cleanDirectory)$|^PathUtils\.delete\w*$|(?:^|\.)\w*(?:[fF]ile|[dD]ir|[dD]irectory|[pP]ath)\.delete$/,
  js: /^(?:fs|fsp|fse|fsPromises|fs\.promises|promises|fs_)\.(?:rm|rmSync|unlink|unlinkSync|rmdir|rmdirSync|remove|removeSync|emptyDir|emptyDirSync)$|^(?:rimraf|rimrafSync|deleteAsync|deleteSync)$/,
};
const JS_BARE = /^(?:rm|unlink|rmdir)(?:Sync)?$/;
export const JS_FS_IMPORT = /(?:require\(\s*|from\s+)['"](?:node:)?fs(?:\/promises)?['"]/;
const TREE = /rmtree|RemoveAll|remove_dir_all|removedirs|rimraf|deleteDirectory|cleanDirectory|emptyDir|deleteAsync/;
/** Scratch space the function made itself: deleting it is cleanup, not a user's files. */
const SCRATCH = /\b\w*(?:te?mp|scratch)\w*\b/i;

export function deletion(grammar: Grammar, c: string, args: string, fsImported: boolean): 'file' | 'tree' | undefined {
  const lang = grammar === 'python' || grammar === 'rust' || grammar === 'go' || grammar === 'java' ? grammar : 'js';
  const hit = DELETES[lang].test(c) || (lang === 'js' && fsImported && JS_BARE.test(c));
  if (!hit) return undefined;
  if (SCRATCH.test(args) || SCRATCH.test(c.replace(/\.\w+$/, ''))) return undefined;
  return TREE.test(c) || (/(?:^|\.)rm(?:Sync)?$/.test(c) && /recursive\s*:\s*true/.test(args)) ? 'tree' : 'file';
}
