/**
 * Text of git objects for attribution, through one `git cat-file --batch` process per hook run. Binary content
 * (a NUL byte) and files above the size limit are reported as such and never attributed: a hook must stay fast and
 * bounded whatever is committed.
 */
import { CatFileBatch } from '../catFileBatch';

/** Larger files are committed without line attribution (their spans stay in the working state). */
export const MAX_ATTRIBUTED_BYTES = 4 * 1024 * 1024;

export type BlobText =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'binary' }
  | { readonly kind: 'too-large'; readonly size: number };

export class BlobReader {
  private readonly batch: CatFileBatch;
  private readonly cache = new Map<string, Promise<BlobText>>();

  constructor(
    cwd: string,
    env?: Readonly<Record<string, string | undefined>>,
    private readonly maxBytes = MAX_ATTRIBUTED_BYTES,
  ) {
    this.batch = new CatFileBatch(cwd, env ? { env } : {});
  }

  /** `name` is anything cat-file understands: an object id, `REV:path`, `:path`. */
  read(name: string): Promise<BlobText> {
    let pending = this.cache.get(name);
    if (!pending) {
      pending = this.batch.read(name).then((obj): BlobText => {
        if (!obj || obj.type !== 'blob') return { kind: 'missing' };
        if (obj.size > this.maxBytes) return { kind: 'too-large', size: obj.size };
        if (obj.content.subarray(0, 8000).includes(0)) return { kind: 'binary' };
        return { kind: 'text', text: obj.content.toString('utf8') };
      });
      this.cache.set(name, pending);
    }
    return pending;
  }

  /** The text, or undefined for anything that is not attributable text. */
  async text(name: string): Promise<string | undefined> {
    const blob = await this.read(name);
    return blob.kind === 'text' ? blob.text : undefined;
  }

  /** Raw object (for notes and other non-attributed reads), bounded by `maxBytes`. */
  async raw(name: string, maxBytes: number): Promise<string | undefined> {
    const obj = await this.batch.read(name);
    if (!obj || obj.size > maxBytes) return undefined;
    return obj.content.toString('utf8');
  }

  /** A commit's id, tree and parents (`rev` any commit-ish, e.g. `HEAD`), or undefined when there is none. */
  async commit(rev: string): Promise<{ id: string; tree: string; parents: string[] } | undefined> {
    const obj = await this.batch.read(`${rev}^{commit}`);
    if (!obj || obj.type !== 'commit') return undefined;
    const header = obj.content.toString('utf8', 0, Math.min(obj.content.length, 64 * 1024)).split('\n\n', 1)[0];
    const tree = /^tree ([0-9a-f]+)$/m.exec(header)?.[1];
    const parents = [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]);
    return tree ? { id: obj.oid, tree, parents } : undefined;
  }

  close(): Promise<void> {
    return this.batch.close();
  }
}
