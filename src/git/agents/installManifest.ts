/**
 * What `agents install` changed, so `agents uninstall` can put every file back byte for byte: per config file, the
 * original bytes (a backup copy, or "the file did not exist" plus the directories we created) and a hash of the bytes
 * we wrote. Lives at `<base>/agents/installed.json` with backups in `<base>/agents/backups/`, where `<base>` is
 * `<git-path ai-provenance>` (project scope) or `~/.ai-provenance` (user scope).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AgentId } from '../../core/agents/types';
import { writeFileAtomic } from '../atomicFile';

export interface InstalledFile {
  readonly path: string;
  readonly agent: AgentId;
  /** absent: we created the file. backup: its first bytes are in `backup`. unknown: changed by someone since. */
  readonly original: 'absent' | 'backup' | 'unknown';
  readonly backup?: string;
  /** sha256 of the bytes we last wrote. */
  readonly written: string;
  /** Directories we created for the file, deepest first (removed on uninstall when empty). */
  readonly createdDirs: readonly string[];
}

const MANIFEST_VERSION = 1;

export class InstallManifest {
  readonly file: string;
  readonly backupDir: string;

  private constructor(
    readonly dir: string,
    private entries: InstalledFile[],
  ) {
    this.file = path.join(dir, 'installed.json');
    this.backupDir = path.join(dir, 'backups');
  }

  static async load(baseDir: string): Promise<InstallManifest> {
    const dir = path.join(baseDir, 'agents');
    const text = await fs.readFile(path.join(dir, 'installed.json'), 'utf8').catch(() => undefined);
    let entries: InstalledFile[] = [];
    if (text !== undefined) {
      try {
        const parsed = JSON.parse(text) as { version?: unknown; files?: unknown };
        if (parsed.version === MANIFEST_VERSION && Array.isArray(parsed.files)) entries = parsed.files.filter(isEntry);
      } catch {
        // An unreadable manifest only costs byte-exact restores: uninstall then removes our hooks structurally.
      }
    }
    return new InstallManifest(dir, entries);
  }

  get(file: string): InstalledFile | undefined {
    return this.entries.find((e) => e.path === file);
  }

  get size(): number {
    return this.entries.length;
  }

  set(entry: InstalledFile): void {
    this.entries = [...this.entries.filter((e) => e.path !== entry.path), entry];
  }

  async delete(file: string): Promise<void> {
    const entry = this.get(file);
    if (entry?.backup !== undefined) await fs.unlink(path.join(this.backupDir, entry.backup)).catch(() => undefined);
    this.entries = this.entries.filter((e) => e.path !== file);
  }

  /** Keeps the original bytes of `file` (once: the first install's original is the one to restore). */
  async backup(file: string, bytes: Buffer): Promise<string> {
    const name = createHash('sha256').update(file, 'utf8').digest('hex').slice(0, 32) + '.orig';
    await fs.mkdir(this.backupDir, { recursive: true });
    await fs.writeFile(path.join(this.backupDir, name), bytes);
    return name;
  }

  async readBackup(entry: InstalledFile): Promise<Buffer | undefined> {
    return entry.backup === undefined
      ? undefined
      : fs.readFile(path.join(this.backupDir, entry.backup)).catch(() => undefined);
  }

  async save(): Promise<void> {
    if (this.entries.length === 0) {
      await fs.unlink(this.file).catch(() => undefined);
      await fs.rmdir(this.backupDir).catch(() => undefined);
      await fs.rmdir(this.dir).catch(() => undefined);
      return;
    }
    await fs.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(
      this.file,
      JSON.stringify({ version: MANIFEST_VERSION, files: this.entries }, null, 2) + '\n',
    );
  }
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isEntry(value: unknown): value is InstalledFile {
  const e = value as Partial<InstalledFile> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.path === 'string' &&
    path.isAbsolute(e.path) &&
    typeof e.agent === 'string' &&
    (e.original === 'absent' || e.original === 'backup' || e.original === 'unknown') &&
    typeof e.written === 'string' &&
    Array.isArray(e.createdDirs) &&
    e.createdDirs.every((d) => typeof d === 'string' && path.isAbsolute(d)) &&
    (e.backup === undefined || (typeof e.backup === 'string' && /^[0-9a-f]{32}\.orig$/.test(e.backup)))
  );
}
