/**
 * What a hook reads from an agent's transcript file: the tail only, so a long session never slows the hook down.
 * Claude Code's JSONL transcript names the model of each assistant turn and holds the user's prompts.
 */
import { promises as fs } from 'node:fs';
import { asObject, own } from '../../core/agents/payloadFields';
import { modelFromClaudeTranscript } from '../../core/agents/transcript';

/** Bytes read from the end of a transcript. */
const TRANSCRIPT_TAIL_BYTES = 1024 * 1024;

/** The last TRANSCRIPT_TAIL_BYTES of a regular file as text (a cut first line is dropped); undefined if unreadable. */
export async function readTail(file: string, maxBytes = TRANSCRIPT_TAIL_BYTES): Promise<string | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) return undefined;
    const length = Math.min(stat.size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, stat.size - length);
    const text = buffer.toString('utf8');
    return length < stat.size ? text.slice(text.indexOf('\n') + 1) : text;
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function claudeModelFromTranscript(file: string): Promise<string | undefined> {
  const tail = await readTail(file);
  return tail === undefined ? undefined : modelFromClaudeTranscript(tail);
}

/** The text of the last prompt the user typed (not tool results, not Claude Code's own messages). */
export function lastClaudePrompt(jsonl: string): string | undefined {
  const lines = jsonl.split('\n');
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 5000; i--) {
    const line = lines[i];
    if (!line.includes('"user"')) continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const obj = asObject(entry);
    if (own(obj, 'type') !== 'user' || own(obj, 'isMeta') === true) continue;
    const content = own(asObject(own(obj, 'message')), 'content');
    if (typeof content === 'string') return content;
    if (!Array.isArray(content) || content.some((b) => own(asObject(b), 'type') === 'tool_result')) continue;
    const text = content
      .map((b) => own(asObject(b), 'text'))
      .filter((t): t is string => typeof t === 'string')
      .join('\n');
    if (text !== '') return text;
  }
  return undefined;
}
