/**
 * Which repository's working state an agent's edit of one file goes to. An agent started in a superproject edits
 * `sub/file` of a submodule (or of a repository nested in the work tree): that file is committed by the inner
 * repository, so its record must live there, under the inner repository's own path for it. A repository without our
 * launcher would never turn the record into a note; such an edit is dropped with a reason, never recorded where no
 * commit will read it. Pure: the git layer says who owns each file (src/git/agents/fileOwner.ts).
 */
import { dropLine } from '../state/dropLine';

/** The repository that owns a file, as the git layer found it. */
export interface FileOwner {
  /** The owner's work tree root (absolute). */
  readonly root: string;
  /** The file's path relative to the owner's root, `/`-separated. */
  readonly rel: string;
  /** Whether the owner has AI Provenance installed (its launcher exists): only then will a commit read the record. */
  readonly installed: boolean;
}

export type FileRoute =
  | { readonly kind: 'home'; readonly rel: string }
  | { readonly kind: 'nested'; readonly root: string; readonly rel: string; readonly homeRel: string }
  | { readonly kind: 'dropped'; readonly homeRel: string; readonly reason: string };

/**
 * `homeRel`: the file's path in the repository the hook ran in (`homeRoot`); `owner`: the repository git says holds
 * it, or undefined when git could not say (a broken `.git` entry, an error).
 */
export function routeFile(homeRoot: string, homeRel: string, owner: FileOwner | undefined): FileRoute {
  if (owner === undefined)
    return { kind: 'dropped', homeRel, reason: 'no git repository could be found for it (see the log for why)' };
  if (owner.root === homeRoot) return { kind: 'home', rel: homeRel };
  if (!owner.installed)
    return {
      kind: 'dropped',
      homeRel,
      reason: `it belongs to the repository at ${owner.root}, where AI Provenance is not installed (run \`ai-provenance install\` there)`,
    };
  return { kind: 'nested', root: owner.root, rel: owner.rel, homeRel };
}

/** The log line for a dropped route, in the one wording of a drop (`dropped attribution: …`, see dropLine.ts). */
export function describeDroppedRoute(route: Extract<FileRoute, { kind: 'dropped' }>): string {
  return dropLine('agent hook', `the agent's edit of ${route.homeRel}`, route.reason);
}
