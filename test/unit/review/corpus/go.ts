/** Go pull requests of the review corpus (see types.ts). */
import { CorpusCase, edit } from './types';

export const GO_CASES: readonly CorpusCase[] = [
  {
    id: 'go-close-ignored',
    lang: 'go',
    title: 'Close the spool file when done',
    files: [
      edit(
        'spool/writer.go',
        ['func (w *Writer) Finish() error {', '\tif err := w.buf.Flush(); err != nil {', '\t\treturn err', '\t}'],
        [],
        ['\t_ = w.file.Close()'],
        ['\treturn nil', '}'],
      ),
    ],
    expect: [],
    forbid: ['swallowed-error'],
  },
  {
    id: 'go-save-ignored',
    lang: 'go',
    title: 'Record the last sync time',
    files: [
      edit(
        'sync/state.go',
        ['func (s *Syncer) markDone(at time.Time) {', '\ts.last = at'],
        [],
        ['\t_ = s.store.Save(s.state())'],
        ['}'],
      ),
    ],
    expect: ['swallowed-error'],
    forbid: [],
  },
  {
    id: 'go-retry-forever',
    lang: 'go',
    title: 'Wait for the database at start-up',
    files: [
      edit(
        'cmd/server/db.go',
        ['func openDB(dsn string) (*sql.DB, error) {'],
        ['\treturn sql.Open("postgres", dsn)'],
        [
          '\tfor {',
          '\t\tdb, err := sql.Open("postgres", dsn)',
          '\t\tif err == nil && db.Ping() == nil {',
          '\t\t\treturn db, nil',
          '\t\t}',
          '\t\ttime.Sleep(2 * time.Second)',
          '\t}',
        ],
        ['}'],
      ),
    ],
    expect: ['unbounded-wait'],
    forbid: [],
  },
  {
    id: 'go-shell-hook',
    lang: 'go',
    title: 'Run the post-deploy hook',
    files: [
      edit(
        'deploy/hook.go',
        ['func runHook(dir, script string) error {'],
        ['\treturn exec.Command(script).Run()'],
        ['\tcmd := exec.Command("sh", "-c", fmt.Sprintf("cd %s && %s", dir, script))', '\treturn cmd.Run()'],
        ['}'],
      ),
    ],
    expect: ['injection'],
    forbid: [],
  },
  {
    id: 'go-ctx-first',
    lang: 'go',
    title: 'NewClient takes a context',
    files: [
      edit(
        'client/client.go',
        ['// NewClient dials addr.'],
        ['func NewClient(addr string, opts ...Option) (*Client, error) {'],
        ['func NewClient(ctx context.Context, addr string, opts ...Option) (*Client, error) {'],
        ['\tc := &Client{addr: addr}'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
  },
  {
    id: 'go-internal-ctx',
    lang: 'go',
    title: 'internal dialer takes a context',
    files: [
      edit(
        'internal/dial/dial.go',
        ['// Dial connects.'],
        ['func Dial(addr string) (net.Conn, error) {'],
        ['func Dial(ctx context.Context, addr string) (net.Conn, error) {'],
        ['\tvar d net.Dialer'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
  },
  {
    id: 'go-test-expectation',
    lang: 'go',
    title: 'Count retries from one',
    files: [
      edit('retry/retry.go', ['func (r *Retrier) Attempts() int {'], ['\treturn r.n'], ['\treturn r.n + 1'], ['}']),
      edit(
        'retry/retry_test.go',
        ['\tr.Do(func() error { return errFail })'],
        ['\tassert.Equal(t, 3, r.Attempts())'],
        ['\tassert.Equal(t, 4, r.Attempts())'],
        ['}'],
      ),
    ],
    expect: ['expectation-changed'],
    forbid: [],
  },
  {
    id: 'go-skip-flaky',
    lang: 'go',
    title: 'Skip the flaky watcher test',
    files: [
      edit(
        'watch/watch_test.go',
        ['func TestWatcherSeesRename(t *testing.T) {'],
        [],
        ['\tt.Skip("flaky on CI")'],
        ['\tw := newWatcher(t)'],
      ),
    ],
    expect: ['test-skipped'],
    forbid: [],
  },
  {
    id: 'go-cache-locks',
    lang: 'go',
    title: 'Make the cache safe for concurrent use',
    files: [
      edit(
        'cache/cache.go',
        ['type Cache struct {'],
        ['\titems map[string]item'],
        ['\tmu    sync.RWMutex', '\titems map[string]item', '\tonce  sync.Once', '\tstats sync.Map'],
        ['}'],
      ),
    ],
    expect: ['concurrency-introduced'],
    forbid: [],
  },
  {
    id: 'go-miss-error',
    lang: 'go',
    title: 'Cache misses are errors',
    files: [
      edit(
        'cache/get.go',
        ['\tif !ok {'],
        ['\t\tslog.Info("cache miss", "key", key)'],
        ['\t\tslog.Error("cache miss", "key", key)'],
        ['\t\treturn nil, false', '\t}'],
      ),
    ],
    expect: ['log-level-changed'],
    forbid: [],
  },
  {
    id: 'go-skip-verify-flag',
    lang: 'go',
    title: 'Flag to trust self-signed registries',
    files: [
      edit(
        'cmd/push/main.go',
        ['\tregistry := flag.String("registry", "", "registry host")'],
        [],
        ['\tinsecure := flag.Bool("insecure-skip-verify", false, "do not verify the registry certificate")'],
        ['\tflag.Parse()'],
      ),
    ],
    expect: ['safety-switch-exposed'],
    forbid: [],
  },
  {
    id: 'go-doc-link-error',
    lang: 'go',
    title: 'Point config errors at the docs',
    files: [
      edit(
        'config/load.go',
        ['\tif err := yaml.Unmarshal(b, &c); err != nil {'],
        ['\t\treturn nil, err'],
        ['\t\treturn nil, fmt.Errorf("invalid config (see https://pkg.go.dev/example.org/tool/config): %w", err)'],
        ['\t}'],
      ),
    ],
    expect: [],
    forbid: ['hard-coded-endpoint', 'error-handling-removed'],
  },
  {
    id: 'go-testify-bump',
    lang: 'go',
    title: 'Bump testify',
    files: [
      edit(
        'go.mod',
        ['require ('],
        ['\tgithub.com/stretchr/testify v1.8.4'],
        ['\tgithub.com/stretchr/testify v1.9.0'],
        [')'],
      ),
    ],
    expect: [],
    forbid: ['new-dependency'],
  },
  {
    id: 'go-wait-done',
    lang: 'go',
    title: 'Wait for the worker to finish',
    files: [edit('worker/run.go', ['func (w *Worker) Stop() {', '\tclose(w.quit)'], [], ['\t<-w.done'], ['}'])],
    expect: ['unbounded-wait'],
    forbid: [],
  },
  {
    id: 'go-new-test-no-assert',
    lang: 'go',
    title: 'Test parsing empty input',
    files: [
      edit(
        'parse/parse_test.go',
        ['}', ''],
        [],
        ['func TestParseEmpty(t *testing.T) {', '\tParse("")', '}', ''],
        ['func TestParseOne(t *testing.T) {'],
      ),
    ],
    expect: ['assertion-weakened'],
    forbid: [],
  },
  {
    id: 'go-table-test',
    lang: 'go',
    title: 'More cases for the version parser',
    files: [
      edit(
        'semver/parse_test.go',
        ['\tcases := []struct{ in, want string }{'],
        [],
        [
          '\t\t{"1.2.3", "1.2.3"},',
          '\t\t{"v1.2.3", "1.2.3"},',
          '\t\t{"1.2", "1.2.0"},',
          '\t\t{"1", "1.0.0"},',
          '\t\t{"1.2.3-rc.1", "1.2.3-rc.1"},',
          '\t\t{"1.2.3+build", "1.2.3"},',
        ],
        ['\t}'],
      ),
    ],
    expect: [],
    forbid: ['duplicated-block', 'hard-coded-endpoint'],
  },
];
