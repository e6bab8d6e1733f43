/**
 * The text each agent-written record describes, kept at `<git-path ai-provenance>/agent-texts/<sha256 of path>`.
 * Records hold a hash, not the text, so when someone edits a file outside the editor between two tool calls (vim, a
 * formatter) the stored spans no longer fit the new "before" text. With the text they were written for, the hook can
 * carry them through that edit (as human text) and then through the agent's, instead of dropping them.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '../../core/sha256';
import { writeFileAtomic } from '../atomicFile';

export class RecordTextCache {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, 'agent-texts');
  }

  private fileFor(rel: string): string {
    return path.join(this.dir, sha256Hex(rel));
  }

  /** The cached text, or undefined. Callers must check it against the record's hash before use. */
  async read(rel: string): Promise<string | undefined> {
    return fs.readFile(this.fileFor(rel), 'utf8').catch(() => undefined);
  }

  async write(rel: string, text: string): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.fileFor(rel), text);
  }

  async remove(rel: string): Promise<void> {
    await fs.unlink(this.fileFor(rel)).catch(() => undefined);
  }
}
