/**
 * The diagnostic log every hook and the store append to: `<gitdir>/ai-provenance/log.txt`. Bounded: past
 * LOG_MAX_BYTES it is rotated to `log.1.txt` (one generation kept). Logging never throws: a failed log line must not
 * fail a commit hook.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const STATE_DIR_NAME = 'ai-provenance';
export const LOG_FILE_NAME = 'log.txt';
const LOG_MAX_BYTES = 256 * 1024;
const MAX_MESSAGE_CHARS = 4000;

/** Appends a line to `<gitDir>/ai-provenance/log.txt`. */
export function log(gitDir: string, message: string): Promise<void> {
  return appendStateLog(path.join(gitDir, STATE_DIR_NAME), message);
}

/** Appends a line to `<stateDir>/log.txt`, rotating when it would exceed `maxBytes`. */
export async function appendStateLog(stateDir: string, message: string, maxBytes = LOG_MAX_BYTES): Promise<void> {
  try {
    const line = formatLogLine(message);
    const file = path.join(stateDir, LOG_FILE_NAME);
    await fs.mkdir(stateDir, { recursive: true });
    const size = await fs.stat(file).then(
      (s) => s.size,
      () => 0,
    );
    if (size > 0 && size + Buffer.byteLength(line) > maxBytes) {
      await fs.rename(file, path.join(stateDir, 'log.1.txt')).catch(() => undefined);
    }
    await fs.appendFile(file, line, 'utf8');
  } catch {
    // Logging is diagnostics only.
  }
}

/** One line: ISO time, pid, message with line breaks escaped (one entry per line) and length bounded. */
export function formatLogLine(message: string, now = new Date()): string {
  let text = message.replace(/\r?\n|\r/g, '\\n');
  if (text.length > MAX_MESSAGE_CHARS) {
    text = text.slice(0, MAX_MESSAGE_CHARS) + '…';
  }
  return `${now.toISOString()} [${process.pid}] ${text}\n`;
}
