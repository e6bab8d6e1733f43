/**
 * Model id from a Claude Code transcript (the JSONL file at `transcript_path`). Each assistant turn is a line like
 * `{"type":"assistant","message":{"model":"claude-sonnet-4-5-20250929","role":"assistant",...},...}`; the last one
 * names the model that made the tool call being hooked. `<synthetic>` marks messages Claude Code generated itself
 * (errors, interruptions) and is skipped.
 */
import { asObject, idValue, own } from './payloadFields';

/** Lines examined from the end before giving up: bounds the cost on a huge transcript with no usable entry. */
export const TRANSCRIPT_SCAN_LINES = 5000;

export function modelFromClaudeTranscript(jsonl: string): string | undefined {
  if (typeof jsonl !== 'string') return undefined;
  let end = jsonl.length;
  // Trailing line endings are not lines: they must not use up the scan allowance.
  while (end > 0 && (jsonl.charCodeAt(end - 1) === 10 || jsonl.charCodeAt(end - 1) === 13)) end--;
  for (let scanned = 0; end > 0 && scanned < TRANSCRIPT_SCAN_LINES; scanned++) {
    const start = jsonl.lastIndexOf('\n', end - 1) + 1;
    const line = jsonl.slice(start, end);
    end = start - 1;
    // Cheap filter first: most lines (tool results, user turns) are skipped without parsing.
    if (!line.includes('"assistant"') || !line.includes('"model"')) continue;
    const model = assistantModel(line);
    if (model !== undefined) return model;
  }
  return undefined;
}

function assistantModel(line: string): string | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return undefined; // a partially written last line, or garbage: keep looking
  }
  const obj = asObject(entry);
  if (own(obj, 'type') !== 'assistant') return undefined;
  const message = asObject(own(obj, 'message'));
  const model = idValue(own(message, 'model'));
  return model === '<synthetic>' ? undefined : model;
}
