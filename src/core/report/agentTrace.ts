/**
 * The branch's provenance as ONE Agent Trace record for the head commit: the AI lines the branch added, as the
 * records of its commits place them at the head. Commit-level evidence is left out (it names no lines), and so is
 * every vendor field of the source records: only validated facts are re-emitted.
 */
import type { Origin } from '../attribution/origin';
import type { LineOrigin } from '../blame';
import {
  buildAgentTrace,
  gitPathProblem,
  type AgentTraceRecord,
  type AttributedFile,
  type AttributedLine,
  type BuildOptions,
} from '../commit';
import type { BranchFacts } from './build';

function toOrigin(o: LineOrigin): Origin | undefined {
  if (!o.kind) return undefined;
  return {
    kind: o.kind,
    tool: o.tool,
    ...(o.model !== undefined ? { model: o.model } : {}),
    ...(o.session !== undefined ? { session: o.session } : {}),
    time: o.time ?? 0,
  };
}

export function combinedAgentTrace(
  facts: BranchFacts,
  options: Omit<BuildOptions, 'revision'>,
): { record: AgentTraceRecord; skipped: string[] } {
  const files: AttributedFile[] = [];
  const skipped: string[] = [];
  for (const file of facts.diff.files) {
    if (file.binary || file.newPath === null) continue;
    const path = file.newPath;
    const ai = new Map<number, AttributedLine>();
    let last = 0;
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        if (line.kind !== 'add' || line.newLine === undefined) continue;
        const source = facts.lineSource(path, line.newLine);
        if (source.authorship !== 'ai' && source.authorship !== 'mixed') continue;
        const origins = source.origins.map(toOrigin).filter((o): o is Origin => o !== undefined);
        if (origins.length === 0) continue;
        ai.set(line.newLine, { text: line.text, cls: source.authorship, origins });
        last = Math.max(last, line.newLine);
      }
    }
    if (ai.size === 0) continue;
    if (gitPathProblem(path)) {
      skipped.push(path);
      continue;
    }
    const lines: AttributedLine[] = [];
    for (let n = 1; n <= last; n++) lines.push(ai.get(n) ?? { text: '', cls: 'human', origins: [] });
    files.push({ path, lines });
  }
  return { record: buildAgentTrace(files, { ...options, revision: facts.head.commit }), skipped };
}
