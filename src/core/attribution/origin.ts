/**
 * Who wrote a piece of text. Spans point at an origin by id; the table interns equal origins so a document with
 * 100k spans from one completion stores that completion once.
 */

/** How the text arrived. `manual` is a user's explicit "this is AI" mark. Unattributed text is human. */
export type OriginKind = 'inline' | 'inline-partial' | 'next-edit' | 'chat' | 'agent' | 'paste-ai' | 'manual';

export const ORIGIN_KINDS: readonly OriginKind[] = [
  'inline',
  'inline-partial',
  'next-edit',
  'chat',
  'agent',
  'paste-ai',
  'manual',
];

export interface Origin {
  readonly kind: OriginKind;
  /** The producing tool, e.g. "GitHub Copilot", "claude-code". "unknown" when it cannot be known. */
  readonly tool: string;
  /** `provider/model` when known. */
  readonly model?: string;
  /** Agent or chat session id when known. */
  readonly session?: string;
  /** Milliseconds since the epoch when the text was attributed. */
  readonly time: number;
  /**
   * When `tool` cannot be known (VS Code does not say which provider's ghost text was accepted): the installed
   * tools that may have produced it. Candidates, never a guess recorded as fact.
   */
  readonly candidates?: readonly string[];
  /**
   * Why `tool` is believed when it was not reported by the tool itself (see `ToolEvidence`), e.g. "only installed
   * provider". Absent when the tool named itself (agents' hooks, chat edit sources) or is unknown.
   */
  readonly evidence?: string;
}

/** Display families: one decoration style each. */
export type OriginFamily = 'completion' | 'chat-agent' | 'paste-manual';

export function originFamily(kind: OriginKind): OriginFamily {
  switch (kind) {
    case 'inline':
    case 'inline-partial':
    case 'next-edit':
      return 'completion';
    case 'chat':
    case 'agent':
      return 'chat-agent';
    case 'paste-ai':
    case 'manual':
      return 'paste-manual';
  }
}

export function isOriginKind(value: unknown): value is OriginKind {
  return typeof value === 'string' && (ORIGIN_KINDS as readonly string[]).includes(value);
}

/** Interns origins. Ids are dense small integers, stable for the table's lifetime. */
export class OriginTable {
  private readonly byKey = new Map<string, number>();
  private readonly list: Origin[] = [];

  intern(origin: Origin): number {
    const key = originKey(origin);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(Object.freeze({ ...origin }));
      this.byKey.set(key, id);
    }
    return id;
  }

  get(id: number): Origin {
    const origin = this.list[id];
    if (!origin) {
      throw new RangeError(`unknown origin id ${id}`);
    }
    return origin;
  }

  get size(): number {
    return this.list.length;
  }

  all(): readonly Origin[] {
    return this.list;
  }
}

/** A stable text key of an origin's fields: equal keys mean interchangeable origins (also a total order for ties). */
export function originKey(o: Origin): string {
  // Interning walks every span or line of a document; its origins are a few shared objects (never mutated).
  let key = originKeys.get(o);
  if (key === undefined) {
    key = JSON.stringify([
      o.kind,
      o.tool,
      o.model ?? null,
      o.session ?? null,
      o.time,
      o.candidates ?? null,
      o.evidence ?? null,
    ]);
    originKeys.set(o, key);
  }
  return key;
}

const originKeys = new WeakMap<Origin, string>();
