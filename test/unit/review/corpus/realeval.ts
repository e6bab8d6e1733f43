/**
 * Cases modelled on the noise classes found by reading real merged pull requests the team had not tuned on (a Go
 * terminal agent, a TypeScript CLI agent, a Python agent framework, a Rust package manager; see docs/eval/). Each
 * near-miss stays silent, each hit twin still fires. Written by this team; no third-party code.
 */
import { CorpusCase, edit, newFile } from './types';

export const REALEVAL_CASES: readonly CorpusCase[] = [
  {
    id: 'go-feature-removed-with-its-errors',
    lang: 'go',
    title: 'Revert: drop the host name from the status bar',
    files: [
      edit(
        'ui/status/host.go',
        ['package status', ''],
        [
          'var hostLabel = sync.OnceValue(func() string {',
          '\tname, err := os.Hostname()',
          '\tif err != nil {',
          '\t\treturn "local"',
          '\t}',
          '\treturn shortName(name)',
          '})',
          '',
        ],
        [],
        ['func render(w io.Writer) {'],
      ),
    ],
    expect: [],
    forbid: ['error-handling-removed'],
  },
  {
    id: 'go-error-branch-dropped',
    lang: 'go',
    title: 'Read the spool size without checking the stat',
    files: [
      edit(
        'spool/size.go',
        ['func spoolSize(path string) int64 {', '\tinfo, err := os.Stat(path)'],
        ['\tif err != nil {', '\t\treturn 0', '\t}'],
        [],
        ['\treturn info.Size()', '}'],
      ),
    ],
    expect: ['error-handling-removed'],
    forbid: [],
  },
  {
    id: 'rust-constructor-made-infallible',
    lang: 'rust',
    title: 'Keep the archive path relative to the checkout',
    files: [
      edit(
        'crates/lockfile/src/source.rs',
        ['impl Source {'],
        [
          '    fn from_archive(archive: &ArchiveDist, root: &Path) -> Result<Self, LockError> {',
          '        let path = relative_to(&archive.path, root)',
          '            .map_err(LockError::RelativePath)?;',
          '        Ok(Self::Archive { path })',
          '    }',
        ],
        [
          '    fn from_archive(archive: &ArchiveDist) -> Self {',
          '        Self::Archive { path: archive.path.clone() }',
          '    }',
        ],
        ['}'],
      ),
    ],
    expect: [],
    forbid: ['error-handling-removed'],
  },
  {
    id: 'rust-map-err-dropped',
    lang: 'rust',
    title: 'Read the marker file directly',
    files: [
      edit(
        'crates/env/src/marker.rs',
        ['fn read_marker(path: &Path) -> Result<String, EnvError> {'],
        ['    let text = fs::read_to_string(path).map_err(EnvError::Marker)?;'],
        ['    let text = fs::read_to_string(path).unwrap();'],
        ['    Ok(text.trim().to_string())', '}'],
      ),
    ],
    expect: ['error-handling-removed'],
    forbid: [],
  },
  {
    id: 'rust-ok-is-some-and-to-is-ok-and',
    lang: 'rust',
    title: 'Clippy: use is_ok_and',
    files: [
      edit(
        'crates/env/src/link.rs',
        ['pub(crate) fn points_into_cache(path: &Path, cache: &Cache) -> bool {', '    read_link_target(path)'],
        ['        .ok()', '        .is_some_and(|target| cache.contains(&target))'],
        ['        .is_ok_and(|target| cache.contains(&target))'],
        ['}'],
      ),
    ],
    expect: [],
    forbid: ['error-handling-removed'],
  },
  {
    id: 'ts-fallback-catch-explained',
    lang: 'ts',
    title: 'Follow symlinks when matching ignore rules',
    files: [
      edit(
        'src/files/ignore.ts',
        ['  if (isLink) {', '    const target = realPathOf(absolute);', '    let targetIsDir = isDir;'],
        [],
        [
          '    try {',
          '      targetIsDir = fs.statSync(target).isDirectory();',
          '    } catch {',
          '      // keep the answer from the link itself when the target cannot be read',
          '    }',
        ],
        ['    return matches(target, targetIsDir);', '  }'],
      ),
    ],
    expect: [],
    forbid: ['swallowed-error'],
  },
  {
    id: 'ts-dispose-in-cleanup',
    lang: 'ts',
    title: 'Release the pty listeners on exit',
    files: [
      edit(
        'src/shell/pty.ts',
        ['  const finish = () => {'],
        [],
        [
          '    for (const d of listeners) {',
          '      try {',
          '        d.dispose();',
          '      } catch {',
          '        // ignore',
          '      }',
          '    }',
        ],
        ['    report(exitCode);', '  };'],
      ),
    ],
    expect: [],
    forbid: ['swallowed-error'],
  },
  {
    id: 'ts-save-error-swallowed',
    lang: 'ts',
    title: 'Save the draft on blur',
    files: [
      edit(
        'src/editor/draft.ts',
        ['export async function onBlur(draft: Draft): Promise<void> {'],
        ['  await store.save(draft);'],
        ['  try {', '    await store.save(draft);', '  } catch {', '  }'],
        ['}'],
      ),
    ],
    expect: ['swallowed-error'],
    forbid: [],
  },
  {
    id: 'py-secondary-error-explained',
    lang: 'py',
    title: 'Close the open part before reporting a stream error',
    files: [
      edit(
        'agentkit/ui/stream.py',
        [
          '        except Exception as exc:',
          '            part = self._open_part',
          '            for delta in self._pending:',
        ],
        [],
        [
          '                # a broken delta must not hide the stream error we are about to report',
          '                try:',
          '                    part = delta.apply(part)',
          '                except Exception:',
          '                    pass',
        ],
        ['            yield self.error_event(exc, part)'],
        200,
      ),
    ],
    expect: [],
    forbid: ['swallowed-error', 'broad-catch'],
  },
  {
    id: 'go-command-named-in-comment',
    lang: 'go',
    title: 'Parse shell commands before auto-approving them',
    files: [
      edit(
        'agent/tools/readonly.go',
        ['// isReadOnly reports whether a command may run without asking.'],
        [],
        [
          '//',
          '// Matching text cannot tell `git branch` from `git branch -D main`, so the',
          '// command is parsed and every word checked against the allow list.',
        ],
        ['func isReadOnly(command string) bool {'],
      ),
    ],
    expect: [],
    forbid: ['destructive-operation'],
  },
  {
    id: 'go-force-push-in-code',
    lang: 'go',
    title: 'Publish the docs branch',
    files: [
      edit(
        'release/docs.go',
        ['func publishDocs(dir string) error {'],
        [],
        ['\tscript := "cd " + dir + " && git push --force origin gh-pages"', '\treturn runScript(script)'],
        ['}'],
      ),
    ],
    expect: ['destructive-operation'],
    forbid: [],
  },
  {
    id: 'ts-process-named-in-message',
    lang: 'ts',
    title: 'Say why the pty fallback happened',
    files: [
      edit(
        'src/shell/fallback.ts',
        ['    onOutput({', "      type: 'data',", '      chunk:'],
        ["        '[warning] pty failed, falling back to child_process. This may be a sandbox limit.\\n',"],
        [
          "        '[warning] pty failed, falling back to child_process. This may be terminal exhaustion or a sandbox limit.\\n',",
        ],
        ['    });'],
      ),
    ],
    expect: [],
    forbid: ['critical-path-touched'],
  },
  {
    id: 'rust-credential-cache-log-lines',
    lang: 'rust',
    title: 'Format the realm once for the cache trace lines',
    files: [
      edit(
        'crates/auth/src/cache.rs',
        ['        let Some(found) = entries.get(&key).cloned() else {'],
        ['            trace!("No credentials in cache for realm {}", RealmLabel::from(key));'],
        ['            trace!("No credentials in cache for realm {label}");'],
        ['            return None;', '        };'],
      ),
    ],
    expect: [],
    forbid: ['critical-path-touched'],
  },
  {
    id: 'ts-suppression-moved-by-refactor',
    lang: 'ts',
    title: 'Pass the exit listener to the disposables list',
    files: [
      edit(
        'src/shell/exit.ts',
        ['  const onExit = (code: number) => {'],
        [
          '      // eslint-disable-next-line @typescript-eslint/no-floating-promises',
          '      Promise.race([drained, aborted]).then(() => finish(code));',
        ],
        [
          '    // eslint-disable-next-line @typescript-eslint/no-floating-promises',
          '    Promise.race([drained, aborted]).then(() => finish(code));',
        ],
        ['  };'],
      ),
    ],
    expect: [],
    forbid: ['check-suppressed', 'concurrency-introduced'],
  },
  {
    id: 'ts-wait-before-strong-check',
    lang: 'ts',
    title: 'Re-render after the external editor closes',
    files: [
      edit('src/ui/App.tsx', ['  const onEditorClosed = () => {'], [], ['    app.rerender();'], ['  };']),
      edit(
        'src/ui/App.test.tsx',
        ["describe('App', () => {"],
        [],
        [
          "  it('re-renders when the editor closes', async () => {",
          '    const { unmount } = await renderApp();',
          '    await waitFor(() => expect(uiState).toBeTruthy());',
          '    fireEditorClosed();',
          '    expect(rerender).toHaveBeenCalledTimes(1);',
          '    unmount();',
          '  });',
        ],
        ['});'],
      ),
    ],
    expect: [],
    forbid: ['assertion-weakened'],
  },
  {
    id: 'ts-only-weak-check',
    lang: 'ts',
    title: 'Expose the editor handle',
    files: [
      edit(
        'src/ui/editor.ts',
        ['export function openEditor(path: string) {'],
        ['  return spawnEditor(path);'],
        ['  return spawnEditor(path, { wait: true });'],
        ['}'],
      ),
      edit(
        'src/ui/editor.test.ts',
        ["describe('openEditor', () => {"],
        [],
        ["  it('returns a handle', () => {", "    expect(openEditor('a.txt')).toBeDefined();", '  });'],
        ['});'],
      ),
    ],
    expect: ['assertion-weakened'],
    forbid: [],
  },
  {
    id: 'ts-test-comment-reworded',
    lang: 'ts',
    title: 'Mock the ink app as well',
    files: [
      edit(
        'src/ui/App.ts',
        ['export function App() {'],
        ['  const out = useStdout();'],
        ['  const out = useStdout();', '  const app = useApp();'],
        ['}'],
      ),
      edit(
        'src/ui/App.test.ts',
        ['const mocks = vi.hoisted(() => ({'],
        ['// Mock stdout'],
        ['// Mock stdout and the ink app'],
        ['}));'],
        5,
      ),
    ],
    expect: [],
    forbid: ['test-edited-with-code'],
  },
  {
    id: 'py-skip-without-optional-dependency',
    lang: 'py',
    title: 'Anthropic clients work without httpx',
    files: [
      newFile('tests/test_optional_http.py', [
        'import pytest',
        '',
        '',
        "@pytest.mark.skipif(not anthropic_imports_successful(), reason='anthropic not installed')",
        'def test_runs_without_httpx():',
        '    assert run_isolated(SCRIPT).returncode == 0',
      ]),
    ],
    expect: [],
    forbid: ['test-skipped'],
  },
  {
    id: 'py-flaky-test-skipped',
    lang: 'py',
    title: 'Skip the stream test for now',
    files: [
      edit(
        'tests/test_stream.py',
        [''],
        [],
        ["@pytest.mark.skip(reason='flaky on CI')"],
        ['def test_stream_closes_parts():', '    assert close_parts(events) == []'],
      ),
    ],
    expect: ['test-skipped'],
    forbid: [],
  },
  {
    id: 'go-test-server-nolint',
    lang: 'go',
    title: 'Send the API key when fetching the catalog',
    files: [
      edit(
        'config/catalog_test.go',
        ['\tsrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {'],
        [],
        ['\t\tjson.NewEncoder(w).Encode(catalog) //nolint:errcheck'],
        ['\t}))'],
      ),
    ],
    expect: [],
    forbid: ['check-suppressed'],
  },
  {
    id: 'rust-ci-toolchain-bump',
    lang: 'rust',
    title: 'Lint with Rust 1.98',
    files: [
      edit(
        '.github/workflows/lint.yml',
        ['      - name: "Install Rust toolchain"'],
        ['        run: rustup toolchain install 1.97.1'],
        ['        run: rustup toolchain install 1.98.0'],
        ['      - name: "Lint"'],
        20,
      ),
    ],
    expect: [],
    forbid: ['ci-changed'],
  },
  {
    id: 'rust-ci-step-removed',
    lang: 'rust',
    title: 'Drop the MSRV check',
    files: [
      edit(
        '.github/workflows/lint.yml',
        ['      - name: "Lint"', '        run: cargo clippy -- -D warnings'],
        ['      - name: "MSRV"', '        run: cargo +1.90 check --workspace'],
        [],
        [],
        20,
      ),
    ],
    expect: ['ci-changed'],
    forbid: [],
  },
  {
    id: 'rust-snapshot-macro-test',
    lang: 'rust',
    title: 'Regression test for hashes under a binary policy',
    files: [
      edit(
        'crates/cli/tests/compile.rs',
        ['use crate::common::TestContext;', ''],
        [],
        [
          '#[test]',
          'fn hashes_follow_binary_policy() -> Result<()> {',
          '    let context = TestContext::new("3.12");',
          '    context.write_requirements("anyio==4.0.0")?;',
          '    cli_snapshot!(context.compile().arg("--generate-hashes"), @"success: true");',
          '    Ok(())',
          '}',
        ],
        [],
      ),
    ],
    expect: [],
    forbid: ['assertion-weakened'],
  },
];
