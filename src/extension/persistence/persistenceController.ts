/**
 * Keeps live attribution and the repository's working state in step:
 * - restores a document's spans when it opens (remapped through a diff when the file changed meanwhile);
 * - saves them, debounced, after every change;
 * - adopts spans that another process (an agent hook, another window) wrote for an open document;
 * - moves the record when a file is renamed inside VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { remapSpans, type SpanTuple } from '../../core/attribution';
import { contentHash } from '../../core/hash';
import { dropLine } from '../../core/state/dropLine';
import { mergeFileRecords, recordFromSpans, spansFromRecord, type FileRecord } from '../../core/state';
import { loadKnownText, saveTextSnapshot } from '../../git';
import { agentQueueDir } from '../../git/agents/queueDir';
import type { AttributionService } from '../attribution/attributionService';
import { Disposable, debounce } from '../lifecycle';
import { deferStartup } from '../startupWork';
import { RepoRegistry, type RepoHandle } from './repoRegistry';

const WATCH_DEBOUNCE_MS = 100;
/** Building a record hashes the whole text: do it once per burst of typing, not per keystroke. */
const SAVE_DEBOUNCE_MS = 250;

export class PersistenceController extends Disposable {
  private readonly repos: RepoRegistry;
  /** `updated` of the last record we wrote or adopted, per document: newer ones on disk came from someone else. */
  private readonly synced = new Map<string, number>();
  private readonly watchers = new Map<string, fs.FSWatcher>();
  /** Clean files changed by an edit whose origin (editor or disk) the next dirty-state event decides. */
  private readonly undecided = new Set<string>();
  /** Records written for text the document will have once VS Code reloads it from disk. */
  private readonly awaitingReload = new Map<string, { handle: RepoHandle; relPath: string }>();
  private readonly pendingSaves = new Map<string, { doc: vscode.TextDocument; timer: ReturnType<typeof setTimeout> }>();
  private readonly _onDidRestore = this.register(new vscode.EventEmitter<vscode.TextDocument>());
  readonly onDidRestore = this._onDidRestore.event;

