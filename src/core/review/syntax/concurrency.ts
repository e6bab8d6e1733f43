/**
 * Concurrency in a syntax tree, per grammar: tasks, threads, task groups and cancel scopes, locks, channels and
 * parallel promises, named by what they are and by the function (or type) they sit in, so a rule can say "fn run
 * spawns tasks and selects" once instead of once per line or per struct field.
 */
import { callee } from './tests';
import type { Grammar, SyntaxNode } from './tree';

const RUST_CALL: readonly [RegExp, string][] = [
  [/(?:^|::)spawn_blocking$/, 'blocking work on a thread pool (spawn_blocking)'],
  [/(?:^|::)(?:tokio|task|thread|async_std|rt|runtime)::spawn(?:_local)?$/, 'spawned tasks or threads'],
  [/(?:^|::)(?:Mutex|RwLock|Condvar)::new$/, 'locks'],
  [/(?:^|::)(?:Notify|Semaphore|Barrier)::new$/, 'Notify/Semaphore/Barrier'],
  [
    /(?:^|::)(?:mpsc|broadcast|watch|oneshot|crossbeam_channel|channel)::(?:channel|unbounded_channel|bounded|unbounded)$/,
    'channels',
  ],
  [/\.par_iter(?:_mut)?$/, 'parallel iteration (rayon)'],
];
const RUST_MACRO = /^(?:[\w:]+::)?(?:select|join|try_join)$/;

const PY_CALL: readonly [RegExp, string][] = [
  [
    /^(?:anyio\.create_task_group|trio\.open_nursery|asyncio\.TaskGroup|TaskGroup|create_task_group|open_nursery)$/,
    'task groups',
  ],
  [
    /^(?:anyio|trio)\.(?:CancelScope|move_on_after|fail_after|move_on_at|fail_at)$|^(?:move_on_after|fail_after|CancelScope)$/,
    'cancel scopes',
  ],
  [/\.start_soon$|^asyncio\.(?:create_task|gather|wait|ensure_future)$|\.create_task$/, 'concurrent tasks'],
  [
    /^(?:threading|multiprocessing)\.(?:Thread|Process|Pool)$|^(?:concurrent\.futures\.)?(?:Thread|Process)PoolExecutor$|\.run_in_executor$|^(?:asyncio\.to_thread|anyio\.to_thread\.run_sync|trio\.to_thread\.run_sync)$/,
    'threads or processes',
  ],
  [
    /^(?:threading|asyncio|anyio|trio|multiprocessing)\.(?:R?Lock|Semaphore|BoundedSemaphore|Condition|Event|CapacityLimiter)$/,
    'locks or events',
  ],
  [/^(?:anyio\.create_memory_object_stream|trio\.open_memory_channel|asyncio\.Queue)$/, 'channels'],
];

const GO_CALL: readonly [RegExp, string][] = [
  [/^errgroup\.\w+$/, 'an error group'],
  [/^atomic\.\w+$/, 'atomics'],
];
const GO_TYPE = /^sync\.(?:Mutex|RWMutex|WaitGroup|Once|Cond|Map)$/;

const JS_CALL: readonly [RegExp, string][] = [
  [/^Promise\.(?:all|allSettled|race|any)$/, 'parallel promises'],
  [/^Atomics\.\w+$/, 'shared memory (Atomics)'],
  [/(?:^|\.)locks\.request$/, 'Web Locks'],
  [/^cluster\.fork$/, 'worker processes'],
];
const JS_NEW = /^(?:Worker|SharedWorker|SharedArrayBuffer|Mutex|Semaphore)$/;

const JAVA_NEW = /^(?:Thread|ReentrantLock|ReentrantReadWriteLock|CountDownLatch|Semaphore|CyclicBarrier|Atomic\w+)$/;
const JAVA_CALL = /^(?:Executors|CompletableFuture|Thread)\.\w+$|\.parallelStream$/;

/** What concurrency `node` introduces, in words, or undefined. */
export function concurrencyOf(grammar: Grammar, node: SyntaxNode): string | undefined {
  const c = callee(node);
  switch (grammar) {
    case 'rust':
      if (node.type === 'generic_type')
        return /(?:^|::)(?:Mutex|RwLock)$/.test(node.childForFieldName('type')?.text ?? '') ? 'locks' : undefined;
      if (node.type === 'macro_invocation')
        return RUST_MACRO.test(node.childForFieldName('macro')?.text ?? '') ? 'select!/join!' : undefined;
      return c !== undefined ? match(RUST_CALL, c) : undefined;
    case 'python':
      return c !== undefined ? match(PY_CALL, c) : undefined;
    case 'go':
      if (node.type === 'go_statement') return 'goroutines';
      if (node.type === 'qualified_type' && GO_TYPE.test(node.text)) return node.text;
      if (node.type === 'channel_type' && node.parent?.type !== 'parameter_declaration') return 'channels';
      return c !== undefined ? match(GO_CALL, c) : undefined;
    case 'java':
      if (node.type === 'synchronized_statement') return 'synchronized blocks';
      if (node.type === 'object_creation_expression') {
        const t = node.childForFieldName('type')?.text.replace(/<.*$/, '') ?? '';
        return JAVA_NEW.test(t) ? `threads or locks (${t})` : undefined;
      }
      return c !== undefined && JAVA_CALL.test(c) ? 'executors or parallel streams' : undefined;
    default:
      if (node.type === 'new_expression') {
        const t = node.childForFieldName('constructor')?.text ?? '';
        return JS_NEW.test(t) ? `workers or locks (${t})` : undefined;
      }
      return c !== undefined ? match(JS_CALL, c) : undefined;
  }
}

function match(table: readonly [RegExp, string][], c: string): string | undefined {
  for (const [re, label] of table) if (re.test(c)) return label;
  return undefined;
}

const SCOPES: Readonly<Record<string, string>> = {
  function_item: 'fn',
  function_definition: 'def',
  function_declaration: 'func',
  method_declaration: 'method',
  method_definition: 'method',
  struct_item: 'struct',
  enum_item: 'enum',
  impl_item: 'impl',
  class_definition: 'class',
  class_declaration: 'class',
  type_spec: 'type',
};

/** The nearest named function or type around `node`, e.g. "fn run"; "top level" when there is none. */
export function scopeName(node: SyntaxNode): string {
  for (let n = node.parent; n; n = n.parent) {
    const kind = SCOPES[n.type];
    if (!kind) continue;
    const name = n.childForFieldName(n.type === 'impl_item' ? 'type' : 'name')?.text;
    if (name) return `${kind} ${name}`;
  }
  return 'top level';
}
