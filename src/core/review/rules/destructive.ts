/**
 * Irreversible operations: dropped tables, unscoped deletes, recursive removals, force pushes, destroy commands,
 * migrations. Searched in the code part of a line (strings kept, where SQL and shell commands live): a comment that
 * names `git branch -D` to say what a permission check refuses runs nothing.
 */
import type { Change } from '../model/change';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, scanLines, spanOf } from './rule';

const DESTRUCTIVE: RuleMeta = {
  id: 'destructive-operation',
  claims: { languages: ['js', 'py', 'go', 'java', 'cs', 'sql', 'shell'] },
  category: 'destructive',
  title: 'Destructive or irreversible operation',
  whatToDo: 'Make it scoped, guarded (dry run, confirmation, backup) and reversible; test it on a copy first.',
};
const MIGRATION: RuleMeta = {
  id: 'migration-changed',
  claims: { languages: 'any', kinds: ['migration'], everyChange: true },
  category: 'destructive',
  title: 'Database migration',
  whatToDo:
    'Check the migration is reversible, safe on a live table (locks, long rewrites) and that an applied migration is never edited.',
};

const PATTERNS: readonly LinePattern[] = [
  {
    re: /\bDROP\s+(?:TABLE|DATABASE|SCHEMA|COLUMN|INDEX|VIEW|USER|CONSTRAINT)\b|\bALTER\s+TABLE\b.*\bDROP\b|\bTRUNCATE\s+(?:TABLE\s+)?[\w"`[]/,
    severity: 'high',
    label: 'drops or empties data',
  },
  {
    re: /\bdrop\s+(?:table|database|schema|column)\b|\btruncate\s+(?:table\s+)?\w/i,
    langs: ['sql'],
    severity: 'high',
    label: 'drops or empties data',
  },
  {
    re: /\bDELETE\s+FROM\s+[\w."`[\]]+\s*(?:;|["'`)]|$)|\bdelete\s+from\s+[\w."`[\]]+\s*;/,
    severity: 'high',
    label: 'DELETE without WHERE removes every row',
  },
  {
    re: /\bUPDATE\s+[\w."`[\]]+\s+SET\b/,
    severity: 'medium',
    label: 'UPDATE without WHERE changes every row',
    // The statement must end on this line (else WHERE may follow on the next) and say no WHERE.
    accept: (t) => !/\bWHERE\b/i.test(t) && /[;"'`)]\s*$/.test(t),
  },
  {
    re: /\brm\s+-(?:[a-zA-Z]*r[a-zA-Z]*f|[a-zA-Z]*f[a-zA-Z]*r)\b|\brm\s+-r\s+-f\b|\brm\s+--recursive\s+--force\b|\bRemove-Item\b.*-Recurse\b.*-Force\b/,
    severity: 'high',
    label: 'recursive forced delete',
    accept: (t) => !cachesOnly(t),
  },
  {
    re: /\bkubectl\s+delete\b|\bhelm\s+(?:uninstall|delete)\b|\bterraform\s+destroy\b|\bterraform\s+apply\b.*-auto-approve\b|\bpulumi\s+destroy\b|\baws\s+s3\s+(?:rb|rm\b.*--recursive)|\bgcloud\b.*\bdelete\b|\baz\s+\w+.*\bdelete\b|\bdocker\s+system\s+prune\b/,
    severity: 'high',
    label: 'destroys infrastructure or deployments',
  },
  {
    re: /\bgit\s+push\b.*(?:\s--force\b|\s-f\b|\s--force-with-lease\b|\s\+[\w/]+)|\bgit\s+filter-(?:branch|repo)\b|\bgit\s+branch\s+-D\b/,
    severity: 'high',
    label: 'rewrites or deletes shared history',
  },
  {
    re: /\bgit\s+reset\s+--hard\b|\bgit\s+clean\s+-\w*f/,
    severity: 'medium',
    label: 'discards work irrecoverably',
  },
  {
    re: /\bshutil\.rmtree\s*\(|\bos\.RemoveAll\s*\(|\bfs\.(?:rmSync|rmdirSync|rm|rmdir|promises\.rm)\s*\([^)]*recursive\s*:\s*true|\brimraf\b|\bDirectory\.Delete\s*\([^)]*,\s*true\s*\)|\bFileUtils\.(?:deleteDirectory|forceDelete)\s*\(|\bremove_dir_all\s*\(/,
    severity: 'medium',
    label: 'deletes a directory tree',
  },
  {
    re: /\.dropDatabase\s*\(|\.drop\s*\(\s*\)|\.deleteMany\s*\(\s*\{\s*\}\s*\)|\.remove\s*\(\s*\{\s*\}\s*\)|\bFLUSHALL\b|\bFLUSHDB\b|\bflushall\s*\(|\bflushdb\s*\(/,
    severity: 'high',
    label: 'wipes a collection or database',
  },
  {
    re: /\bprevent_destroy\s*=\s*false\b|\bforce_destroy\s*=\s*true\b|\bskip_final_snapshot\s*=\s*true\b|\bdeletion_protection\s*=\s*false\b|\bDeletionPolicy\s*:\s*Delete\b|\bdeletionProtection\s*:\s*false\b|\bprune\s*:\s*true\b/,
    severity: 'high',
    label: 'removes a safeguard against deletion',
  },
  {
    re: /\bmigrations\.(?:RemoveField|DeleteModel|RunSQL)\b|\bop\.drop_(?:table|column|index|constraint)\b|\b(?:drop_table|remove_column|remove_reference)\b|\bmigrationBuilder\.Drop\w+\s*\(|\bdropColumn\s*\(|\bdropTable\s*\(|\bSchema::drop\w*\s*\(/,
    severity: 'high',
    label: 'migration drops schema or data',
  },
];

const CHEAP =
  /DROP|drop|Drop|TRUNCATE|truncate|DELETE|delete|UPDATE|rm\s|Remove|remove|kubectl|helm|terraform|pulumi|aws|gcloud|az\s|docker|git\s|rmtree|RemoveAll|rmSync|rmdir|fs\.|rimraf|Directory|FileUtils|dropDatabase|deleteMany|FLUSH|flush|destroy|snapshot|deletion|Deletion|prune|migration|RunSQL|Schema/;

export const destructiveRules: RuleFamily = {
  name: 'destructive',
  rules: [DESTRUCTIVE, MIGRATION],
  triggers: [
    'drop',
    'truncate',
    'delete',
    'update',
    'rm ',
    'remove',
    'kubectl',
    'helm',
    'terraform',
    'pulumi',
    'aws',
    'gcloud',
    'az ',
    'docker',
    'git ',
    'rmtree',
    'rmsync',
    'rmdir',
    'fs.',
    'rimraf',
    'directory',
    'fileutils',
    'flush',
    'destroy',
    'snapshot',
    'deletion',
    'prune',
    'migration',
    'runsql',
    'schema',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (file.cls.lockfile || file.cls.docs || file.diff.binary || file.cls.test) continue;
      scanLines(sink, DESTRUCTIVE, file, file.added, 'new', PATTERNS, CHEAP);
      if (
        file.cls.migration &&
        (file.cls.source || file.cls.language === 'sql' || file.cls.language === 'yaml' || file.cls.language === 'xml')
      ) {
        const edited = file.diff.status !== 'added';
        sink.add(
          MIGRATION,
          file,
          spanOf(file),
          edited ? 'high' : 'medium',
          edited
            ? `existing migration ${file.diff.status}: databases that already ran it will not see the change`
            : 'new migration: runs once against production data',
        );
      }
    }
  },
};

/**
 * What every `rm -rf` on the line deletes is a package cache, a temporary directory or build output
 * (`rm -rf /var/lib/apt/lists/*` after an install, `rm -rf node_modules dist`): regenerated by the next run.
 */
const REGENERATED =
  /^["']?(?:\/var\/lib\/apt\/lists|\/var\/cache\/(?:apt|apk|yum|dnf)|\/tmp\/|\/var\/tmp\/|\$\{?(?:TMPDIR|RUNNER_TEMP|TMP)\b|~\/\.cache\b|\$\{?HOME\}?\/\.cache\b|\/root\/\.cache\b|(?:\.\/)?(?:node_modules|dist|build|target|out|coverage|__pycache__|\.venv|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.next|\.turbo)(?:\/|["']?$))/;

function cachesOnly(line: string): boolean {
  const calls = [...line.matchAll(/\brm\s+((?:-{1,2}[\w-]+\s+)*)([^;&|\n]*)/g)];
  if (calls.length === 0) return false;
  return calls.every((m) => {
    const targets = m[2]
      .trim()
      .split(/\s+/)
      .filter((a) => a !== '' && !a.startsWith('-') && a !== '\\');
    return targets.length > 0 && targets.every((a) => REGENERATED.test(a));
  });
}
