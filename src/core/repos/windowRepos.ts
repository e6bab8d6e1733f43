/**
 * Decisions about the several git repositories one VS Code window may hold (multi-root workspaces, submodules,
 * repositories nested in a folder). Paths are absolute, in the platform's form; `sep` is its separator (core has no
 * `path`).
 */

/** The innermost root that holds `file` (a nested repository or submodule wins over its superproject), or undefined. */
export function containingRoot(file: string, roots: readonly string[], sep: string): string | undefined {
  let best: string | undefined;
  for (const root of roots) {
    const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
    if (inside && (best === undefined || root.length > best.length)) best = root;
  }
  return best;
}

/**
 * The repository a command acts on without asking, or 'ask': the active editor's repository when it has one (what
 * the user is looking at), else the only repository, else the user picks.
 */
export function defaultRepository(
  roots: readonly string[],
  activeRoot: string | undefined,
): string | 'ask' | undefined {
  if (activeRoot !== undefined) return activeRoot;
  if (roots.length <= 1) return roots[0];
  return 'ask';
}

/** Roots in the order a picker shows them: the active editor's first, then as given (workspace folder order). */
export function pickerOrder(roots: readonly string[], activeRoot: string | undefined): string[] {
  const unique = [...new Set(roots)];
  return activeRoot !== undefined && unique.includes(activeRoot)
    ? [activeRoot, ...unique.filter((r) => r !== activeRoot)]
    : unique;
}
