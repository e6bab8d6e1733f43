/**
 * Changes inside an existing function that decides what is allowed (access-check-changed, syntax/accessChecks.ts):
 * a path guard's block list, an allowed-host predicate, a permission check; and the near-misses that must stay
 * silent: a new guard (new code), names that hold no decision, a comment, a test helper, "within" about numbers.
 * Written for this corpus after the shapes seen on judged pull requests (a workspace path guard given one more
 * blocked file name, titled a refactor).
 */
import { CorpusCase, edit, newFile } from './types';

const ACCESS = 'access-check-changed';

export const ACCESS_CHECK_CASES: readonly CorpusCase[] = [
  {
    id: 'access-ts-path-guard-block-list',
    lang: 'ts',
    title: 'Refactor: keep build caches out of the workspace',
    files: [
      edit(
        'src/files/workspaceGuard.ts',
        [
          'export class WorkspaceGuard {',
          '  isPathWithinWorkspace(candidate: string): boolean {',
          '    const parts = candidate.split(sep);',
          '    const blocked = parts.some((part) => {',
          '      const name = part.toLowerCase();',
        ],
        ["      return name === '.git' || name === '.env';"],
        [
          "      if (name === '.git' || name === '.env') return true;",
          "      return name.startsWith('ci-token-') && name.endsWith('.json');",
        ],
        ['    });', '    return !blocked && this.roots.some((r) => candidate.startsWith(r));', '  }', '}'],
      ),
    ],
    expect: [ACCESS],
    forbid: [],
  },
  {
    id: 'access-py-allowed-host',
    lang: 'py',
    title: 'Accept loopback addresses written with brackets',
    files: [
      edit(
        'server/hosts.py',
        ['class HostFilter:', '    def is_allowed_host(self, host: str) -> bool:', '        name = host.split(":")[0]'],
        [],
        ['        name = name.strip("[]")', '        if name in ("::1", "127.0.0.1"):', '            return True'],
        ['        return name in self.allowed', ''],
      ),
    ],
    expect: [ACCESS],
    forbid: [],
  },
  {
    id: 'access-go-tool-permission',
    lang: 'go',
    title: 'Let read-only tools run without asking',
    files: [
      edit(
        'internal/agent/permissions.go',
        [
          'func (p *Policy) isToolAllowed(name string, readOnly bool) bool {',
          '\tif p.yolo {',
          '\t\treturn true',
          '\t}',
        ],
        [],
        ['\tif readOnly {', '\t\treturn true', '\t}'],
        ['\treturn p.granted[name]', '}'],
      ),
    ],
    expect: [ACCESS],
    forbid: [],
  },
  {
    id: 'access-py-block-list-entry-dropped',
    lang: 'py',
    title: 'Let the agent read environment files',
    files: [
      edit(
        'agent/workspace.py',
        ['def is_path_allowed(path: Path) -> bool:', '    blocked = {', '        ".git",'],
        ['        ".env",'],
        [],
        ['        "node_modules",', '    }', '    return not any(part in blocked for part in path.parts)', ''],
      ),
    ],
    expect: [ACCESS],
    forbid: [],
  },
  // --- near-misses ----------------------------------------------------------------------------------------------
  {
    id: 'access-ts-new-guard-is-new-code',
    lang: 'ts',
    title: 'Add a guard for upload paths',
    files: [
      newFile('src/upload/guard.ts', [
        'export function isUploadPathAllowed(p: string, root: string): boolean {',
        '  const full = resolve(root, p);',
        '  return full.startsWith(root + sep);',
        '}',
      ]),
    ],
    expect: [],
    forbid: [ACCESS],
  },
  {
    id: 'access-ts-comment-in-guard',
    lang: 'ts',
    title: 'Explain why dot folders are blocked',
    files: [
      edit(
        'src/files/pathGuard.ts',
        ['export function isPathAllowed(p: string): boolean {'],
        [],
        ['  // Dot folders hold credentials and version control data.'],
        ["  return !p.split('/').some((s) => s.startsWith('.'));", '}'],
      ),
    ],
    expect: [],
    forbid: [ACCESS],
  },
  {
    id: 'access-ts-test-helper',
    lang: 'ts',
    title: 'Test more blocked paths',
    files: [
      edit(
        'src/files/pathGuard.test.ts',
        ['function isBlockedInFixture(p: string): boolean {'],
        [],
        ["  if (p.endsWith('.pem')) return true;"],
        ['  return fixture.blocked.includes(p);', '}'],
      ),
    ],
    expect: [],
    forbid: [ACCESS],
  },
  {
    id: 'access-py-no-decision-name',
    lang: 'py',
    title: 'Sort the allowed hosts in the settings page',
    files: [
      edit(
        'server/settings_view.py',
        ['def format_allowed_hosts(hosts: list[str]) -> str:'],
        ['    return ", ".join(hosts)'],
        ['    return ", ".join(sorted(hosts))'],
        [''],
      ),
    ],
    expect: [],
    forbid: [ACCESS],
  },
  {
    id: 'access-py-within-budget',
    lang: 'py',
    title: 'Count cached tokens against the budget',
    files: [
      edit(
        'agent/budget.py',
        ['def is_within_budget(usage: Usage, limit: int) -> bool:'],
        ['    return usage.input_tokens + usage.output_tokens <= limit'],
        ['    return usage.input_tokens + usage.cached_tokens + usage.output_tokens <= limit'],
        [''],
      ),
    ],
    expect: [],
    forbid: [ACCESS],
  },
  {
    id: 'access-go-handler-named-block',
    lang: 'go',
    title: 'Print the builtin name in the block handler',
    files: [
      edit(
        'internal/shell/run.go',
        ['func blockHandler(name string) ExecHandler {', '\treturn func(ctx context.Context, args []string) error {'],
        ['\t\treturn errBlocked'],
        ['\t\treturn fmt.Errorf("%s: %w", name, errBlocked)'],
        ['\t}', '}'],
      ),
    ],
    expect: [],
    forbid: [ACCESS],
  },
];
