/**
 * Which names of a Rust module file other crates can reach. A file `src/a/b.rs` is the module `a::b`, declared by
 * `mod b;` in `src/a.rs` (or `src/a/mod.rs`), itself declared in `src/lib.rs`. When every module on that path is
 * declared `pub mod`, its `pub` items are the crate's API; when one is private (`mod b;`, `pub(crate) mod b;`), they
 * are reachable only through a `pub use` in the files above it (uv #21130: `pub enum EditableError` in a private
 * `requirement` module that `lib.rs` never re-exported, renamed: nobody outside could name it).
 */

interface ModuleStep {
  readonly name: string;
  /** The files that may declare it (`mod name;`), nearest form first. */
  readonly declarers: readonly string[];
}

/** The modules a Rust file's path names below its crate's `src/`, each with the files that may declare it; [] for
 * the crate root (`src/lib.rs`) and for files not under a `src/` folder. */
function moduleSteps(path: string): ModuleStep[] {
  const m = /^(.*?\/)?src\/(.+)\.rs$/.exec(path);
  if (!m) return [];
  const root = `${m[1] ?? ''}src/`;
  const parts = m[2].split('/');
  if (parts[parts.length - 1] === 'mod') parts.pop();
  if (parts.length === 1 && (parts[0] === 'lib' || parts[0] === 'main')) return [];
  return parts.map((name, i) => {
    const parent = root + parts.slice(0, i).join('/');
    return { name, declarers: i === 0 ? [`${root}lib.rs`] : [`${parent}.rs`, `${parent}/mod.rs`] };
  });
}

/** Every file that may declare a module on a Rust file's path (for src/git to read at the head). */
export function rustModuleDeclarers(path: string): string[] {
  return path.endsWith('.rs') ? moduleSteps(path).flatMap((s) => s.declarers) : [];
}

/**
 * For a Rust module file under a private module: the `pub use` items of the files that declare its modules, the only
 * way its names leave the crate. Undefined when every module on its path is `pub`, when a declaration is not found
 * (an unread file, a `#[path]` attribute, a macro), or when a `pub use` re-exports the private module itself
 * (`pub use lock::{cyclonedx_json}`, `pub use requirement::*`): then all its `pub` names count, as before.
 */
export function rustReexportsOf(path: string, textOf: (path: string) => string | undefined): string | undefined {
  const steps = moduleSteps(path);
  let hidden = false;
  const uses: string[] = [];
  for (const step of steps) {
    const text = step.declarers.map(textOf).find((t) => t !== undefined);
    if (text === undefined) return undefined;
    const decl = new RegExp(`^[ \\t]*(pub(?:\\s*\\([^)]*\\))?\\s+)?mod\\s+${step.name}\\s*;`, 'm').exec(text);
    if (!decl) return undefined;
    for (const u of text.match(/\bpub\s+use\s+[^;]+;/g) ?? []) uses.push(u);
    if (decl[1]?.trim() !== 'pub') hidden = true;
    // The module re-exported whole (`pub use lock::{cyclonedx_json}`, `pub use requirement::*`): reachable again.
    const whole = new RegExp(`(?<![\\w])${step.name}(?:\\s*::\\s*\\*|(?![\\w]|\\s*::))`);
    if (hidden && uses.some((u) => whole.test(u))) hidden = false;
  }
  return hidden ? uses.join('\n') : undefined;
}
