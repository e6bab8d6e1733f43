/**
 * Test and logging rules that pair removed lines with added ones: hits, and the near-misses a reviewer called noise
 * on real pull requests (a re-indented or rewritten block whose calls pair up wrongly, one consolidation reported per
 * file, a skip that depends on where the test runs, a test asserting through a helper, an extraction read as churn).
 * Shapes modelled on real changes of public repositories, written here; none copied.
 */
import { check, type FileSpec } from './helpers';

/** A modified file: unchanged lines before, removed, added, unchanged after. */
const edit = (path: string, before: string[], del: string[], add: string[], after: string[] = []): FileSpec => ({
  path,
  before,
  del,
  add,
  after,
  start: 40,
});

describe('review/pairing: log levels', () => {
  check([
    {
      lang: 'ts',
      name: 'a wrapped warning lowered to debug, same message',
      files: edit(
        'src/server/store.ts',
        ['  if (!task) {'],
        ['    logger.warn('],
        ['    logger.debug('],
        ['      `task ${id} not found in store`,', '    );', '    return undefined;', '  }'],
      ),
      fires: 'log-level-changed',
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'a loop rewritten: wrapped info calls re-indented, a new error call beside them',
      files: edit(
        'src/agent/executor.ts',
        ['  async run(events: Event[]) {'],
        [
          '    for (const event of events) {',
          '      logger.info(',
          '        `[executor] event ${event.kind} for ${event.id}`,',
          '      );',
          '      handle(event);',
          '    }',
        ],
        [
          '    try {',
          '      for (const event of events) {',
          '        logger.info(',
          '          `[executor] event ${event.kind} for ${event.id}`,',
          '        );',
          '        handle(event);',
          '      }',
          '    } catch (err) {',
          '      logger.error(',
          '        `[executor] run failed: ${String(err)}`,',
          '      );',
          '    }',
        ],
        ['  }'],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'ts',
      name: 'a warning re-indented into a branch, a new debug log next to it',
      files: edit(
        'src/auth/cache.ts',
        ['  try {'],
        ['    debugLogger.warn(', '      `cached credentials unreadable: ${String(e)}`,', '    );'],
        [
          '    if (cached) {',
          '      debugLogger.warn(',
          '        `cached credentials unreadable: ${String(e)}`,',
          '      );',
          '    }',
          '    debugLogger.debug(',
          '      `falling back to the credentials file at ${path}`,',
          '    );',
        ],
        ['  }'],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'py',
      name: 'an error lowered to debug, message on the next line',
      files: edit(
        'src/app/worker.py',
        ['    except OSError as exc:'],
        ['        logger.error('],
        ['        logger.debug('],
        ['            "could not write the checkpoint %s: %s", path, exc', '        )', '        return None'],
      ),
      fires: 'log-level-changed',
    },
    {
      lang: 'py',
      name: 'a block moved under a new with: the warning re-indented, a new error for a new failure',
      files: edit(
        'src/app/worker.py',
        ['    def flush(self):'],
        [
          '        if self.pending:',
          '            logger.warning(',
          '                "flush with %d pending", len(self.pending)',
          '            )',
        ],
        [
          '        with self.lock:',
          '            if self.pending:',
          '                logger.warning(',
          '                    "flush with %d pending", len(self.pending)',
          '                )',
          '            if self.closed:',
          '                logger.error(',
          '                    "flush after close"',
          '                )',
        ],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'go',
      name: 'a warning raised to an error, same fields',
      files: edit(
        'internal/sync/worker.go',
        ['\tif err != nil {'],
        ['\t\tslog.Warn("upload failed", "err", err)'],
        ['\t\tslog.Error("upload failed", "err", err)'],
        ['\t}'],
      ),
      fires: 'log-level-changed',
    },
    {
      lang: 'go',
      name: 'a loop rewritten: the info log re-indented, an error log added for the new branch',
      files: edit(
        'internal/sync/worker.go',
        ['func (w *Worker) drain() {'],
        ['\tfor _, job := range w.jobs {', '\t\tslog.Info(', '\t\t\t"draining job", "id", job.ID,', '\t\t)', '\t}'],
        [
          '\tfor _, job := range w.jobs {',
          '\t\tif job.Done {',
          '\t\t\tslog.Info(',
          '\t\t\t\t"draining job", "id", job.ID,',
          '\t\t\t)',
          '\t\t} else {',
          '\t\t\tslog.Error(',
          '\t\t\t\t"job left unfinished", "id", job.ID, "state", job.State,',
          '\t\t\t)',
          '\t\t}',
          '\t}',
        ],
        ['}'],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'rust',
      name: 'a warning lowered to trace',
      files: edit(
        'src/cache/mod.rs',
        ['    if let Err(err) = fs::remove_file(&path) {'],
        ['        warn!("failed to remove stale cache entry {}: {err}", path.display());'],
        ['        trace!("failed to remove stale cache entry {}: {err}", path.display());'],
        ['    }'],
      ),
      fires: 'log-level-changed',
    },
    {
      lang: 'rust',
      name: 'a warning moved into a match arm, a new debug line beside it',
      files: edit(
        'src/cache/mod.rs',
        ['    let removed = fs::remove_file(&path);'],
        [
          '    if let Err(err) = removed {',
          '        warn!(',
          '            "failed to remove {}: {err}",',
          '            path.display()',
          '        );',
          '    }',
        ],
        [
          '    match removed {',
          '        Ok(()) => {',
          '            debug!(',
          '                "removed {}",',
          '                path.display()',
          '            );',
          '        }',
          '        Err(err) => {',
          '            warn!(',
          '                "failed to remove {}: {err}",',
          '                path.display()',
          '            );',
          '        }',
          '    }',
        ],
      ),
      silent: 'log-level-changed',
    },
  ]);
});
