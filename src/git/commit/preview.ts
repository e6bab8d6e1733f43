/**
 * What the commit hooks would add if the user committed the staged content now: the trailers and the AI line count.
 * Read-only (no stash, no log), so the editor can show it beside the Source Control input before anyone commits.
 */
import { buildTrailers, type Trailer } from '../../core/commit/trailers';
import type { RecordSource } from '../rewrite/mapRecords';
import { readProvenanceRecords } from '../rewrite/noteStore';
import { BlobReader } from './blobs';
import { planCommit } from './commitPlan';
import { openHookContext } from './hookContext';
import { attributeChanges } from './stagedCommit';
import { choosePresets } from './trailerConfig';

export interface TrailerPreview {
  readonly trailers: readonly Trailer[];
  /** Staged lines attributed to AI (ai or mixed). */
  readonly aiLines: number;
  /** Why no trailers will be written although AI lines are staged (an invalid preset setting). */
  readonly invalid?: string;
}

export async function previewTrailers(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<TrailerPreview> {
  const ctx = await openHookContext(cwd, env);
  const blobs = new BlobReader(ctx.repo.root, ctx.env);
  try {
    const plan = await planCommit(ctx, blobs, '', undefined);
    const notes = await readProvenanceRecords(ctx, blobs, plan.predecessors);
    const predecessors: RecordSource[] = plan.predecessors.flatMap((commit) =>
      (notes.get(commit) ?? []).map((record) => ({ record, commit })),
    );
    const attribution = await attributeChanges(ctx, blobs, {
      diffArgs: plan.diffArgs,
      parents: plan.parents,
      predecessors,
    });
    const aiLines = attribution.staged.reduce((n, f) => n + f.lines.length, 0);
    const choice = await choosePresets(ctx, blobs, plan.head);
    if ('invalid' in choice) return { trailers: [], aiLines, invalid: choice.invalid };
    return { trailers: buildTrailers(attribution.files, choice.presets), aiLines };
  } finally {
    await blobs.close();
  }
}
