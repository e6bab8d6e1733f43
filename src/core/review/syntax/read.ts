/** Reads one changed file's structure through the parser the caller loaded; undefined means "line rules only". */
import type { DiffFile } from '../diff/types';
import type { FileClass } from '../model/paths';
import { ACCESS_CHECK_DEFINED } from './accessChecks';
import { readStructure, type FileSyntax } from './structure';
import { grammarFor, type SyntaxParser } from './tree';

export function fileSyntax(
  parser: SyntaxParser | undefined,
  path: string,
  cls: FileClass,
  text: string,
): FileSyntax | undefined {
  const grammar = grammarFor(path, cls.language);
  if (!parser || !grammar || !parser.grammars.has(grammar)) return undefined;
  const tree = parser.parse(grammar, text);
  if (!tree) return undefined;
  try {
    return readStructure(grammar, tree.rootNode, cls.test);
  } catch {
    return undefined;
  } finally {
    tree.dispose();
  }
}

/**
 * Words an added line of production code needs before any tree check of it can fire (the concurrency table in
 * concurrency.ts): a file whose added lines hold none is not parsed, since its tree could not change a finding.
 */
const CONCURRENCY_HINT =
  /spawn|select!|join!|Mutex|RwLock|Condvar|Notify|Semaphore|Barrier|channel|par_iter|task_group|nursery|TaskGroup|CancelScope|move_on|fail_a|start_soon|create_task|gather|ensure_future|Thread|Process|Pool|to_thread|run_in_executor|Lock|Event|CapacityLimiter|memory_object_stream|Queue|errgroup|atomic|sync\.|chan\b|\bgo\s|Promise\.|Atomics|locks\.request|fork|Worker|SharedArrayBuffer|synchronized|Executors|CompletableFuture|Latch|CyclicBarrier|Atomic|parallelStream/;

/** Added lines that may make a doc comment and its function disagree (comment-drift.ts): docs or a signature. */
const DOC_HINT =
  /@param\b|:param\b|^\s*(?:Args|Arguments|Parameters)\s*:?\s*$|#\s*Arguments\b|^\s*(?:export\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:def|fn|func|function)\s|^\s*\/\/\s*[A-Z]\w*\s|^\s*(?:(?:public|private|protected|static|async|override)\s+)*[\w$]+\s*\([^)]*\)\s*(?::\s*[^{]+)?\{\s*$|=>\s*\{?\s*$/;

/**
 * Whether a changed file's tree can change what the rules find: test files (cases, assertions), Rust sources (inline
 * test modules), and sources whose added lines hint at concurrency or touch a doc comment or a signature. The rest are
 * not parsed at all.
 */
export function needsTree(file: DiffFile, cls: FileClass, headText?: string): boolean {
  if (file.newPath === null || file.binary) return false;
  if (cls.test || (cls.source && cls.language === 'rust')) return true;
  if (!cls.source) return false;
  // An access decision (accessChecks.ts) is found by the function enclosing a change, which only the tree knows.
  if (headText !== undefined && ACCESS_CHECK_DEFINED.test(headText)) return true;
  for (const h of file.hunks)
    for (const l of h.lines)
      if (l.kind === 'add' && (CONCURRENCY_HINT.test(l.text) || DOC_HINT.test(l.text))) return true;
  return false;
}
