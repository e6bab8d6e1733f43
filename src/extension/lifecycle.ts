/** Small disposable helpers in the style of VS Code's own lifecycle.ts: a feature owns what it registers. */
import * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private readonly toDispose: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.toDispose.push(d);
    return d;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.toDispose.length) {
      try {
        this.toDispose.pop()?.dispose();
      } catch (err) {
        console.error('[ai-provenance] dispose failed', err);
      }
    }
  }
}

/** Calls `fn` at most once per `ms`, after the last call (trailing debounce). */
export function debounce(fn: () => void, ms: number): { (): void; cancel(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    fn();
  };
  const debounced = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  debounced.flush = () => {
    if (timer) {
      clearTimeout(timer);
      run();
    }
  };
  return debounced;
}
