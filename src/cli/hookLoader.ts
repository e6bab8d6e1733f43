/**
 * What the launcher runs for hooks (`git-hook`, `hook`): loads hookMain.js from beside this file with V8's code
 * cache, so later hook runs skip most of the parsing and compiling that a fresh node start repeats every commit.
 * Node >= 22.1 caches by itself (module.enableCompileCache); older Node gets the same through vm.Script cached data.
 * The cache lives in the state dir the launcher names (AI_PROVENANCE_CACHE_DIR); without one, or when anything about
 * the cache fails, hookMain.js loads the ordinary way. Node builtins only: this file must stay tiny.
 */
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

export const CACHE_DIR_ENV = 'AI_PROVENANCE_CACHE_DIR';

interface HookEntry {
  runHookEntry(): void;
}

type CompileCache = { enableCompileCache?: (dir: string) => unknown };

/** Loads `file` (CommonJS) through vm.Script with cached data kept in `cacheDir`, refreshed when V8 rejects it. */
function loadWithCodeCache(file: string, cacheDir: string): unknown {
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  // The key changes with the file and the runtime; V8 also refuses data made by another version or for other source.
  const name = `hookMain-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}.v8`;
  const cacheFile = path.join(cacheDir, name);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source.replace(/^#!.*/, '')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected) {
    // After the run, so the functions the hook compiled lazily are in the cache too.
    process.once('exit', () => writeCache(cacheDir, cacheFile, () => script.createCachedData()));
  }
  const mod = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, nodeModule.createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

function writeCache(dir: string, file: string, data: () => Buffer): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const old of fs.readdirSync(dir)) if (old.startsWith('hookMain-') && old !== path.basename(file)) fs.rmSync(path.join(dir, old), { force: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data());
    fs.renameSync(temp, file);
  } catch {
    // A cache is an optimisation: a read-only or full disk only costs the next run its compile time.
  }
}

function loadHookMain(): HookEntry {
  const file = path.join(__dirname, 'hookMain.js');
  const cacheDir = process.env[CACHE_DIR_ENV];
  if (cacheDir) {
    const native = (nodeModule as unknown as CompileCache).enableCompileCache;
    try {
      if (native) native(path.resolve(cacheDir, 'node'));
      else return loadWithCodeCache(file, path.resolve(cacheDir)) as HookEntry;
    } catch {
      // Fall through to a plain load.
    }
  }
  return nodeModule.createRequire(__filename)(file) as HookEntry;
}

loadHookMain().runHookEntry();
