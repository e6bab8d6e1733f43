/**
 * VS Code knows who made an edit (`detailedReason` on change events) but exposes it only as a proposed API. Where an
 * editor build provides it, it is the most precise signal there is; this maps it to an origin. Unknown sources and
 * the user's own typing, pasting or reloading map to nothing (human, or handled by other capture paths).
 */
import type { Origin } from './origin';

export interface EditSource {
  readonly source: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

function str(value: unknown, max = 256): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined;
}

/** Reads `detailedReason` off an event object without trusting its shape. */
export function readEditSource(event: unknown): EditSource | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const reason = (event as { detailedReason?: unknown }).detailedReason;
  if (typeof reason !== 'object' || reason === null) return undefined;
  const source = str((reason as { source?: unknown }).source);
  if (!source) return undefined;
  const metadata = (reason as { metadata?: unknown }).metadata;
  return {
    source,
    ...(typeof metadata === 'object' && metadata !== null ? { metadata: metadata as Record<string, unknown> } : {}),
  };
}

export function originFromEditSource(edit: EditSource, time: number): Origin | undefined {
  const m = edit.metadata ?? {};
  const tool = str(m.$extensionId) ?? str(m.$providerId) ?? 'unknown';
  const model = str(m.$modelId);
  const session = str(m.$$sessionId) ?? str(m.$sessionId);
  const extra = { ...(model ? { model } : {}), ...(session ? { session } : {}) };
  switch (edit.source) {
    case 'inlineCompletionAccept':
      return { kind: m.$nes === true ? 'next-edit' : 'inline', tool, ...extra, time };
    case 'inlineCompletionPartialAccept':
      return { kind: 'inline-partial', tool, ...extra, time };
    case 'Chat.applyEdits':
    case 'inlineChat.applyEdits':
      return { kind: 'chat', tool: tool === 'unknown' ? 'VS Code chat' : tool, ...extra, time };
    default:
      return undefined;
  }
}
