/**
 * Pull requests for rule claims the line tables alone covered (see types.ts): Rust shapes the rules learnt while
 * filling ruleCoverage.test.ts (SQL built with format!, an ignored inline test, a constant body without `return`),
 * and near-misses for options and arguments. Modelled on changes in uv, just and gitbutler; none copied.
 */
import { CorpusCase, edit, newFile } from './types';

export const CLAIM_CASES: readonly CorpusCase[] = [
  {
    id: 'claims-rust-sql-format',
    lang: 'rust',
    title: 'Look up a workspace by name in the local index',
    files: [
      edit(
        'src/index/workspace.rs',
        ['    pub fn by_name(&self, name: &str) -> Result<Option<Workspace>> {'],
        ['        let mut stmt = self.conn.prepare("SELECT id, path FROM workspaces WHERE name = ?1")?;'],
        [
          '        let sql = format!("SELECT id, path FROM workspaces WHERE name = \'{}\'", name);',
          '        let mut stmt = self.conn.prepare(&sql)?;',
        ],
        ['        let mut rows = stmt.query([])?;'],
      ),
    ],
    expect: ['injection'],
    forbid: [],
  },
  {
    id: 'claims-rust-sql-bound',
    lang: 'rust',
    title: 'Also select the workspace path',
    files: [
      edit(
        'src/index/workspace.rs',
        ['    pub fn by_name(&self, name: &str) -> Result<Option<Workspace>> {'],
        ['        let mut stmt = self.conn.prepare("SELECT id FROM workspaces WHERE name = ?1")?;'],
        ['        let mut stmt = self.conn.prepare("SELECT id, path FROM workspaces WHERE name = ?1")?;'],
        ['        let mut rows = stmt.query([name])?;'],
      ),
    ],
    expect: [],
    forbid: ['injection'],
  },
  {
    id: 'claims-rust-inline-ignore',
    lang: 'rust',
    title: 'Add a launcher test that needs a GUI Python',
    files: [
      edit(
        'crates/launcher/src/lib.rs',
        ['#[cfg(test)]', 'mod tests {', '    use super::*;', ''],
        [],
        [
          '    #[test]',
          '    #[ignore = "needs pythonw on PATH"]',
          '    fn gui_launcher_starts() {',
          '        let exe = build_launcher(Kind::Gui).unwrap();',
          '        assert!(exe.exists());',
          '    }',
          '',
        ],
        ['    #[test]', '    fn console_launcher_starts() {'],
        300,
      ),
    ],
    expect: ['test-skipped'],
    forbid: [],
  },
  {
    id: 'claims-rust-constant-body',
    lang: 'rust',
    title: 'Let recipes opt out of the lint',
    files: [
      edit(
        'src/lint.rs',
        ['impl Recipe {'],
        [],
        ['    pub fn lint_enabled(&self) -> bool {', '        true', '    }', ''],
        ['    pub fn name(&self) -> &str {'],
      ),
    ],
    expect: ['stub-body'],
    forbid: [],
  },
  {
    id: 'claims-rust-accessor-body',
    lang: 'rust',
    title: 'Expose the recipe parameters',
    files: [
      edit(
        'src/recipe.rs',
        ['impl Recipe {'],
        [],
        ['    pub fn parameters(&self) -> &[Parameter] {', '        &self.parameters', '    }', ''],
        ['    pub fn name(&self) -> &str {'],
      ),
    ],
    expect: [],
    forbid: ['stub-body', 'placeholder'],
  },
  {
    id: 'claims-ts-ignore-case-option',
    lang: 'ts',
    title: 'Search task history regardless of case',
    files: [
      edit(
        'src/cli/history.ts',
        ["  .command('history')", "  .option('--limit <n>', 'how many tasks to list', '20')"],
        [],
        ["  .option('--ignore-case', 'match the query regardless of case')"],
        ['  .action(listHistory);'],
      ),
    ],
    expect: [],
    forbid: ['safety-switch-exposed'],
  },
  {
    id: 'claims-go-config-arg',
    lang: 'go',
    title: 'Pass the config file to the formatter',
    files: [
      newFile('internal/format/args.go', [
        'package format',
        '',
        'import "fmt"',
        '',
        '// formatterArgs lists the flags for one formatter run.',
        'func formatterArgs(path string, check bool) []string {',
        '\targs := []string{"--quiet"}',
        '\targs = append(args, fmt.Sprintf("--config=%s", path))',
        '\tif check {',
        '\t\targs = append(args, "--check")',
        '\t}',
        '\treturn args',
        '}',
      ]),
    ],
    expect: ['command-quoting'],
    forbid: [],
  },
];
