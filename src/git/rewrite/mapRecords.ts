/**
 * Carries the AI lines of provenance records onto another version of the code (the index being committed, or the
 * commit a rewrite produced): per file, the record's lines at its revision are mapped through the line diff to the
 * target text, following renames git detects between the two.
 */
import type { AgentTraceRecord } from '../../core/commit/agentTrace';
import { recordLineAttributions } from '../../core/commit/agentTraceRead';
import { splitLines } from '../../core/commit/lines';
import { isObjectId } from '../../core/rewrite/gitText';
import { mapLineAttributions, type LineMap } from '../../core/rewrite/mapLines';
import type { BlobReader } from '../commit/blobs';
import type { HookContext } from '../commit/hookContext';
import { logDrop } from '../dropLog';

/** The version records are mapped onto. */
export interface MapTarget {
  /** The target's text of `path`, or undefined when it has none (or it is not attributable text). */
  text(path: string): Promise<string | undefined>;
  /** `git diff` arguments selecting (revision -> target), used to find renames, e.g. `['--cached', rev]`. */
  renameDiffArgs(revision: string): string[];
}

export interface RecordSource {
  readonly record: AgentTraceRecord;
  /** The commit whose note held the record: its revision when the record names none we can use. */
  readonly commit: string;
}

/** Per target path, the mapped line maps in source order. */
export type MappedByPath = Map<string, LineMap[]>;

/** `old path -> new path` for renames and copies between a revision and the target. */
async function renamesFrom(ctx: HookContext, target: MapTarget, revision: string): Promise<Map<string, string>> {
  const result = await ctx.git(['diff', '-z', '--name-status', '-M', ...target.renameDiffArgs(revision)]);
  const tokens = result.stdout.split('\0');
  const out = new Map<string, string>();
  for (let i = 0; i < tokens.length;) {
    const status = tokens[i];
    if (/^[RC]\d*$/.test(status)) {
      if (!out.has(tokens[i + 1])) out.set(tokens[i + 1], tokens[i + 2]);
      i += 3;
    } else i += status === '' ? 1 : 2;
  }
  return out;
}

export async function mapRecordsOnto(
  ctx: HookContext,
  blobs: BlobReader,
  sources: readonly RecordSource[],
  target: MapTarget,
): Promise<MappedByPath> {
  const out: MappedByPath = new Map();
  const renameCache = new Map<string, Promise<Map<string, string>>>();
  for (const { record, commit } of sources) {
    const named = record.vcs?.type === 'git' ? record.vcs.revision : undefined;
    const revision = named !== undefined && isObjectId(named) && (await commitExists(blobs, named)) ? named : commit;
    for (const file of recordLineAttributions(record)) {
      if (file.lines.size === 0) continue;
      const oldText = await blobs.text(`${revision}:${file.path}`);
      if (oldText === undefined) {
        await logDrop(
          ctx,
          'carry',
          `AI lines of ${file.path} at ${revision}`,
          'cannot read the file there; not carried over',
        );
        continue;
      }
      let path = file.path;
      let newText = await target.text(path);
      if (newText === undefined) {
        let renames = renameCache.get(revision);
        if (!renames) {
          renames = renamesFrom(ctx, target, revision);
          renameCache.set(revision, renames);
        }
        const renamed = (await renames).get(file.path);
        if (renamed === undefined) continue; // deleted (or not part of the target): nothing to carry
        path = renamed;
        newText = await target.text(path);
        if (newText === undefined) continue;
      }
      const mapped = mapLineAttributions(splitLines(oldText), splitLines(newText), file.lines);
      if (mapped.dropped > 0)
        await logDrop(
          ctx,
          'carry',
          `${mapped.dropped} AI line(s) of ${file.path} at ${revision.slice(0, 12)}`,
          `no line of ${path} in the new version matches them (changed or deleted since)`,
        );
      if (mapped.lines.size === 0) continue;
      const list = out.get(path) ?? [];
      list.push(mapped.lines);
      out.set(path, list);
    }
  }
  return out;
}

async function commitExists(blobs: BlobReader, id: string): Promise<boolean> {
  return (await blobs.raw(`${id}^{commit}`, 1 << 20)) !== undefined;
}
