/**
 * Reads what commits say about their lines: notes (size-checked by the listing before they are read, parsed as
 * hostile input) and identities plus trailers for commit-level evidence (skipped when the caller has them from a log
 * header); also file versions for re-finding ranges. Each is one git process for all the commits asked about.
 */
import {
  IDENTITY_FORMAT,
  IdentityLogParser,
  interpretNote,
  noRecord,
  withIdentityRecognition,
  type CommitProvenance,
  type NoteContent,
} from '../../core/blame';
import { parseIdentityConfig, splitLines, type CommitIdentityInput, type ExtraIdentities } from '../../core/commit';
import { withForeignEvidence } from '../../core/foreign';
import { foreignEvidence, listForeignNotes, type ForeignBlob, type ForeignRefs } from '../foreign/foreignNotes';
import { runGit, type GitRunner } from '../exec';
import { MAX_NOTE_BYTES, PROVENANCE_NOTES_REF } from '../notes';
import { readBlobAt, type RepoInfo } from '../repo';
import { catFileAll, objectSizes } from './catFileAll';
import { listNotesSized, type NoteBlob } from './notesIndex';

/** File versions above this size are not read to re-find ranges. */
const MAX_BLOB_BYTES = 32 * 1024 * 1024;

export interface ReaderOptions {
  readonly notesRef?: string;
  readonly runner?: GitRunner;
  /** The project's extra AI identities; read from `.ai-provenance.json` at HEAD when absent. */
  readonly identities?: ExtraIdentities | null;
  /** Other tools' records read as evidence (git-ai on refs/notes/ai, Agent Trace on refs/notes/agent-trace). */
  readonly foreignRefs?: ForeignRefs;
}

const PROJECT_CONFIG = '.ai-provenance.json';

/** The project's extra AI identities committed at HEAD, or why they were not used. Never throws. */
async function readProjectIdentities(
  repo: RepoInfo,
  rev = 'HEAD',
  runner?: GitRunner,
): Promise<{ identities?: ExtraIdentities; warning?: string }> {
  let text: string | undefined;
  try {
    text = await readBlobAt(repo, rev, PROJECT_CONFIG, runner);
  } catch {
    return {}; // no HEAD yet (a fresh repository): nothing committed to read
  }
  if (text === undefined) return {};
  try {
    const identities = parseIdentityConfig(text);
    return identities ? { identities } : {};
  } catch (err) {
    return { warning: `${err instanceof Error ? err.message : String(err)}; only the built-in AI identities are used` };
  }
}

export class ProvenanceReader {
  private constructor(
    readonly repo: RepoInfo,
    /** Annotated commit -> note blob and size. */
    readonly notes: ReadonlyMap<string, NoteBlob>,
    /** The project's extra AI identities, added to the built-in ones. */
    readonly identities: ExtraIdentities | undefined,
    /** Why the project's identities could not be used (shown by callers that report warnings). */
    readonly identityWarning: string | undefined,
    /** Annotated commit -> other tools' records about it (evidence where ours is absent or silent). */
    readonly foreign: ReadonlyMap<string, readonly ForeignBlob[]> = new Map(),
  ) {}

  /** Lists the notes of `notesRef` (default refs/notes/ai-provenance) and reads the project's AI identities. */
  static async open(repo: RepoInfo, options: ReaderOptions = {}): Promise<ProvenanceReader> {
    const given = options.identities;
    const [notes, project, foreign] = await Promise.all([
      listNotesSized(repo, options.notesRef ?? PROVENANCE_NOTES_REF, options.runner),
      given !== undefined
        ? { identities: given ?? undefined, warning: undefined }
        : readProjectIdentities(repo, 'HEAD', options.runner),
      listForeignNotes(repo, options.foreignRefs, options.runner),
    ]);
    return new ProvenanceReader(repo, notes, project.identities, project.warning, foreign);
  }

  /** Whether any record (ours or another tool's) is attached to `commit`. */
  hasNote(commit: string): boolean {
    return this.notes.has(commit) || this.foreign.has(commit);
  }

