/**
 * Entry point for hook stdin: `parseHookJson` bounds and parses the raw text, `parseHookPayload` turns the parsed
 * value into a `HookPayload` for the named agent. Both throw only `Error`s with messages that never quote payload
 * content, which can hold source code and secrets.
 */
import { AGENT_IDS, HOOK_LIMITS, type AgentId, type HookPayload, type HookPhase } from './types';
import { asObject, HookPayloadError, own, quoteForError, toolInputObject, type JsonObject } from './payloadFields';
import { parseClaudePayload } from './claude';
import { parseVscodePayload } from './vscode';
import { parseCursorPayload } from './cursor';
import { parseCodexPayload } from './codex';
import { parseGeminiPayload } from './gemini';
import { parseWindsurfPayload } from './windsurf';
import { parseDroidPayload } from './droid';
import { clineToolData, parseClinePayload } from './cline';
import { parseKiroPayload } from './kiro';
import { parseAmazonQPayload } from './amazonq';
import { parseOpenCodePayload } from './opencode';

const PARSERS: Readonly<Record<AgentId, (obj: JsonObject, phaseHint?: HookPhase) => HookPayload>> = {
  claude: parseClaudePayload,
  vscode: parseVscodePayload,
  cursor: parseCursorPayload,
  codex: parseCodexPayload,
  gemini: parseGeminiPayload,
  windsurf: parseWindsurfPayload,
  droid: parseDroidPayload,
  cline: parseClinePayload,
  kiro: parseKiroPayload,
  amazonq: parseAmazonQPayload,
  opencode: parseOpenCodePayload,
};

export function isAgentId(value: unknown): value is AgentId {
  return typeof value === 'string' && (AGENT_IDS as readonly string[]).includes(value);
}

/**
 * Normalise one hook call. `phaseHint` is what the hook command line says ('pre'/'post'); the payload's own event
 * name wins when it has one (see `resolvePhase`). Unknown fields are ignored; unusable fields are dropped.
 */
export function parseHookPayload(agent: AgentId, phaseHint: HookPhase | undefined, json: unknown): HookPayload {
  if (!isAgentId(agent))
    throw new HookPayloadError(`unknown agent ${quoteForError(agent)}; expected one of ${AGENT_IDS.join(', ')}`);
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

/**
 * Whether a payload handed to `hook claude` was sent by GitHub Copilot, which also runs the hooks of the repository's
 * `.claude/settings*.json` (Copilot CLI, VS Code's Copilot harness). Only markers Claude Code never sends count:
 * camelCase common fields (`hookEventName`, `sessionId`, `toolName`), Copilot chat's `__vscode` tool use ids, or the
 * "VS Code compatible" shape: a `timestamp` with neither `transcript_path` nor `tool_use_id` (Claude Code sends both
 * in every tool event and no timestamp).
 */
export function isCopilotPayload(json: unknown): boolean {
  const obj = asObject(json);
  if (obj === undefined) return false;
  const id = own(obj, 'tool_use_id');
  if (
    own(obj, 'hookEventName') !== undefined ||
    own(obj, 'sessionId') !== undefined ||
    own(obj, 'toolName') !== undefined
  )
    return true;
  if (typeof id === 'string' && id.includes('__vscode')) return true;
  return own(obj, 'timestamp') !== undefined && own(obj, 'transcript_path') === undefined && id === undefined;
}

/**
 * What identifies one tool call when the agent sends no tool use id: its arguments, read from whichever field this
 * shape uses (`tool_input`, `toolArgs` as an object or a JSON string, Cursor's top-level `command`) and written with
 * sorted keys. Tool names are left out on purpose: Copilot names one call `Bash` in one hook file's payload and `bash`
 * in the other's, and a PRE must still find its POST.
 */
export function toolCallMaterial(json: unknown): string {
  const obj = asObject(json);
  // Cline nests the call in `preToolUse` / `postToolUse` (`parameters`, all strings).
  const raw =
    own(obj, 'tool_input') ?? own(obj, 'toolInput') ?? own(obj, 'toolArgs') ?? own(clineToolData(obj), 'parameters');
  const info = asObject(own(obj, 'tool_info'));
  // Windsurf: only the arguments, not what a POST adds (output, timing).
  const windsurf =
    info === undefined
      ? undefined
      : {
          command_line: own(info, 'command_line') ?? null,
          file_path: own(info, 'file_path') ?? null,
          edits: own(info, 'edits') ?? null,
          mcp: own(info, 'mcp_tool_arguments') ?? null,
        };
  const input =
    windsurf ?? (raw === undefined ? { command: own(obj, 'command') ?? null } : (toolInputObject(raw) ?? raw));
  return canonicalJson(input);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = asObject(value);
  if (obj !== undefined) {
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null) ?? 'null';
}
