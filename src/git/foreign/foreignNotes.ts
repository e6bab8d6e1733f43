/**
 * Where other tools keep their records, listed cheaply: one `git for-each-ref` says which of the refs exist (and
 * lists git-ai's oldest store, one blob per commit under refs/ai/authorship/); a notes ref is listed only when it
 * exists. Notes over MAX_NOTE_BYTES are never read, only reported by size.
 */
import {
  convertForeignNote,
  type ForeignConversion,
  type ForeignEvidence,
  type ForeignFormat,
} from '../../core/foreign';
import { runGit, type GitRunner } from '../exec';
import { MAX_NOTE_BYTES } from '../notes';
import type { RepoInfo } from '../repo';
import { listNotesSized } from '../blame/notesIndex';

/** git-ai's notes ref (its spec: authorship logs MUST live on refs/notes/ai). */
const GIT_AI_NOTES_REF = 'refs/notes/ai';
/** git-ai before authorship/3.0.0 kept one blob per commit here (authorship/0.0.1 JSON). */
const GIT_AI_LEGACY_PREFIX = 'refs/ai/authorship/';
/** Where other Agent Trace writers (e.g. agent-trace-cli) put their notes. */
const AGENT_TRACE_NOTES_REF = 'refs/notes/agent-trace';

/** Which foreign refs to read; `false` turns a source off. */
export interface ForeignRefs {
  readonly gitAi?: string | false;
  readonly agentTrace?: string | false;
}

export interface ForeignBlob {
  readonly format: ForeignFormat;
  /** The ref it was found on. */
  readonly ref: string;
  readonly blob: string;
  readonly size: number;
}

const REF = /^refs\/[A-Za-z0-9._/-]+$/;

function checkedRef(ref: string): string {
  if (!REF.test(ref) || ref.includes('..')) throw new Error(`invalid notes ref ${JSON.stringify(ref)}`);
  return ref;
}

/** Annotated commit -> its foreign records (git-ai first, then Agent Trace). Empty when no such ref exists. */
export async function listForeignNotes(
  repo: RepoInfo,
  refs: ForeignRefs = {},
  runner?: GitRunner,
): Promise<Map<string, ForeignBlob[]>> {
  const out = new Map<string, ForeignBlob[]>();
  const gitAi = refs.gitAi === false ? undefined : checkedRef(refs.gitAi ?? GIT_AI_NOTES_REF);
  const agentTrace = refs.agentTrace === false ? undefined : checkedRef(refs.agentTrace ?? AGENT_TRACE_NOTES_REF);
  if (!gitAi && !agentTrace) return out;
  const patterns = [gitAi, gitAi ? GIT_AI_LEGACY_PREFIX : undefined, agentTrace].filter((p): p is string => !!p);
  const listing = await (runner ?? { run: runGit }).run(
    ['for-each-ref', '--format=%(refname) %(objecttype) %(objectname) %(objectsize)', ...patterns],
    { cwd: repo.root, maxOutputBytes: 64 * 1024 * 1024 },
  );
  const present = new Set<string>();
  const legacy = new Map<string, ForeignBlob>();
  for (const line of listing.stdout.split('\n')) {
    const [name, type, oid, size] = line.split(' ');
    if (!name || !oid) continue;
    present.add(name);
    if (gitAi && name.startsWith(GIT_AI_LEGACY_PREFIX) && type === 'blob') {
      const commit = name.slice(GIT_AI_LEGACY_PREFIX.length);
      if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(commit))
        legacy.set(commit, { format: 'git-ai', ref: name, blob: oid, size: Number(size) });
    }
  }
  const add = (commit: string, blob: ForeignBlob) => {
    const list = out.get(commit);
    if (list) list.push(blob);
    else out.set(commit, [blob]);
  };
  const [aiNotes, traceNotes] = await Promise.all([
    gitAi && present.has(gitAi) ? listNotesSized(repo, gitAi, runner) : undefined,
    agentTrace && present.has(agentTrace) ? listNotesSized(repo, agentTrace, runner) : undefined,
  ]);
  for (const [commit, note] of aiNotes ?? []) add(commit, { format: 'git-ai', ref: gitAi!, ...note });
  // The notes ref is git-ai's current store: a commit annotated there does not need its older blob.
  for (const [commit, blob] of legacy) if (!aiNotes?.has(commit)) add(commit, blob);
  for (const [commit, note] of traceNotes ?? []) add(commit, { format: 'agent-trace', ref: agentTrace!, ...note });
  return out;
}

/** Converts the foreign records of `commit`, reading each blob through `read` (never one over MAX_NOTE_BYTES). */
export async function foreignEvidence(
  commit: string,
  blobs: readonly ForeignBlob[],
  read: (blob: string) => Promise<Buffer | undefined>,
  time = 0,
): Promise<ForeignEvidence[]> {
  const out: ForeignEvidence[] = [];
  for (const b of blobs) {
    let conversion: ForeignConversion;
    if (b.size > MAX_NOTE_BYTES) conversion = convertForeignNote(b.format, commit, { oversized: b.size });
    else {
      const content = await read(b.blob);
      if (!content) continue;
      conversion = convertForeignNote(b.format, commit, { text: content.toString('utf8') }, time);
    }
    out.push({ source: b.format, conversion });
  }
  return out;
}
