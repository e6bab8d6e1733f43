/**
 * Opt-in record of what the user asked an agent for. Off by default: no prompt text is stored unless
 * `AI_PROVENANCE_PROMPT_SUMMARY` is `hash` (a hash of the redacted prompt) or `first-line` (its first line,
 * secrets redacted). Lines go to `<git dir>/ai-provenance/agent-prompts.jsonl` (bounded; one older generation kept).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '../../core/sha256';
import { asObject, own } from '../../core/agents/payloadFields';
import { promptSummary } from '../../core/agents/secrets';
import type { HookPayload } from '../../core/agents/types';
import type { FileReport } from './applyChange';
import { lastClaudePrompt, readTail } from './transcripts';

const PROMPT_SUMMARY_ENV = 'AI_PROVENANCE_PROMPT_SUMMARY';
const PROMPT_LOG_FILE = 'agent-prompts.jsonl';
const PROMPT_LOG_MAX_BYTES = 1024 * 1024;

export async function recordPromptSummary(
  stateDir: string,
  env: Readonly<Record<string, string | undefined>>,
  payload: HookPayload,
  raw: unknown,
  reports: readonly FileReport[],
  now: number,
): Promise<void> {
  const mode = env[PROMPT_SUMMARY_ENV];
  if (mode === undefined || mode === '' || mode === 'none') return;
  if (mode !== 'hash' && mode !== 'first-line')
    throw new Error(`${PROMPT_SUMMARY_ENV} must be none, hash or first-line`);
  let prompt = own(asObject(raw), 'prompt');
  if (typeof prompt !== 'string' && payload.agent === 'claude' && payload.transcriptPath !== undefined) {
    const tail = await readTail(payload.transcriptPath);
    prompt = tail === undefined ? undefined : lastClaudePrompt(tail);
  }
  if (typeof prompt !== 'string') return;
  const summary = promptSummary(prompt, mode, (s) => 'sha256:' + sha256Hex(s));
  if (summary === undefined || summary === '') return;
  const entry = {
    time: now,
    agent: payload.agent,
    session: payload.sessionId,
    toolUseId: payload.toolUseId,
    files: reports.filter((r) => r.action === 'attributed').map((r) => r.path),
    [mode === 'hash' ? 'promptHash' : 'promptFirstLine']: summary,
  };
  const file = path.join(stateDir, PROMPT_LOG_FILE);
  const size = await fs.stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (size > PROMPT_LOG_MAX_BYTES)
    await fs.rename(file, path.join(stateDir, 'agent-prompts.1.jsonl')).catch(() => undefined);
  await fs.appendFile(file, JSON.stringify(entry) + '\n', 'utf8');
}
