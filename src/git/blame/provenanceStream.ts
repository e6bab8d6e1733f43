/**
 * Provenance one commit at a time, for a log read as it streams: an annotated commit's note is requested from a
 * long-lived `git cat-file --batch` as soon as the commit is seen, so reading and parsing notes overlaps git still
 * writing the log (the reads asked for in one tick go to git in one write). Each answer equals what
 * ProvenanceReader.provenance gives for that commit and identity.
 */
import { interpretNote, noRecord, withIdentityRecognition, type CommitProvenance } from '../../core/blame';
import type { CommitIdentityInput } from '../../core/commit';
import type { CatFileBatch } from '../catFileBatch';
import { withForeignEvidence } from '../../core/foreign';
import { foreignEvidence } from '../foreign/foreignNotes';
import { MAX_NOTE_BYTES } from '../notes';
import type { ProvenanceReader } from './provenanceReader';

export class ProvenanceStream {
  /** Notes are read through `batch`, which the caller owns (and closes). */
  constructor(
    private readonly reader: ProvenanceReader,
    private readonly batch: CatFileBatch,
  ) {}

  /**
   * `identity`: the commit's identities, trailers and marker lines, e.g. from its log header (read from git when
   * absent). Commits without a note need no read and are answered at once.
   */
  of(commit: string, identity: CommitIdentityInput | undefined): CommitProvenance | Promise<CommitProvenance> {
    if (!identity) return this.reader.provenance([commit]).then((found) => found.get(commit)!);
    const foreign = this.reader.foreign.get(commit);
    if (foreign) {
      // Another tool's record: combined with ours (ours wins where both speak), read through the same batch.
      const read = (blob: string) => this.batch.read(blob).then((o) => o?.content);
      return Promise.all([this.own(commit, identity), foreignEvidence(commit, foreign, read)]).then(([own, evidence]) =>
        withForeignEvidence(own, evidence),
      );
    }
    return this.own(commit, identity);
  }

  private own(commit: string, identity: CommitIdentityInput): CommitProvenance | Promise<CommitProvenance> {
    const note = this.reader.notes.get(commit);
    const extra = this.reader.identities;
    if (!note) return withIdentityRecognition(noRecord(commit), identity, extra);
    if (note.size > MAX_NOTE_BYTES)
      return withIdentityRecognition(interpretNote(commit, { oversized: note.size }), identity, extra);
    return this.batch
      .read(note.blob)
      .then((object) =>
        withIdentityRecognition(
          object ? interpretNote(commit, { text: object.content.toString('utf8') }) : noRecord(commit),
          identity,
          extra,
        ),
      );
  }
}
