/** Rust pull requests of the review corpus (see types.ts). */
import { CorpusCase, edit, newFile } from './types';

export const RUST_CASES: readonly CorpusCase[] = [
  {
    id: 'rust-expect-to-question-mark',
    lang: 'rust',
    title: 'Tests use ? instead of expect',
    files: [
      edit(
        'tests/config.rs',
        ['#[test]', 'fn loads_defaults() -> anyhow::Result<()> {'],
        [
          '    let cfg = Config::load("a.toml").expect("config loads");',
          '    let user = cfg.user().expect("user set");',
        ],
        ['    let cfg = Config::load("a.toml")?;', '    let user = cfg.user()?;'],
        ['    assert_eq!(user.name, "ann");', '    Ok(())', '}'],
      ),
    ],
    expect: [],
    forbid: ['assertion-weakened'],
  },
  {
    id: 'rust-kill-logged',
    lang: 'rust',
    title: 'Kill the child process on drop',
    files: [
      edit(
        'src/exec/child.rs',
        ['impl Drop for Running {', '    fn drop(&mut self) {'],
        [],
        ['        let _ = self.child.kill();', '        tracing::debug!("killed child {}", self.pid);'],
        ['    }', '}'],
      ),
    ],
    expect: [],
    forbid: ['swallowed-error'],
  },
  {
    id: 'rust-flush-ignored',
    lang: 'rust',
    title: 'Flush the store after each batch',
    files: [
      edit(
        'src/store/batch.rs',
        ['    pub(crate) fn commit_batch(&mut self, batch: Batch) {', '        self.apply(batch);'],
        [],
        ['        let _ = self.store.flush();'],
        ['    }'],
      ),
    ],
    expect: ['swallowed-error'],
    forbid: [],
  },
  {
    id: 'rust-inline-test-expectation',
    lang: 'rust',
    title: 'Unknown models report "unknown"',
    files: [
      edit(
        'src/model.rs',
        ['pub(crate) fn detect(id: &str) -> &str {'],
        ['    KNOWN.get(id).copied().unwrap_or(id)'],
        ['    KNOWN.get(id).copied().unwrap_or("unknown")'],
        ['}'],
        20,
      ),
      edit(
        'src/model.rs',
        ['#[cfg(test)]', 'mod tests {', '    use super::*;', '', '    #[test]', '    fn detects_sonnet() {'],
        ['        assert_eq!(detect("sonnet-x"), "claude-sonnet-4");'],
        [
          '        let seen = Mutex::new(Vec::new());',
          '        seen.lock().unwrap().push(detect("sonnet-x"));',
          '        assert_eq!(detect("sonnet-x"), "unknown");',
        ],
        ['    }', '}'],
        80,
      ),
    ],
    expect: ['expectation-changed'],
    forbid: ['concurrency-introduced'],
  },
  {
    id: 'rust-shared-state',
    lang: 'rust',
    title: 'Share the session registry between handlers',
    files: [
      edit(
        'src/server/state.rs',
        ['pub struct AppState {'],
        ['    sessions: HashMap<SessionId, Session>,'],
        [
          '    sessions: Arc<Mutex<HashMap<SessionId, Session>>>,',
          '    pending: Arc<Mutex<HashMap<RequestId, Pending>>>,',
          '    limits: Arc<RwLock<Limits>>,',
        ],
        ['}'],
      ),
    ],
    expect: ['concurrency-introduced'],
    forbid: [],
  },
  {
    id: 'rust-select-shutdown',
    lang: 'rust',
    title: 'Stop the reader on shutdown',
    files: [
      edit(
        'src/transport/reader.rs',
        ['    pub(crate) async fn run(mut self) {'],
        ['        while let Some(msg) = self.rx.recv().await { self.handle(msg).await; }'],
        [
          '        loop {',
          '            tokio::select! {',
          '                _ = self.shutdown.notified() => break,',
          '                Some(msg) = self.rx.recv() => self.handle(msg).await,',
          '            }',
          '        }',
        ],
        ['    }'],
      ),
    ],
    expect: ['concurrency-introduced'],
    forbid: ['unbounded-wait'],
  },
  {
    id: 'rust-await-reply',
    lang: 'rust',
    title: 'Wait for the initialize reply',
    files: [
      edit(
        'src/client/init.rs',
        [
          '    pub(crate) async fn initialize(&mut self) -> Result<InitResult> {',
          '        self.send(Request::initialize()).await?;',
        ],
        [],
        ['        let reply = self.replies.recv().await;'],
        ['        reply.ok_or(Error::Closed)', '    }'],
      ),
    ],
    expect: ['unbounded-wait'],
    forbid: [],
  },
  {
    id: 'rust-rename-pub-fn',
    lang: 'rust',
    title: 'Rename open_session to open',
    files: [
      edit(
        'src/lib.rs',
        ['/// Opens a session on a transport.'],
        ['pub fn open_session(transport: Transport) -> Result<Session> {'],
        ['pub fn open(transport: Transport) -> Result<Session> {'],
        ['    Session::start(transport)', '}'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
  },
  {
    id: 'rust-match-to-ok',
    lang: 'rust',
    title: 'Simplify reading the cached token',
    files: [
      edit(
        'src/cache/read.rs',
        ['pub(crate) fn cached_entry(path: &Path) -> Result<Option<Entry>> {'],
        [
          '    let text = match fs::read_to_string(path) {',
          '        Ok(t) => t,',
          '        Err(_) => return Ok(None),',
          '    };',
          '    Ok(serde_json::from_str(&text).ok())',
        ],
        [
          '    let Some(text) = fs::read_to_string(path).ok() else { return Ok(None) };',
          '    Ok(serde_json::from_str(&text).ok())',
        ],
        ['}'],
      ),
    ],
    expect: [],
    forbid: ['error-handling-removed'],
  },
  {
    id: 'rust-assert-if-let',
    lang: 'rust',
    title: 'Test port parsing',
    files: [
      edit(
        'tests/parse.rs',
        ['#[test]', 'fn parses_port() {'],
        [],
        ['    if let Ok(port) = parse_port("8080") {', '        assert_eq!(port, 8080);', '    }'],
        ['}'],
      ),
    ],
    expect: ['assertion-cannot-fail'],
    forbid: [],
  },
  {
    id: 'rust-git-through-sh',
    lang: 'rust',
    title: 'Run git hooks through the shell',
    files: [
      edit(
        'src/hooks/run.rs',
        ['pub(crate) fn run_hook(name: &str, args: &str) -> io::Result<ExitStatus> {'],
        ['    Command::new(hook_path(name)).status()'],
        ['    Command::new("sh").arg("-c").arg(format!("{} {}", hook_path(name).display(), args)).status()'],
        ['}'],
      ),
    ],
    expect: ['dangerous-sink'],
    forbid: [],
  },
  {
    id: 'rust-tokio-bump',
    lang: 'rust',
    title: 'Bump tokio',
    files: [
      edit(
        'Cargo.toml',
        ['[dependencies]'],
        ['tokio = { version = "1.38", features = ["full"] }'],
        ['tokio = { version = "1.40", features = ["full"] }'],
        ['serde = "1"'],
      ),
    ],
    expect: [],
    forbid: ['new-dependency'],
  },
  {
    id: 'rust-reconnect-error',
    lang: 'rust',
    title: 'Reconnects are errors now',
    files: [
      edit(
        'src/transport/ws.rs',
        ['        Err(e) => {'],
        ['            debug!("reconnecting after {e}");'],
        ['            error!("reconnecting after {e}");'],
        ['            self.reconnect().await', '        }'],
      ),
    ],
    expect: ['log-level-changed'],
    forbid: [],
  },
  {
    id: 'rust-dead-helper',
    lang: 'rust',
    title: 'Speed up the legacy manifest parser',
    files: [
      edit(
        'src/manifest.rs',
        ['/// Parses manifests written before v2.'],
        ['pub fn legacy_parse(text: &str) -> Manifest {'],
        ['pub fn legacy_parse(text: &str) -> Manifest {', '    let text = text.trim_start_matches(BOM);'],
        ['    parse_lines(text.lines())'],
        40,
      ),
    ],
    context: {
      references: new Map([
        [
          'legacy_parse',
          [
            { path: 'src/manifest.rs', line: 41, text: 'pub fn legacy_parse(text: &str) -> Manifest {' },
            { path: 'tests/manifest.rs', line: 12, text: '    let m = legacy_parse(OLD);' },
            { path: 'tests/manifest.rs', line: 30, text: '    assert_eq!(legacy_parse("").entries.len(), 0);' },
          ],
        ],
      ]),
    },
    expect: ['test-only-callers'],
    forbid: [],
  },
  {
    id: 'rust-retry-connect',
    lang: 'rust',
    title: 'Keep trying to reach the daemon',
    files: [
      edit(
        'src/daemon/client.rs',
        ['pub(crate) async fn connect() -> Result<Conn> {'],
        ['    Conn::open(SOCKET).await'],
        [
          '    loop {',
          '        match Conn::open(SOCKET).await {',
          '            Ok(c) => return Ok(c),',
          '            Err(_) => sleep(Duration::from_millis(500)).await,',
          '        }',
          '    }',
        ],
        ['}'],
      ),
    ],
    expect: ['unbounded-wait'],
    forbid: [],
  },
  {
    id: 'rust-new-crate-with-test',
    lang: 'rust',
    title: 'Add a checksum helper',
    files: [
      newFile('src/checksum.rs', [
        'use sha2::{Digest, Sha256};',
        '',
        'pub(crate) fn checksum(bytes: &[u8]) -> String {',
        '    hex::encode(Sha256::digest(bytes))',
        '}',
        '',
        '#[cfg(test)]',
        'mod tests {',
        '    use super::*;',
        '',
        '    #[test]',
        '    fn empty_input() {',
        '        assert_eq!(checksum(b"").len(), 64);',
        '    }',
        '}',
      ]),
    ],
    expect: [],
    forbid: ['assertion-weakened', 'test-deleted'],
  },
];