  constructor(
    private readonly attribution: AttributionService,
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.repos = this.register(new RepoRegistry(log));
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => void this.restore(doc)));
    this.register(attribution.onDidChange(({ document, cause }) => this.changed(document, cause)));
    this.register(vscode.workspace.onWillSaveTextDocument(() => void this.flush()));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.dirtyChanged(e)));
    this.register(attribution.onWillForget((doc) => this.closing(doc)));
    this.register(
      vscode.workspace.onWillRenameFiles((e) => {
        this.carryAcrossRename(e.files);
        e.waitUntil(this.flush());
      }),
    );
    this.register(vscode.workspace.onDidRenameFiles((e) => void this.renamed(e.files)));
    this.register({ dispose: () => this.watchers.forEach((w) => w.close()) });
    this.register({ dispose: () => void this.flush() });
    // Restoring spawns git: never during activation itself.
    deferStartup(() => Promise.all(vscode.workspace.textDocuments.map((doc) => this.restore(doc))));
  }

  /** Writes pending records now (tests, close, rename, deactivate). */
  async flush(): Promise<void> {
    const pending = [...this.pendingSaves.values()];
    this.pendingSaves.clear();
    for (const p of pending) {
      clearTimeout(p.timer);
      await this.save(p.doc);
    }
    await this.repos.flushAll();
  }

  private changed(doc: vscode.TextDocument, cause: 'edit' | 'mark' | 'restore'): void {
    if (cause === 'restore') return;
    // An edit that leaves a file clean came from disk (an agent or tool rewrote it): whoever wrote it records it
    // (hooks do); saving our view now could file the agent's text as human. Look for their record instead. VS Code
    // reports the dirty flag in a separate, later event, so a typed edit is only known as such when that arrives.
    if (cause === 'edit' && doc.uri.scheme === 'file' && !doc.isDirty) {
      this.undecided.add(doc.uri.toString());
      void this.repos
        .forUri(doc.uri)
        .then(
          (found) =>
            found && setTimeout(() => void this.adopt(doc, found.handle, found.relPath, false), WATCH_DEBOUNCE_MS),
        );
      return;
    }
    this.undecided.delete(doc.uri.toString());
    this.scheduleSave(doc);
  }

  /** The dirty flag arrived: an edit we held back was typed (or accepted) in the editor after all. */
  private dirtyChanged(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    if (e.contentChanges.length === 0 && e.document.isDirty && this.undecided.delete(key))
      this.scheduleSave(e.document);
    const waiting = e.contentChanges.length > 0 ? this.awaitingReload.get(key) : undefined;
    if (waiting) {
      this.awaitingReload.delete(key);
      // After the attribution service applied the reload, the record describes the document's text.
      setTimeout(() => void this.adopt(e.document, waiting.handle, waiting.relPath, false), 0);
    }
  }

  private scheduleSave(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const existing = this.pendingSaves.get(key);
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.pendingSaves.delete(key);
      void this.save(doc);
    }, SAVE_DEBOUNCE_MS);
    this.pendingSaves.set(key, { doc, timer });
  }

  private async restore(doc: vscode.TextDocument): Promise<void> {
    if (this.takeCarried(doc)) return;
    const found = await this.repos.forUri(doc.uri);
    if (!found) return;
    this.watch(found.handle);
    await this.adopt(doc, found.handle, found.relPath, true);
  }

  /**
   * Installs the stored record for `doc`. On open (`replace`) the record is the truth; later (an external write) it is
   * merged with the live spans, newer record winning where both speak.
   */
  private async adopt(doc: vscode.TextDocument, handle: RepoHandle, relPath: string, replace: boolean): Promise<void> {
    let record: FileRecord | undefined;
    try {
      record = await handle.store.read(relPath);
    } catch (err) {
      this.log(dropLine('editor', `attribution of ${relPath}`, `reading it failed: ${String(err)}`));
      return;
    }
    const key = doc.uri.toString();
    if (!record && !replace && !doc.isClosed) return this.recordRemoved(doc, key);
    if (!record || doc.isClosed) return;
    if (!replace && record.updated <= (this.synced.get(key) ?? 0)) return;
    const text = doc.getText();
    const version = doc.version;
    const hash = contentHash(text);
    let spans = spansFromRecord(record, this.attribution.origins);
    // Wait for the reload event; but when the reload came while this read the disk, that event is gone: adopt now.
    const awaitReload = (): void => {
      if (doc.version === version) this.awaitingReload.set(key, { handle, relPath });
      else void this.adopt(doc, handle, relPath, replace);
    };
    if (record.contentHash !== hash || record.length !== text.length) {
      // A hook wrote the record for the file's new text before VS Code reloaded it: adopt on the reload. Remapping now
      // would put the spans on the text about to be replaced, and the reload would then read as a person's edit.
      if (!replace && !doc.isDirty && (await diskHolds(doc.uri, record.contentHash))) return awaitReload();
      const old = await loadKnownText(handle.store.stateDir, record);
      if ((old === undefined || contentHash(old) !== record.contentHash) && !replace && !doc.isDirty)
        return awaitReload();
      if (doc.version !== version) return this.adopt(doc, handle, relPath, replace);
      if (old === undefined || contentHash(old) !== record.contentHash) {
        this.log(
          dropLine(
            'editor',
            `attribution of ${relPath}`,
            'the file changed since it was saved and no copy of the old text is kept: not restored',
          ),
        );
        return;
      }
      spans = remapSpans(old, text, spans);
    }
    // A settled record (post-commit) says which spans are still uncommitted: merging would bring the committed back.
    const settledHere = record.settled === true && record.contentHash === hash && record.length === text.length;
    if (!replace && !settledHere && this.attribution.has(doc)) {
      const live = recordFromSpans(
        relPath,
        text,
        this.attribution.spans(doc),
        this.attribution.origins,
        this.synced.get(key) ?? 0,
      );
      const theirs = recordFromSpans(relPath, text, spans, this.attribution.origins, record.updated);
      spans = spansFromRecord(mergeFileRecords(live, theirs), this.attribution.origins);
    }
    this.synced.set(key, record.updated);
    this.attribution.restore(doc, spans);
    this._onDidRestore.fire(doc);
  }

  /**
   * The record of an open document was deleted by another process: post-commit does so when every span was committed
   * (stash parks them too, and then changes the file). When the editor still shows what is on disk, its spans went
   * with that git operation; with unsaved edits nothing can tell them apart, so the live spans stay.
   */
  private recordRemoved(doc: vscode.TextDocument, key: string): void {
    if (!this.synced.has(key) || doc.isDirty || !this.attribution.has(doc)) return;
    if (this.attribution.spans(doc).length === 0) return;
    this.synced.delete(key);
    this.attribution.restore(doc, []);
    this._onDidRestore.fire(doc);
  }

  private async save(doc: vscode.TextDocument): Promise<void> {
    // Capture before any await: on close the live state is forgotten right after this call.
    if (!this.attribution.has(doc)) return;
    const text = doc.getText();
    const spans = this.attribution.spans(doc);
    const key = doc.uri.toString();
    const found = await this.repos.forUri(doc.uri);
    if (!found) return;
    const updated = Math.max(this.now(), (this.synced.get(key) ?? 0) + 1);
    const record = recordFromSpans(found.relPath, text, spans, this.attribution.origins, updated);
    this.synced.set(key, updated);
    if (spans.length > 0) {
      // The text is what lets these spans be remapped if the file changes while nobody watches.
      await saveTextSnapshot(found.handle.store.stateDir, record.contentHash, text).catch((err) =>
        this.log(`snapshot of ${found.relPath} failed: ${String(err)}`),
      );
    }
    // The editor holds the whole truth for an open document: replace, so clears stay cleared.
    found.handle.writer.scheduleWrite(record, { mode: 'replace' });
  }

  /** A document is closing: write what is pending for it while its spans still exist. */
  private closing(doc: vscode.TextDocument): void {
    const pending = this.pendingSaves.get(doc.uri.toString());
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingSaves.delete(doc.uri.toString());
    void this.save(doc).then(() => this.repos.flushAll());
  }

  /**
   * Live spans of documents about to be renamed, keyed by their new URI. The move of the stored record races with the
   * editor reopening the file under its new name; these in-memory spans make the outcome independent of that race.
   */
  private readonly carried = new Map<string, { text: string; spans: SpanTuple[] }>();

  private carryAcrossRename(files: ReadonlyArray<{ readonly oldUri: vscode.Uri; readonly newUri: vscode.Uri }>): void {
    for (const { oldUri, newUri } of files) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === oldUri.toString());
      if (doc && this.attribution.has(doc))
        this.carried.set(newUri.toString(), { text: doc.getText(), spans: [...this.attribution.spans(doc)] });
    }
  }

  /** Restores carried spans into the renamed document when its text is the same; true when it did. */
  private takeCarried(doc: vscode.TextDocument): boolean {
    const carried = this.carried.get(doc.uri.toString());
    if (!carried || doc.getText() !== carried.text) return false;
    this.carried.delete(doc.uri.toString());
    this.attribution.restore(doc, carried.spans);
    this._onDidRestore.fire(doc);
    this.scheduleSave(doc);
    return true;
  }

  private async renamed(
    files: ReadonlyArray<{ readonly oldUri: vscode.Uri; readonly newUri: vscode.Uri }>,
  ): Promise<void> {
    for (const { oldUri, newUri } of files) {
      const from = await this.repos.forUri(oldUri);
      const to = await this.repos.forUri(newUri);
      if (!from || !to || from.handle !== to.handle) continue;
      try {
        await from.handle.store.rename(from.relPath, to.relPath);
      } catch (err) {
        this.log(
          dropLine('editor', `attribution of ${from.relPath}`, `moving it to ${to.relPath} failed: ${String(err)}`),
        );
      }
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === newUri.toString());
      if (doc && !this.takeCarried(doc)) await this.adopt(doc, to.handle, to.relPath, true);
    }
    // Spans for renamed files never opened again are not kept around.
    setTimeout(() => files.forEach((f) => this.carried.delete(f.newUri.toString())), 10_000);
  }

  /**
   * Watches the store's record folder so writes from hooks and other windows show up within a second, and the folder
   * where the launcher queues agent calls (src/git/agents/agentQueue.ts): those are attributed here at once, and their
   * records then show up through the first watcher.
   */
  private watch(handle: RepoHandle): void {
    this.watchQueue(handle);
    const dir = handle.store.filesDir;
    if (this.watchers.has(dir)) return;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const changed = debounce(() => void this.refreshOpen(handle), WATCH_DEBOUNCE_MS);
      const watcher = fs.watch(dir, { persistent: false }, () => changed());
      watcher.on('error', (err) => this.log(`watching ${dir} failed: ${err.message}`));
      this.watchers.set(dir, watcher);
    } catch (err) {
      this.log(`cannot watch ${dir}: ${String(err)}`);
    }
  }

  private watchQueue(handle: RepoHandle): void {
    const dir = agentQueueDir(handle.store.stateDir);
    if (this.watchers.has(dir)) return;
    const drain = debounce(
      () =>
        void handle.store
          .drainQueued()
          .catch((err) => this.log(`attributing queued agent calls failed: ${String(err)}`)),
      WATCH_DEBOUNCE_MS,
    );
    try {
      fs.mkdirSync(dir, { recursive: true });
      const watcher = fs.watch(dir, { persistent: false }, () => drain());
      watcher.on('error', (err) => this.log(`watching ${dir} failed: ${err.message}`));
      this.watchers.set(dir, watcher);
      drain();
    } catch (err) {
      this.log(`cannot watch ${dir}: ${String(err)}`);
    }
  }

  private async refreshOpen(handle: RepoHandle): Promise<void> {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme !== 'file' || !doc.uri.fsPath.startsWith(handle.repo.root + path.sep)) continue;
      const found = await this.repos.forUri(doc.uri);
      if (found?.handle === handle) await this.adopt(doc, handle, found.relPath, false);
    }
  }
}

/** Whether the file on disk holds the text of `hash` (false when it cannot be read, e.g. not a file: URI). */
async function diskHolds(uri: vscode.Uri, hash: string): Promise<boolean> {
  if (uri.scheme !== 'file') return false;
  try {
    return contentHash(await fs.promises.readFile(uri.fsPath, 'utf8')) === hash;
  } catch {
    return false;
  }
}
