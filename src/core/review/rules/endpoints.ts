/** Hard-coded endpoints: URLs and IP addresses written into source code instead of configuration. */
import type { Change } from '../model/change';
import { FindingSink, RuleFamily, RuleMeta, quote } from './rule';

const ENDPOINT: RuleMeta = {
  id: 'hard-coded-endpoint',
  claims: { languages: 'any', kinds: ['source'] },
  category: 'endpoints',
  title: 'Hard-coded URL or IP address',
  whatToDo: 'Move the address to configuration; check the host is the intended one and is reached over TLS.',
};

const URL =
  /\b(?:https?|wss?|ftp|grpc|amqps?|redis|mongodb(?:\+srv)?|postgres(?:ql)?|mysql|jdbc:\w+):\/\/([^\s'"`<>)\\/:?#]+)[^\s'"`<>)\\]*/i;
const IPV4 = /(?<![\w.])((?:\d{1,3}\.){3}\d{1,3})(?![\w.]*\d)(?!\.\w)/;
/** Hosts that are placeholders, loopback or XML/JSON namespaces rather than something the code will call. */
const HARMLESS_HOST =
  /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|[\w.-]*example\.(?:com|org|net)|[\w.-]+\.(?:example|test|invalid|localhost)|(?:www\.)?w3\.org|json-schema\.org|schemas\.[\w.-]+|(?:www\.)?apache\.org|opensource\.org|purl\.org|schema\.org|xmlns\.[\w.-]+|\$\{?\w*|\{\{?\w*|%\w*)$/i;

/** Documentation and registry hosts: a link a human reads, not an address the code calls. */
const DOC_HOST =
  /^(?:(?:www\.)?github\.com|(?:gist\.)?githubusercontent\.com|docs\.[\w.-]+|[\w-]+\.readthedocs\.io|(?:www\.)?pypi\.org|(?:www\.)?npmjs\.com|crates\.io|docs\.rs|pkg\.go\.dev|go\.dev|learn\.microsoft\.com|developer\.mozilla\.org|(?:www\.)?rust-lang\.org|modelcontextprotocol\.io|spec\.[\w.-]+|datatracker\.ietf\.org|(?:www\.)?rfc-editor\.org|stackoverflow\.com)$/i;
/** The URL sits in a message for a person: an error, a log line, help text, a print. */
const MESSAGE =
  /\b(?:raise|throw|panic!?|bail!|anyhow!|ensure!|Error|Exception|errors\.New|fmt\.Errorf|log\w*\.\w+|logger\.\w+|console\.\w+|print\w*|eprintln!|println!|format!|warn\w*|help|description|usage|message|msg|hint|echo|Write-Host)\b/i;

/**
 * The URL is a pattern that validates addresses, not one the code calls: a regex escape ends its host or path
 * (`https://github\.com/...`), or a regex-building call or a pattern field before it on the line (`re.compile(`, `new RegExp(`,
 * `pattern=`, `regexp.MustCompile(`, `Regex::new(`).
 */
const PATTERN_BEFORE =
  /\b(?:re\.(?:compile|match|search|fullmatch|sub|split|findall|finditer)|RegExp|regexp\.(?:MustCompile|Compile|MatchString)|Regex::new|Regex|Pattern\.compile|pattern|regex|regexp)\s*[(=:]\s*[rbu]?["'`]?[^"'`]*["'`]?$/i;

function isPattern(code: string, url: RegExpExecArray): boolean {
  const tail = code.slice(url.index + url[0].length);
  if (/^\\{1,2}[./dwsS?]/.test(tail)) return true;
  return PATTERN_BEFORE.test(code.slice(0, url.index));
}

export const endpointRules: RuleFamily = {
  name: 'endpoints',
  rules: [ENDPOINT],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (!file.cls.source) continue;
      const before = removedEndpoints(file.removed.map((l) => l.code));
      for (const l of file.added) {
        const code = l.code;
        if (!code.includes('://') && !/\d\.\d/.test(code)) continue;
        const url = URL.exec(code);
        if (url && (DOC_HOST.test(url[1]) || MESSAGE.test(code.slice(0, url.index)) || isPattern(code, url))) continue;
        // A host built from values (`https://${port}-${host}/cb`) comes from configuration, not from the source.
        // The same address moved on (a release tag, an API version): it was hard-coded before the change.
        if (url && before.has(endpointKey(url[0]))) continue;
        if (url && !HARMLESS_HOST.test(url[1]) && !/^[$%{]/.test(url[1])) {
          const insecure = /^(?:http|ws|ftp):/i.test(url[0]);
          sink.line(
            ENDPOINT,
            file,
            l,
            'new',
            insecure ? 'medium' : 'low',
            `added ${quote(url[0], 60)}${insecure ? ' over plain text' : ''}`,
          );
          continue;
        }
        const ip = url ? null : IPV4.exec(code);
        if (
          ip &&
          validIp(ip[1]) &&
          !HARMLESS_HOST.test(ip[1]) &&
          !/version|ver\b|v\s*$/i.test(code.slice(0, ip.index))
        ) {
          sink.line(ENDPOINT, file, l, 'new', 'low', `added IP address ${ip[1]}`);
        }
      }
    }
  },
};

function validIp(ip: string): boolean {
  const parts = ip.split('.').map(Number);
  return parts.every((p) => p <= 255) && !ip.startsWith('255.') && ip !== '0.0.0.0';
}

/**
 * What identifies an address across a version move: the host and the first two path segments (a repository's
 * owner and name, an API's name), so `…/python-build-standalone/20260807/…` and `…/20260814/…` are one address.
 */
function endpointKey(url: string): string {
  const m = /^[a-z][\w+.-]*:\/\/([^/?#\s]+)((?:\/[^/?#\s]*){0,2})/i.exec(url);
  return m ? `${m[1].toLowerCase()}${m[2]}` : url;
}

function removedEndpoints(lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const code of lines) {
    if (!code.includes('://')) continue;
    const url = URL.exec(code);
    if (url) out.add(endpointKey(url[0]));
  }
  return out;
}
