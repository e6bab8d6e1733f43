/**
 * Parser for `git diff -z --raw --numstat -M --no-abbrev`: per changed path, its status, blob ids, modes, the path
 * it was renamed from, and how many lines it added (undefined for binary files). Pure string work.
 */

export type ChangeStatus = 'A' | 'C' | 'D' | 'M' | 'R' | 'T' | 'U' | 'X';

export interface ChangedFile {
  readonly status: ChangeStatus;
  readonly path: string;
  /** For renames and copies: where the content came from. */
  readonly fromPath?: string;
  readonly oldMode: string;
  readonly newMode: string;
  readonly oldBlob: string;
  readonly newBlob: string;
  /** Lines added per git (numstat); undefined for binary content. */
  readonly added?: number;
}

export class DiffParseError extends Error {}

/** Regular files (not symlinks, not submodules): the only content that carries line attribution. */
export function isRegularFileMode(mode: string): boolean {
  return mode === '100644' || mode === '100755';
}

export function parseDiffRawNumstat(output: string): ChangedFile[] {
  const tokens = output.split('\0');
  if (tokens[tokens.length - 1] === '') tokens.pop();
  const files: Array<Omit<ChangedFile, 'added'> & { added?: number }> = [];
  const byPath = new Map<string, number>();
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token.startsWith(':')) {
      const m = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([ACDMRTUX])\d*$/.exec(token);
      if (!m) throw new DiffParseError(`unexpected raw diff entry ${JSON.stringify(token.slice(0, 120))}`);
      const status = m[5] as ChangeStatus;
      const twoPaths = status === 'R' || status === 'C';
      const first = tokens[i + 1];
      const second = twoPaths ? tokens[i + 2] : undefined;
      if (first === undefined || (twoPaths && second === undefined))
        throw new DiffParseError('raw diff entry without its path');
      const path = twoPaths ? (second as string) : first;
      byPath.set(path, files.length);
      files.push({
        status,
        path,
        ...(twoPaths ? { fromPath: first } : {}),
        oldMode: m[1],
        newMode: m[2],
        oldBlob: m[3],
        newBlob: m[4],
      });
      i += twoPaths ? 3 : 2;
      continue;
    }
    const n = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(token);
    if (!n) throw new DiffParseError(`unexpected numstat entry ${JSON.stringify(token.slice(0, 120))}`);
    let path = n[3];
    i++;
    if (path === '') {
      // A rename: `added\tdeleted\t` then the old and the new path as their own tokens.
      path = tokens[i + 1] ?? '';
      i += 2;
    }
    const index = byPath.get(path);
    if (index !== undefined) files[index].added = n[1] === '-' ? undefined : Number(n[1]);
  }
  return files;
}
