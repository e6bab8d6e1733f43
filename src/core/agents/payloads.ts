/**
 * Entry point for hook stdin: `parseHookJson` bounds and parses the raw text, `parseHookPayload` turns the parsed
 * value into a `HookPayload` for the named agent. Both throw only `Error`s with messages that never quote payload
 * content, which can hold source code and secrets.
 */
import { AGENT_IDS, HOOK_LIMITS, type AgentId, type HookPayload, type HookPhase } from './types';
import { asObject, HookPayloadError, quoteForError, type JsonObject } from './payloadFields';
import { parseClaudePayload } from './claude';
import { parseVscodePayload } from './vscode';
import { parseCursorPayload } from './cursor';
import { parseCodexPayload } from './codex';
import { parseGeminiPayload } from './gemini';

const PARSERS: Readonly<Record<AgentId, (obj: JsonObject, phaseHint?: HookPhase) => HookPayload>> = {
  claude: parseClaudePayload,
  vscode: parseVscodePayload,
  cursor: parseCursorPayload,
  codex: parseCodexPayload,
  gemini: parseGeminiPayload,
};

export function isAgentId(value: unknown): value is AgentId {
  return typeof value === 'string' && (AGENT_IDS as readonly string[]).includes(value);
}

/**
 * Normalise one hook call. `phaseHint` is what the hook command line says ('pre'/'post'); the payload's own event
 * name wins when it has one (see `resolvePhase`). Unknown fields are ignored; unusable fields are dropped.
 */
export function parseHookPayload(agent: AgentId, phaseHint: HookPhase | undefined, json: unknown): HookPayload {
  if (!isAgentId(agent)) throw new HookPayloadError(`unknown agent ${quoteForError(agent)}; expected one of ${AGENT_IDS.join(', ')}`);
  if (phaseHint !== undefined && phaseHint !== 'pre' && phaseHint !== 'post') {
    throw new HookPayloadError(`unknown hook phase ${quoteForError(phaseHint)}; expected 'pre' or 'post'`);
  }
  try {
    const obj = asObject(json);
    if (obj === undefined) throw new HookPayloadError(`${agent} hook payload must be a JSON object`);
    return PARSERS[agent](obj, phaseHint);
  } catch (err) {
    // Our own errors pass through; anything else (a hostile getter, a Proxy trap) becomes a plain, content-free Error.
    if (err instanceof HookPayloadError) throw err;
    throw new HookPayloadError(`${agent} hook payload could not be read`);
  }
}

/** Parse hook stdin text. Rejects oversized input before parsing it. Leading BOM and whitespace are tolerated. */
export function parseHookJson(text: string): unknown {
  if (typeof text !== 'string') throw new HookPayloadError('hook input must be text');
  if (text.length > HOOK_LIMITS.maxInputChars) {
    throw new HookPayloadError(`hook input is ${text.length} characters; the limit is ${HOOK_LIMITS.maxInputChars}`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new HookPayloadError('hook input is empty; expected a JSON object on stdin');
  try {
    return JSON.parse(body);
  } catch {
    throw new HookPayloadError('hook input is not valid JSON');
  }
}
