/** Concurrency introduced: goroutines, threads, locks, workers, parallel promises, atomics. */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { movedLines } from '../model/change';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, newRange, scanLines } from './rule';

const CONCURRENCY: RuleMeta = {
  id: 'concurrency-introduced',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'concurrency',
  title: 'Concurrency introduced',
  whatToDo:
    'Check shared state for races, lock ordering for deadlocks, and that errors and cancellation reach the caller.',
};

const PATTERNS: readonly LinePattern[] = [
  {
    re: /^\s*go\s+(?:func\b|[\w.]+\s*\()|\bsync\.(?:Mutex|RWMutex|WaitGroup|Once|Cond|Map)\b|\bmake\s*\(\s*chan\b|\batomic\.\w+\s*\(|\berrgroup\.\w+/,
    langs: ['go'],
    severity: 'low',
    label: 'goroutines, channels or locks',
  },
  {
    re: /\bPromise\.(?:all|allSettled|race|any)\s*\(|\bnew\s+(?:Worker|SharedWorker)\s*\(|\bworker_threads\b|\bAtomics\.\w+|\bSharedArrayBuffer\b|\bcluster\.fork\s*\(/,
    langs: ['js'],
    severity: 'low',
    label: 'parallel work or shared memory',
  },
  {
    re: /\bthreading\.\w+|\bThread\s*\(|\b(?:Thread|Process)PoolExecutor\b|\bmultiprocessing\b|\basyncio\.(?:gather|create_task|wait|Lock|Semaphore|TaskGroup)\b|\bLock\s*\(\s*\)|\bconcurrent\.futures\b|\b(?:anyio|trio)\.(?:create_task_group|open_nursery|CancelScope|move_on_after|fail_after|Lock|Semaphore|Event|create_memory_object_stream|to_thread)\b|\bstart_soon\s*\(/,
    langs: ['py'],
    severity: 'low',
    label: 'threads, processes or tasks',
  },
  {
    re: /\bsynchronized\b|\bvolatile\b|\bnew\s+Thread\s*\(|\bExecutorService\b|\bExecutors\.\w+|\bCompletableFuture\b|\bReentrant(?:ReadWrite)?Lock\b|\bAtomic(?:Integer|Long|Boolean|Reference)\b|\bCountDownLatch\b|\bparallelStream\s*\(|\bThread\.startVirtualThread\b/,
    langs: ['java'],
    severity: 'low',
    label: 'threads, locks or shared state',
  },
  {
    re: /\block\s*\(|\bTask\.(?:Run|WhenAll|WhenAny|Factory)\b|\bParallel\.(?:For|ForEach|Invoke)\w*\b|\bnew\s+Thread\s*\(|\bInterlocked\.\w+|\bSemaphoreSlim\b|\bThreadPool\.\w+|\bvolatile\b|\bMonitor\.(?:Enter|Exit)\b/,
    langs: ['cs'],
    severity: 'low',
    label: 'threads, tasks or locks',
  },
  {
    re: /\b(?:tokio|async_std)::(?:spawn|task::spawn\w*)\b|\bspawn_blocking\b|\bthread::spawn\b|\bArc\s*<\s*(?:Mutex|RwLock)|\b(?:Mutex|RwLock|Notify|Semaphore|Barrier)::new\b|\b(?:tokio::)?select!|\bpar_iter\s*\(|\bcrossbeam\b|\bmpsc::(?:channel|unbounded_channel)\b/,
    langs: ['rust'],
    severity: 'low',
    label: 'threads, tasks or locks',
  },
  {
    re: /\bpthread_create\b|\bstd::thread\b|\bstd::mutex\b|\bstd::atomic\b/,
    langs: ['c'],
    severity: 'low',
    label: 'threads or locks',
  },
];

const CHEAP =
  /anyio|trio|start_soon|select!|Notify|Barrier|mpsc|go\s|sync\.|chan\b|atomic|errgroup|Promise|Worker|worker|Atomics|SharedArray|cluster|thread|Thread|Pool|multiprocessing|asyncio|Lock|concurrent|synchronized|volatile|Executor|Completable|Atomic|Latch|parallel|lock\s*\(|Task\.|Parallel|Interlocked|Semaphore|Monitor|spawn|Arc|Mutex|par_iter|crossbeam|pthread|mutex/;

export const concurrencyRules: RuleFamily = {
  name: 'concurrency',
  rules: [CONCURRENCY],
  triggers: [
    'go ',
    'go\t',
    'sync.',
    'chan',
    'atomic',
    'errgroup',
    'promise',
    'worker',
    'sharedarray',
    'cluster',
    'thread',
    'pool',
    'multiprocessing',
    'asyncio',
    'lock',
    'concurrent',
    'synchronized',
    'volatile',
    'executor',
    'completable',
    'latch',
    'parallel',
    'task.',
    'interlocked',
    'semaphore',
    'monitor',
    'spawn',
    'arc',
    'mutex',
    'par_iter',
    'crossbeam',
    'pthread',
    'anyio',
    'trio',
    'start_soon',
    'select!',
    'notify',
    'barrier',
    'mpsc',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (!file.cls.source) continue;
      // Only the lines a finding may be on are told fresh or carried over (most files have none).
      if (file.syntax) {
        const at = new Set(file.syntax.concurrency.map((u) => u.line));
        if (at.size > 0)
          fromTree(
            sink,
            file,
            freshLines(file, (l) => at.has(l.line)),
          );
      } else {
        const candidates = file.added.filter((l) => CHEAP.test(l.text));
        if (candidates.length === 0) continue;
        const asked = new Set(candidates);
        const fresh = freshLines(file, (l) => asked.has(l));
        scanLines(
          sink,
          CONCURRENCY,
          file,
          candidates.filter((l) => fresh.has(l.line)),
          'new',
          PATTERNS,
        );
      }
    }
  },
};

/** `const x = `, `let x = `, `x = `, `x := `, `self.x: T = `, `return `: what a line binds its expression to. */
const BINDING =
  /^\s*(?:(?:export\s+)?(?:const|let|var|mut)\s+)?(?:[\w.[\]]+\s*(?::\s*[\w.[\], <>|]+)?\s*(?::=|=(?!=))|return\b)\s*/;

/**
 * Added lines that bring new code, not lines carried over from removed ones: moved verbatim (movedLines), or whose
 * expression, bound to another name or unwrapped from an enclosing call, was already on a removed line of the file
 * (`x = await Promise.all(` -> `const x = await Promise.all(`; `await_maybe(await run_in_executor(f, a))` ->
 * `await run_in_executor(f, a)`). Expressions under 12 characters are too common to count as the same code.
 */
function freshLines(file: ChangeFile, asked: (l: ChangeLine) => boolean): Set<number> {
  let moved: ReadonlySet<number> | undefined;
  const flat = (t: string): string => t.trim().replace(/\s+/g, ' ');
  let before: string | undefined;
  const out = new Set<number>();
  for (const l of file.added) {
    if (!asked(l) || (moved ??= movedLines(file)).has(l.line)) continue;
    before ??= file.removed.map((r) => flat(r.code)).join('\n');
    const expr = flat(l.code).replace(BINDING, '');
    if (expr.length < 12 || !before.includes(expr)) out.add(l.line);
  }
  return out;
}

/**
 * From the tree: concurrency on added lines outside test code, one finding per enclosing function or type (a struct
 * with three locked fields is one place to review, not three).
 */
function fromTree(sink: FindingSink, file: ChangeFile, added: ReadonlySet<number>): void {
  const byScope = new Map<string, { lines: number[]; labels: Set<string> }>();
  for (const u of file.syntax!.concurrency) {
    if (!added.has(u.line)) continue;
    const s = byScope.get(u.scope) ?? { lines: [], labels: new Set<string>() };
    s.lines.push(u.line);
    s.labels.add(u.label);
    byScope.set(u.scope, s);
  }
  for (const [scope, s] of byScope) {
    const n = s.lines.length;
    sink.add(
      CONCURRENCY,
      file,
      newRange(s.lines[0], s.lines[n - 1]),
      'low',
      `${scope}: ${[...s.labels].join(', ')}${n > 1 ? ` (${n} places)` : ''}`,
    );
  }
}
