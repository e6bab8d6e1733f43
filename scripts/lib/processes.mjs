// Every child the harness starts is tracked here so that no process outlives a run, even on Ctrl+C or a crash.
const children = new Set();

export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killAll(signal = 'SIGTERM') {
  for (const child of children) {
    try {
      // Detached children lead their own process group: kill the group so grandchildren (extension hosts) go too.
      if (child.spawnargs && child.pid) process.kill(-child.pid, signal);
    } catch {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  }
}

/** Waits for a child to exit, killing it after `timeoutMs`. Resolves with its exit code (or -1 when killed). */
export function waitFor(child, timeoutMs, what) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? -1);
    const timer = setTimeout(() => {
      console.error(`${what}: timed out after ${Math.round(timeoutMs / 1000)}s, stopping it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

let installed = false;
/** Kills tracked children when this process ends for any reason. */
export function installExitHandlers() {
  if (installed) return;
  installed = true;
  process.once('exit', () => killAll('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      killAll('SIGTERM');
      setTimeout(() => process.exit(130), 300).unref();
    });
  }
}
