/** Turns placements and commit evidence into LineSources, and tallies LineSources into shares by tool and model. */
import type { Origin } from '../attribution/origin';
import { cleanLabel } from './labels';
import type { PlacedLine } from './place';
import type { CommitProvenance } from './provenance';
import { HUMAN_LINE, type LineOrigin, type LineSource } from './types';

// Line sources are interned: a history has few distinct origins, and a long replay would otherwise allocate (and
// clean the labels of) one source per line.
const CACHE_MAX = 10_000;
const originCache = new Map<string, LineOrigin>();
const sourceCache = new Map<string, LineSource>();

function originKey(o: Origin): string {
  return `${o.kind}\u0000${o.tool}\u0000${o.model ?? '\u0001'}\u0000${o.session ?? '\u0001'}\u0000${o.time}`;
}

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

/** An origin with its display strings made inert. */
export function lineOrigin(origin: Origin): LineOrigin {
  const key = originKey(origin);
  return (
    originCache.get(key) ??
    remember(originCache, key, {
      kind: origin.kind,
      tool: cleanLabel(origin.tool) || 'unknown',
      ...(origin.model !== undefined ? { model: cleanLabel(origin.model) } : {}),
      ...(origin.session !== undefined ? { session: cleanLabel(origin.session, 256) } : {}),
      time: origin.time,
    })
  );
}

/** The (shared, frozen) source of a placed line. */
function placedSource(placed: PlacedLine, evidence: 'record' | 'working-state' = 'record'): LineSource {
  let key = `${placed.cls}\u0002${evidence}`;
  for (const o of placed.origins) key += `\u0002${originKey(o)}`;
  return (
    sourceCache.get(key) ??
    remember(
      sourceCache,
      key,
      Object.freeze({ authorship: placed.cls, evidence, origins: Object.freeze(placed.origins.map(lineOrigin)) }),
    )
  );
}

const RECORD_HUMAN: LineSource = Object.freeze({
  authorship: 'human',
  evidence: 'record',
  origins: Object.freeze([]) as readonly LineOrigin[],
});
const commitLevel = new WeakMap<CommitProvenance, LineSource>();

/**
 * The source of a line `commit` wrote. With a usable record, the record decides (unplaced lines are human by the
 * record); without one, commit-level evidence marks every line ai-assisted.
 */
export function commitLineSource(provenance: CommitProvenance | undefined, placed: PlacedLine | undefined): LineSource {
  if (!provenance) return HUMAN_LINE;
  if (provenance.record) return placed ? placedSource(placed) : RECORD_HUMAN;
  if (!provenance.recognition?.aiAssisted) return HUMAN_LINE;
  let source = commitLevel.get(provenance);
  if (!source) {
    const tools = provenance.recognition.tools.map((t) => cleanLabel(t)).filter((t) => t !== '');
    source = {
      authorship: 'ai-assisted',
      evidence: 'commit',
      origins: (tools.length > 0 ? tools : ['unknown']).map((tool) => ({ tool })),
      ...(provenance.recognition.mixed ? { commitMixed: true } : {}),
    };
    commitLevel.set(provenance, source);
  }
  return source;
}

export interface AuthorshipCounts {
  total: number;
  ai: number;
  mixed: number;
  aiAssisted: number;
  human: number;
}

export interface ToolCount {
  readonly tool: string;
  readonly lines: number;
}

export interface ModelCount {
  readonly model: string;
  readonly lines: number;
}

function emptyCounts(): AuthorshipCounts {
  return { total: 0, ai: 0, mixed: 0, aiAssisted: 0, human: 0 };
}

/** AI lines (ai + mixed + ai-assisted) over all lines; 0 for no lines. */
export function aiShare(c: AuthorshipCounts): number {
  return c.total === 0 ? 0 : (c.ai + c.mixed + c.aiAssisted) / c.total;
}

/** Counts lines by authorship, and AI lines by the tool and model of their first origin. */
export class LineTally {
  readonly counts = emptyCounts();
  private readonly tools = new Map<string, number>();
  private readonly models = new Map<string, number>();

  add(source: LineSource, times = 1): void {
    const c = this.counts;
    c.total += times;
    if (source.authorship === 'human') {
      c.human += times;
      return;
    }
    if (source.authorship === 'ai') c.ai += times;
    else if (source.authorship === 'mixed') c.mixed += times;
    else c.aiAssisted += times;
    const first = source.origins[0];
    const tool = first?.tool ?? 'unknown';
    this.tools.set(tool, (this.tools.get(tool) ?? 0) + times);
    const model = first?.model ?? (source.authorship === 'ai-assisted' ? 'unknown (commit level)' : 'unknown');
    this.models.set(model, (this.models.get(model) ?? 0) + times);
  }

  merge(other: LineTally): void {
    for (const k of Object.keys(this.counts) as (keyof AuthorshipCounts)[]) this.counts[k] += other.counts[k];
    for (const [tool, n] of other.tools) this.tools.set(tool, (this.tools.get(tool) ?? 0) + n);
    for (const [model, n] of other.models) this.models.set(model, (this.models.get(model) ?? 0) + n);
  }

  /** Most lines first, then by name. */
  byTool(): ToolCount[] {
    return sortCounts(this.tools).map(([tool, lines]) => ({ tool, lines }));
  }

  byModel(): ModelCount[] {
    return sortCounts(this.models).map(([model, lines]) => ({ model, lines }));
  }
}

function sortCounts(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