  /**
   * Per commit: its record or why its note was ignored, and commit-level evidence when there is no record (from
   * `identities` when given, e.g. log headers; otherwise read from git: identities and parsed trailers).
   */
  async provenance(
    commits: Iterable<string>,
    options: { identities?: ReadonlyMap<string, CommitIdentityInput> } = {},
  ): Promise<Map<string, CommitProvenance>> {
    const wanted = [...new Set(commits)];
    const needsIdentity = (c: string) => !options.identities?.has(c);
    // Unannotated commits' identities are read alongside the notes; annotated commits whose note turns out unusable
    // are read afterwards (rare). Identities carry the agents' marker lines of their messages (the log formats read
    // them), whether given or read here.
    const [notes, read] = await Promise.all([
      this.notesOf(this.notes, wanted),
      this.identitiesOf(wanted.filter((c) => needsIdentity(c) && !this.hasNote(c))),
    ]);
    const foreign = await this.foreignOf(wanted);
    const out = new Map<string, CommitProvenance>();
    for (const commit of wanted) {
      const note = notes.get(commit);
      const own = note ? interpretNote(commit, note) : noRecord(commit);
      const p = foreign.has(commit) ? withForeignEvidence(own, foreign.get(commit)!) : own;
      const identity = options.identities?.get(commit);
      out.set(commit, identity ? withIdentityRecognition(p, identity, this.identities) : p);
    }
    const late = wanted.filter((c) => needsIdentity(c) && this.hasNote(c) && !out.get(c)!.record);
    if (late.length > 0) for (const [c, identity] of await this.identitiesOf(late)) read.set(c, identity);
    for (const [commit, identity] of read)
      if (out.has(commit)) out.set(commit, withIdentityRecognition(out.get(commit)!, identity, this.identities));
    return out;
  }

  /** Other tools' records about `commits` (those that have some), converted; one `git cat-file` for all. */
  private async foreignOf(
    commits: readonly string[],
  ): Promise<Map<string, Awaited<ReturnType<typeof foreignEvidence>>>> {
    const out = new Map<string, Awaited<ReturnType<typeof foreignEvidence>>>();
    const annotated = commits.filter((c) => this.foreign.has(c));
    if (annotated.length === 0) return out;
    const blobs = annotated.flatMap((c) =>
      this.foreign
        .get(c)!
        .filter((b) => b.size <= MAX_NOTE_BYTES)
        .map((b) => b.blob),
    );
    const contents = new Map<string, Buffer>();
    (await catFileAll(this.repo.root, blobs)).forEach((entry, i) => {
      if (entry?.found) contents.set(blobs[i], entry.object.content);
    });
    for (const c of annotated)
      out.set(c, await foreignEvidence(c, this.foreign.get(c)!, (blob) => Promise.resolve(contents.get(blob))));
    return out;
  }

  /**
   * Identities, trailers and marker lines of `commits` from one `git log --no-walk --stdin`; the messages come whole
   * (bounded by the output limit), only their marker lines are kept.
   */
  private async identitiesOf(commits: readonly string[]): Promise<Map<string, CommitIdentityInput>> {
    const out = new Map<string, CommitIdentityInput>();
    if (commits.length === 0) return out;
    const result = await runGit(
      ['log', '--no-walk=unsorted', '--stdin', '--no-show-signature', `--format=${IDENTITY_FORMAT}`],
      {
        cwd: this.repo.root,
        input: commits.join('\n') + '\n',
        maxOutputBytes: 256 << 20,
      },
    );
    const parser = new IdentityLogParser((commit, identity) => out.set(commit, identity));
    for (const line of result.stdout.split('\n')) parser.line(line);
    return out;
  }

  /** The notes (`index`: commit -> blob and size) of `commits`; notes over MAX_NOTE_BYTES come back as sizes only. */
  async notesOf(index: ReadonlyMap<string, NoteBlob>, commits: Iterable<string>): Promise<Map<string, NoteContent>> {
    const wanted = [...new Set(commits)].filter((c) => index.has(c));
    const out = new Map<string, NoteContent>();
    const small = wanted.filter((c) => index.get(c)!.size <= MAX_NOTE_BYTES);
    for (const c of wanted) if (index.get(c)!.size > MAX_NOTE_BYTES) out.set(c, { oversized: index.get(c)!.size });
    (
      await catFileAll(
        this.repo.root,
        small.map((c) => index.get(c)!.blob),
      )
    ).forEach((entry, i) => {
      if (entry?.found) out.set(small[i], { text: entry.object.content.toString('utf8') });
    });
    return out;
  }

  /** The lines of `path` at `commit` (as splitLines counts them), or undefined when absent or too large. */
  async fileLines(commit: string, path: string): Promise<string[] | undefined> {
    const name = `${commit}:${path}`;
    const size = (await objectSizes(this.repo.root, [name])).get(name);
    if (!size || size.type !== 'blob' || size.size > MAX_BLOB_BYTES) return undefined;
    const [entry] = await catFileAll(this.repo.root, [name]);
    return entry?.found ? splitLines(entry.object.content.toString('utf8')) : undefined;
  }

  /** Kept for symmetry with long-lived readers: every read above is self-contained. */
  async close(): Promise<void> {}
}
