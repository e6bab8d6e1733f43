/**
 * Reads many git objects through one `git cat-file --batch` process instead of one process per object (a blame or
 * note rewrite over hundreds of files would otherwise start hundreds of gits).
 */
import { ChildProcessWithoutNullStreams } from 'node:child_process';
import { BatchObject, CatFileBatchParser } from './catFileBatchParser';
import { GitError, SpawnGit, spawnGit } from './exec';

export type { BatchObject } from './catFileBatchParser';

interface Pending {
  readonly name: string;
  resolve(object: BatchObject | undefined): void;
  reject(error: Error): void;
}

interface Session {
  readonly child: ChildProcessWithoutNullStreams;
  readonly parser: CatFileBatchParser;
  readonly queue: Pending[];
  /** Requests not written yet: the reads of one tick go out in one write (one syscall, one wake-up of git). */
  unsent: string;
  stderr: string;
  exited: Promise<void>;
}

const ARGS = ['cat-file', '--batch'];

export class CatFileBatch {
  private session: Session | undefined;
  private closed = false;

  /** `cwd` is any directory of the repository; the process starts on the first read. */
  constructor(
    private readonly cwd: string,
    private readonly options: { spawn?: SpawnGit; env?: Readonly<Record<string, string | undefined>> } = {},
  ) {}

  /** An object by name (`<oid>`, `REV:path`, `:path` for the index). undefined when missing or ambiguous. */
  read(objectName: string): Promise<BatchObject | undefined> {
    if (this.closed) {
      return Promise.reject(new Error('CatFileBatch is closed'));
    }
    // One request per line: a line break would split the name into two requests and desynchronise the answers.
    if (objectName === '' || /[\n\r]/.test(objectName)) {
      return Promise.reject(new Error(`invalid object name for cat-file --batch: ${JSON.stringify(objectName)}`));
    }
    const session = this.session ?? this.start();
    return new Promise((resolve, reject) => {
      session.queue.push({ name: objectName, resolve, reject });
      if (session.unsent === '') queueMicrotask(() => this.flush(session));
      session.unsent += objectName + '\n';
    });
  }

  /** Many objects, answered in order; one process round trip for all of them. */
  readMany(objectNames: readonly string[]): Promise<Array<BatchObject | undefined>> {
    return Promise.all(objectNames.map((name) => this.read(name)));
  }

  /** Ends the process after the outstanding reads are answered. */
  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    if (session) {
      this.flush(session);
      session.child.stdin.end();
      await session.exited;
    }
  }

  private flush(session: Session): void {
    if (session.unsent === '') return;
    if (session.child.stdin.writable) session.child.stdin.write(session.unsent);
    session.unsent = '';
  }

  private start(): Session {
    const child = (this.options.spawn ?? spawnGit)(ARGS, { cwd: this.cwd, env: this.options.env });
    const session: Session = {
      child,
      parser: new CatFileBatchParser(),
      queue: [],
      unsent: '',
      stderr: '',
      exited: Promise.resolve(),
    };
    this.session = session;
    child.stdin.on('error', () => undefined); // the exit handler reports why
    child.stderr.on('data', (chunk: Buffer) => {
      if (session.stderr.length < 8192) session.stderr += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => this.onData(session, chunk));
    session.exited = new Promise((resolve) => {
      let done = false;
      const finish = (error: GitError) => {
        if (done) return;
        done = true;
        if (this.session === session) this.session = undefined; // a later read starts a fresh process
        for (const pending of session.queue.splice(0)) pending.reject(error);
        resolve();
      };
      child.on('error', (err) =>
        finish(new GitError('spawn', ARGS, this.cwd, null, session.stderr, `could not run: ${err.message}`)),
      );
      child.on('close', (code, signal) =>
        finish(
          new GitError(
            'exit',
            ARGS,
            this.cwd,
            code,
            session.stderr,
            signal ? `was killed by ${signal}` : `exited with code ${code} before answering`,
          ),
        ),
      );
    });
    return session;
  }

  private onData(session: Session, chunk: Buffer): void {
    let entries;
    try {
      entries = session.parser.push(chunk);
    } catch (err) {
      // Output we cannot parse means every later answer would be misattributed: fail everything and restart.
      const error = new GitError(
        'exit',
        ARGS,
        this.cwd,
        null,
        session.stderr,
        `produced unreadable output (${(err as Error).message})`,
      );
      if (this.session === session) this.session = undefined;
      for (const pending of session.queue.splice(0)) pending.reject(error);
      session.child.kill();
      return;
    }
    for (const entry of entries) {
      const pending = session.queue.shift();
      if (!pending) {
        session.child.kill();
        return;
      }
      pending.resolve(entry.found ? entry.object : undefined);
    }
  }
}
