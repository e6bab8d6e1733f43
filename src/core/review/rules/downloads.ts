/**
 * Downloads nobody verifies: an archive or binary fetched by curl/wget/Invoke-WebRequest or Dockerfile `ADD` in CI,
 * scripts or Dockerfiles with no checksum or signature check near it, and download metadata whose changed URL sits
 * beside a `sha256: null` (uv #21174: a shipped download entry with no checksum). Whoever controls the server, or the
 * release asset, controls what runs. A download piped into a shell is `ci-risky-step`'s in CI, and elsewhere a
 * vendor's installer script: not repeated here.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import type { FindingSink, RuleFamily, RuleMeta } from './rule';
import { quote } from './rule';

const UNCHECKED: RuleMeta = {
  id: 'download-unverified',
  claims: { languages: ['shell', 'dockerfile', 'yaml', 'json'] },
  category: 'dependencies',
  title: 'Download without a checksum',
  whatToDo:
    'Pin the artifact by hash: `echo "<sha256>  file" | sha256sum -c`, `ADD --checksum=sha256:…`, or a checksum field in the metadata; or verify a signature (gpg, cosign, gh attestation verify).',
};

/** A fetch of a URL (not an API call): the tool, then an http(s) URL on the same line. */
const FETCH =
  /\b(?:curl|wget|Invoke-WebRequest|iwr|aria2c)\b[^\n]*?(https?:\/\/[^\s"'`)]+)|^\s*ADD\s+(?:--\S+\s+)*(https?:\/\/\S+)/i;
/** What makes a fetched file an artifact that will run or be unpacked. */
const ARTIFACT =
  /\.(?:tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tar\.zst|zip|7z|deb|rpm|apk|whl|jar|exe|msi|pkg|dmg|appimage|bin|run|sh|ps1|gz|xz)(?:[?#]|$)/i;
/** Steps after the fetch that execute or unpack what came down. */
const USE = /\b(?:tar\s+-?[a-z]*x|unzip|chmod\s+\+?[0-7]*x|dpkg\s+-i|rpm\s+-i|install\s+-m|sudo\s+mv|mv\s+\S+\s+\/usr)/;
/** Any verification near the fetch. */
const VERIFY =
  /sha(?:1|256|384|512)(?:sum)?\b|shasum|checksums?\b|--checksum|\bdigest\b|Get-FileHash|gpg\s+--verify|\bcosign\s+verify|minisign|slsa-verifier|attestation\s+verify|--hash=|integrity/i;
/** A data entry's checksum field left empty. */
const NULL_SUM = /["']?(?:sha256|sha512|checksum|hash)["']?\s*[:=]\s*(?:null|None|""|''|~)\s*,?\s*$/i;
/** A data entry's URL field pointing at an artifact. */
const URL_FIELD = /["']?(?:url|download_url|href)["']?\s*[:=]\s*["'](https?:\/\/[^"']+)["']/i;
/** Lines either side of a fetch in which a verification counts. */
const NEAR = 12;
const FIELD_NEAR = 4;

export const downloadRules: RuleFamily = {
  name: 'downloads',
  rules: [UNCHECKED],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      const lang = file.cls.language;
      if (file.cls.test || file.cls.docs || file.cls.vendored || file.cls.generated) continue;
      if (lang === 'shell' || lang === 'dockerfile' || (lang === 'yaml' && file.cls.ci)) fetches(change, file, sink);
      if (lang === 'json' || lang === 'yaml' || lang === 'toml') dataEntries(file, sink);
    }
  },
};

/** curl/wget/ADD of an artifact on an added line, with nothing verifying it within NEAR lines. */
function fetches(change: Change, file: ChangeFile, sink: FindingSink): void {
  const head = change.context.headText?.get(file.path)?.split('\n');
  for (const l of file.added) {
    if (!/curl|wget|invoke-webrequest|iwr|aria2c|add\s/i.test(l.text)) continue;
    const m = FETCH.exec(l.text);
    if (!m) continue;
    const url = m[1] ?? m[2];
    // Piped into a shell: ci-risky-step's in CI; elsewhere it is a vendor's installer (rustup, uv), read as such.
    if (/\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b|\|\s*(?:python|node|iex)\b/.test(l.text)) continue;
    const around = near(file, l, head, NEAR);
    const artifact =
      ARTIFACT.test(url) ||
      (/\s-(?:[a-zA-Z]*[oO])\s|--output|-OutFile/.test(l.text) && around.some((t) => USE.test(t)));
    if (!artifact) continue;
    if (around.some((t) => VERIFY.test(t))) continue;
    sink.line(
      UNCHECKED,
      file,
      l,
      'new',
      'medium',
      `fetches ${quote(url, 80)} and nothing within ${NEAR} lines checks its hash or signature`,
    );
  }
}

/** A changed URL field of download metadata whose checksum field beside it is null or empty. */
function dataEntries(file: ChangeFile, sink: FindingSink): void {
  for (const l of file.added) {
    const m = URL_FIELD.exec(l.text);
    if (!m || !ARTIFACT.test(m[1])) continue;
    const around = near(file, l, undefined, FIELD_NEAR);
    if (!around.some((t) => NULL_SUM.test(t))) continue;
    sink.line(UNCHECKED, file, l, 'new', 'medium', `${quote(m[1], 80)} is listed with an empty checksum beside it`);
  }
}

/** New-side text within `n` lines of an added line: from the file at the head when known, else from its hunk. */
function near(file: ChangeFile, l: ChangeLine, head: readonly string[] | undefined, n: number): string[] {
  if (head) return head.slice(Math.max(0, l.line - 1 - n), l.line + n);
  const lines = file.diff.hunks[l.hunk].lines;
  const out: string[] = [];
  for (let i = l.index, k = 0; i >= 0 && k <= n; i--) {
    if (lines[i].kind === 'del') continue;
    out.push(lines[i].text);
    k++;
  }
  for (let i = l.index + 1, k = 0; i < lines.length && k < n; i++) {
    if (lines[i].kind === 'del') continue;
    out.push(lines[i].text);
    k++;
  }
  return out;
}
