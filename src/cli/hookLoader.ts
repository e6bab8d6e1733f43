/**
 * What the launcher runs for hooks (`git-hook`, `hook`): turns on Node's own compile cache (module.enableCompileCache,
 * Node >= 22.1, VS Code's Electron included) in the state dir the launcher names (AI_PROVENANCE_CACHE_DIR), then loads
 * hookMain.js from beside this file, so later hook runs skip most of the parsing and compiling a fresh node start
 * repeats every commit. Older Node, no cache dir, or any failure of the cache: hookMain.js loads the ordinary way.
 * Node builtins only: this file must stay tiny.
 */
import * as nodeModule from 'node:module';
import * as path from 'node:path';

const CACHE_DIR_ENV = 'AI_PROVENANCE_CACHE_DIR';

type CompileCache = { enableCompileCache?: (dir: string) => unknown };

function enableCache(): void {
  const dir = process.env[CACHE_DIR_ENV];
  const enable = (nodeModule as unknown as CompileCache).enableCompileCache;
  if (!dir || !enable) return;
  try {
    // Node keys its entries by file content and its own version, and checks them on load.
    enable(path.resolve(dir, 'node'));
  } catch {
    // A cache is an optimisation: a read-only or full disk only costs the run its compile time.
  }
}

enableCache();
(nodeModule.createRequire(__filename)(path.join(__dirname, 'hookMain.js')) as { runHookEntry(): void }).runHookEntry();
