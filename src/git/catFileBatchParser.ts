/**
 * Incremental parser for `git cat-file --batch` output: per request either
 * `<oid> SP <type> SP <size> LF <size bytes> LF` or `<name> SP missing LF` (also `ambiguous`).
 * Bodies are collected as chunk lists so a large blob arriving in many pieces is copied once.
 */

export interface BatchObject {
  readonly oid: string;
  readonly type: string;
  readonly size: number;
  readonly content: Buffer;
}

export type BatchEntry =
  | { readonly found: true; readonly object: BatchObject }
  | { readonly found: false; readonly name: string; readonly reason: 'missing' | 'ambiguous' };

const HEADER = /^([0-9a-f]{40,64}) ([a-z]+) (\d+)$/;
const MAX_HEADER_BYTES = 64 * 1024;

export class CatFileBatchParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private header: { oid: string; type: string; size: number } | undefined;

  /** Feeds output; returns the entries completed by this chunk, in request order. Throws on malformed output. */
  push(chunk: Buffer): BatchEntry[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const entries: BatchEntry[] = [];
    for (;;) {
      const entry = this.header ? this.takeBody(this.header) : this.takeHeader();
      if (entry === undefined) {
        return entries;
      }
      if (entry !== null) {
        entries.push(entry);
      }
    }
  }

  /** Bytes received but not yet part of a completed entry (non-zero at exit means truncated output). */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** undefined: need more bytes; null: header consumed, body follows; entry: a complete missing/ambiguous answer. */
  private takeHeader(): BatchEntry | null | undefined {
    const all = this.joined();
    const newline = all.indexOf(0x0a);
    if (newline < 0) {
      if (all.length > MAX_HEADER_BYTES) {
        throw new Error(`cat-file --batch header longer than ${MAX_HEADER_BYTES} bytes`);
      }
      return undefined;
    }
    const line = all.subarray(0, newline).toString('utf8');
    this.keep(all.subarray(newline + 1));
    for (const reason of ['missing', 'ambiguous'] as const) {
      if (line.endsWith(' ' + reason)) {
        return { found: false, name: line.slice(0, -reason.length - 1), reason };
      }
    }
    const match = HEADER.exec(line);
    if (!match) {
      throw new Error(`unexpected cat-file --batch header ${JSON.stringify(line.slice(0, 200))}`);
    }
    this.header = { oid: match[1], type: match[2], size: Number(match[3]) };
    return null;
  }

  private takeBody(header: { oid: string; type: string; size: number }): BatchEntry | undefined {
    // The body is followed by one LF.
    if (this.pendingBytes < header.size + 1) {
      return undefined;
    }
    const all = this.joined();
    if (all[header.size] !== 0x0a) {
      throw new Error(`cat-file --batch body of ${header.oid} is not followed by a newline`);
    }
    const content = Buffer.from(all.subarray(0, header.size));
    this.keep(all.subarray(header.size + 1));
    this.header = undefined;
    return { found: true, object: { ...header, content } };
  }

  private joined(): Buffer {
    if (this.pending.length !== 1) {
      this.pending = [Buffer.concat(this.pending, this.pendingBytes)];
    }
    return this.pending[0];
  }

  private keep(rest: Buffer): void {
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
  }
}
