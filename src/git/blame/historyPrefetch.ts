/**
 * `git blame` names the commits it needs only when it finishes. Meanwhile this reads the provenance of the commits
 * that touched the file: one `git log` in the identity format (the identities blame's commits would need afterwards
 * anyway), then the notes of those commits. When blame is done most of its commits are already known. Should blame
 * finish first, the log is stopped (a young file in a long history) and whatever was missed is read as before.
 */
import { IDENTITY_FORMAT, IdentityLogParser, type CommitProvenance } from '../../core/blame';
import type { CommitIdentityInput } from '../../core/commit';
import type { RepoInfo } from '../repo';
import type { ProvenanceReader } from './provenanceReader';
import { streamGitLines } from './stream';

/** Commits of the file's history read ahead; older ones are read after blame if it names them. */
const PREFETCH_MAX_COMMITS = 2000;

export interface Prefetched {
  /** Provenance of commits of the file's history (absent when the log was stopped or failed). */
  readonly provenance: ReadonlyMap<string, CommitProvenance>;
  /** Identities and trailers of the commits the log listed before it ended. */
  readonly identities: ReadonlyMap<string, CommitIdentityInput>;
}

export class HistoryPrefetch {
  private readonly stop = new AbortController();
  private readonly result: Promise<Prefetched>;

  /** Starts reading at once; `rev` is what blame blames (undefined: the work tree, whose history is HEAD's). */
  constructor(repo: RepoInfo, rev: string | undefined, relPath: string, reader: Promise<ProvenanceReader>) {
    const identities = new Map<string, CommitIdentityInput>();
    const parser = new IdentityLogParser((commit, identity) => identities.set(commit, identity));
    const args = [
      'log',
      '--no-show-signature', // no verifier's lines among the messages (nor its cost)
      `--format=${IDENTITY_FORMAT}`,
      `--max-count=${PREFETCH_MAX_COMMITS}`,
      rev ?? 'HEAD',
      '--',
      relPath,
    ];
    const log = streamGitLines(
      repo.root,
      args,
      (line) => parser.line(line),
      // The path is a file name, not a pattern (as it is for blame).
      { signal: this.stop.signal, env: { GIT_LITERAL_PATHSPECS: '1' } },
    );
    // Every failure (no HEAD yet, a path git does not know, stopped) just leaves the work to the caller.
    this.result = log
      .then(async () => ({
        provenance: await (await reader).provenance(identities.keys(), { identities }),
        identities,
      }))
      .catch(() => ({ provenance: new Map<string, CommitProvenance>(), identities }));
  }

  /** What was read; stops the log if it is still running (notes already being read are waited for). */
  settle(): Promise<Prefetched> {
    this.stop.abort();
    return this.result;
  }

  /** What was read once the whole history is read (nothing is stopped). */
  finished(): Promise<Prefetched> {
    return this.result;
  }
}
