/**
 * Files earlier versions left in a state dir that nothing reads any more: the hook server's directory (`server/`: its
 * pid file, request FIFO, reply FIFOs and saved agent payloads `in.<pid>`) and the hand-rolled V8 code cache
 * (`cache/hookMain-*.v8`; node's own compile cache lives in `cache/node/`). Removed by `hooks install` (so by VS Code
 * at start when it brings outdated hooks up to date) and by the first git hook run after an update.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Removes what earlier versions left in `stateDir`; returns the names removed. Never throws. */
export function removeRetiredFiles(stateDir: string): string[] {
  const removed: string[] = [];
  const remove = (rel: string): void => {
    try {
      const file = path.join(stateDir, rel);
      if (!fs.existsSync(file)) return;
      fs.rmSync(file, { recursive: true, force: true });
      removed.push(rel);
    } catch {
      // Left for the next run; nothing reads these files.
    }
  };
  remove('server');
  let cached: string[];
  try {
    cached = fs.readdirSync(path.join(stateDir, 'cache')).filter((name) => name.startsWith('hookMain-'));
  } catch {
    cached = [];
  }
  for (const name of cached) remove(path.join('cache', name));
  return removed;
}
