/**
 * Defensive readers for hook payload fields. Payloads come from another program's stdin: every field may be missing,
 * of the wrong type, huge, or carry control characters. Readers return `undefined` for anything unusable instead of
 * throwing, so one odd field never costs a capture. Error messages never echo payload text (it may hold secrets).
 */
import { HOOK_LIMITS, type AgentId, type HookPhase } from './types';

export type JsonObject = Readonly<Record<string, unknown>>;

/** The only error hook parsing throws. Its message never quotes payload content. */
export class HookPayloadError extends Error {
  override readonly name = 'HookPayloadError';
}

/** A plain JSON object, or undefined (arrays and null are not objects here). */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** Own property only: a payload must never reach `Object.prototype` through a key like `__proto__` or `constructor`. */
export function own(obj: JsonObject | undefined, key: string): unknown {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

// C0 controls and DEL: never legitimate in ids or paths we store; a newline in a "path" is an injection attempt.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A short identifier-like string (session id, model, tool name): non-empty, bounded, no control characters. */
export function idValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > HOOK_LIMITS.maxIdChars || CONTROL.test(trimmed)) return undefined;
  return trimmed;
}

/** The first usable id among `keys` (snake_case and camelCase spellings of one field, for example). */
export function idField(obj: JsonObject | undefined, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = idValue(own(obj, key));
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * A file path as the agent wrote it: non-empty, bounded, no NUL. Not resolved or normalised. Any other character git
 * allows in a file name is kept (a tab, a backslash, a line break), so the hook can record it or say why not.
 */
export function pathValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.trim() === '' || value.length > HOOK_LIMITS.maxPathChars || value.includes('\0')) return undefined;
  return value;
}

export function pathField(obj: JsonObject | undefined, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = pathValue(own(obj, key));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Insertion-ordered, deduplicated, bounded set of paths. */
export class PathSet {
  private readonly seen = new Set<string>();

  add(value: unknown): void {
    const path = pathValue(value);
    if (path !== undefined && this.seen.size < HOOK_LIMITS.maxFiles) this.seen.add(path);
  }

  values(): string[] {
    return [...this.seen];
  }
}

/** Text safe to put in an error message: short, printable. Only used for event names, never for payload content. */
export function quoteForError(value: unknown): string {
  if (typeof value !== 'string') return `<${value === null ? 'null' : typeof value}>`;
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return JSON.stringify(printable.length > 64 ? printable.slice(0, 64) + '…' : printable);
}

export interface PhaseEvents {
  readonly pre: readonly string[];
  readonly post: readonly string[];
}

/**
 * The phase of a hook call. The event name in the payload wins when it is a known tool event (a hook wired to the
 * wrong event still records the truth); without an event name the caller's hint decides. A known agent event that is
 * not about a tool (Stop, SessionStart...) is an error: there is nothing to snapshot.
 */
export function resolvePhase(
  agent: AgentId,
  event: string | undefined,
  events: PhaseEvents,
  hint?: HookPhase,
): HookPhase {
  if (event !== undefined) {
    if (events.pre.includes(event)) return 'pre';
    if (events.post.includes(event)) return 'post';
    throw new HookPayloadError(`${agent} hook event ${quoteForError(event)} is not a tool event this capture handles`);
  }
  if (hint !== undefined) return hint;
  throw new HookPayloadError(`${agent} hook payload names no event; pass the phase ('pre' or 'post') explicitly`);
}

/**
 * A tool input that arrived as a JSON string (Cursor's MCP events do this). Parsed only when small enough; anything
 * else is returned as is.
 */
export function toolInputObject(value: unknown): JsonObject | undefined {
  if (typeof value === 'string') {
    const text = value.trim();
    // A patch handed over as the bare input string (Cursor's ApplyPatch, Copilot's apply_patch): read it as `{patch}`.
    if (text.startsWith('*** Begin Patch') && text.length <= HOOK_LIMITS.maxEditChars) return { patch: text };
    if (!text.startsWith('{') || text.length > HOOK_LIMITS.maxEditChars) return undefined;
    try {
      return asObject(JSON.parse(text));
    } catch {
      return undefined;
    }
  }
  return asObject(value);
}
