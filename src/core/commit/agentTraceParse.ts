/**
 * Reads an Agent Trace record back from untrusted text (a git note, a file from another tool). Everything is
 * checked against the v0.1.0 schema rules plus our own bounds, paths are confined to the repository, and only the
 * fields we understand are kept (other vendors' metadata is dropped).
 */
import { isOriginKind } from '../attribution/origin';
import {
  METADATA_KEY,
  MODEL_ID_MAX,
  REVISION_MAX,
  SESSION_MAX,
  TOOL_MAX,
  type AgentTraceContributor,
  type AgentTraceConversation,
  type AgentTraceFile,
  type AgentTraceRange,
  type AgentTraceRecord,
  type ContributorType,
  type ProvenanceConversationFacts,
  type VcsType,
} from './agentTrace';
import { gitPathProblem } from './lines';

export interface ParseLimits {
  /** Length of the JSON text. */
  readonly maxChars: number;
  readonly maxFiles: number;
  /** Conversations over all files. */
  readonly maxConversations: number;
  /** Ranges over all conversations. */
  readonly maxRanges: number;
  /** Highest line number accepted. */
  readonly maxLine: number;
  /** Sum of range lengths: bounds what reading the record back into lines allocates. */
  readonly maxTotalLines: number;
}

const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxChars: 16 * 1024 * 1024,
  maxFiles: 20_000,
  maxConversations: 100_000,
  maxRanges: 500_000,
  maxLine: 5_000_000,
  maxTotalLines: 5_000_000,
};

export class AgentTraceParseError extends Error {
  constructor(
    /** JSON-path-like location of the problem, e.g. `files[3].conversations[0].ranges[2]`. */
    readonly where: string,
    problem: string,
  ) {
    super(`invalid Agent Trace record at ${where}: ${problem}`);
    this.name = 'AgentTraceParseError';
  }
}

/** A size bound was exceeded: the whole record is refused (a hostile note must not cost more by being split). */
class AgentTraceLimitError extends AgentTraceParseError {}

const SUPPORTED_VERSION = /^0\.1\.\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const VCS_TYPES: readonly VcsType[] = ['git', 'jj', 'hg', 'svn'];
const CONTRIBUTOR_TYPES: readonly ContributorType[] = ['human', 'ai', 'mixed', 'unknown'];
const URL_MAX = 2048;

type Json = Record<string, unknown>;

/** RFC 3339 `date-time` with every field in range (Date.parse alone rolls Feb 30 over into March). */
function isRfc3339(text: string): boolean {
  const m = RFC3339.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offH, offM] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offH <= 23 &&
    offM <= 59
  );
}

class Reader {
  conversations = 0;
  ranges = 0;
  totalLines = 0;
  constructor(readonly limits: ParseLimits) {}

  fail(where: string, problem: string): never {
    throw new AgentTraceParseError(where, problem);
  }

  limit(where: string, problem: string): never {
    throw new AgentTraceLimitError(where, problem);
  }

  object(value: unknown, where: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(where, 'expected an object');
    return value as Json;
  }

  array(value: unknown, where: string, max: number): unknown[] {
    if (!Array.isArray(value)) this.fail(where, 'expected an array');
    if (value.length > max) this.limit(where, `more than ${max} entries`);
    return value;
  }

  string(value: unknown, where: string, max: number): string {
    if (typeof value !== 'string') this.fail(where, 'expected a string');
    if (value.length > max) this.fail(where, `longer than ${max} characters`);
    return value;
  }

  optionalString(value: unknown, where: string, max: number): string | undefined {
    return value === undefined ? undefined : this.string(value, where, max);
  }

  line(value: unknown, where: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      this.fail(where, 'expected an integer >= 1');
    if (value > this.limits.maxLine) this.fail(where, `line beyond ${this.limits.maxLine}`);
    return value;
  }

  uri(value: unknown, where: string): string {
    const text = this.string(value, where, URL_MAX);
    // eslint-disable-next-line no-control-regex
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s\u0000-\u001f\u007f]*$/.test(text)) this.fail(where, 'expected a URI');
    return text;
  }

  contributor(value: unknown, where: string): AgentTraceContributor {
    const c = this.object(value, where);
    const type = c.type;
    if (!CONTRIBUTOR_TYPES.includes(type as ContributorType))
      this.fail(`${where}.type`, `expected one of ${CONTRIBUTOR_TYPES.join(', ')}`);
    const model = this.optionalString(c.model_id, `${where}.model_id`, MODEL_ID_MAX);
    return model === undefined ? { type: type as ContributorType } : { type: type as ContributorType, model_id: model };
  }

  range(value: unknown, where: string): AgentTraceRange {
    const r = this.object(value, where);
    const start = this.line(r.start_line, `${where}.start_line`);
    const end = this.line(r.end_line, `${where}.end_line`);
    if (end < start) this.fail(where, `end_line ${end} before start_line ${start}`);
    this.totalLines += end - start + 1;
    if (this.totalLines > this.limits.maxTotalLines)
      this.limit(where, `ranges cover more than ${this.limits.maxTotalLines} lines`);
    const hash = this.optionalString(r.content_hash, `${where}.content_hash`, 256);
    const contributor =
      r.contributor === undefined ? undefined : this.contributor(r.contributor, `${where}.contributor`);
    return {
      start_line: start,
      end_line: end,
      ...(hash !== undefined ? { content_hash: hash } : {}),
      ...(contributor ? { contributor } : {}),
    };
  }

  conversation(value: unknown, where: string): AgentTraceConversation {
    if (++this.conversations > this.limits.maxConversations)
      this.limit(where, `more than ${this.limits.maxConversations} conversations`);
    const c = this.object(value, where);
    const url = c.url === undefined ? undefined : this.uri(c.url, `${where}.url`);
    const contributor =
      c.contributor === undefined ? undefined : this.contributor(c.contributor, `${where}.contributor`);
    const rawRanges = this.array(c.ranges, `${where}.ranges`, this.limits.maxRanges);
    this.ranges += rawRanges.length;
    if (this.ranges > this.limits.maxRanges)
      this.limit(`${where}.ranges`, `more than ${this.limits.maxRanges} ranges in the record`);
    const ranges = rawRanges.map((r, i) => this.range(r, `${where}.ranges[${i}]`));
    const related =
      c.related === undefined
        ? undefined
        : this.array(c.related, `${where}.related`, 1000).map((rel, i) => {
            const o = this.object(rel, `${where}.related[${i}]`);
            return {
              type: this.string(o.type, `${where}.related[${i}].type`, 256),
              url: this.uri(o.url, `${where}.related[${i}].url`),
            };
          });
    return {
      ...(url ? { url } : {}),
      ...(contributor ? { contributor } : {}),
      ranges,
      ...(related ? { related } : {}),
    };
  }

  file(value: unknown, where: string): AgentTraceFile {
    const f = this.object(value, where);
    const path = this.string(f.path, `${where}.path`, 4096);
    const problem = gitPathProblem(path);
    if (problem) this.fail(`${where}.path`, problem);
    const conversations = this.array(f.conversations, `${where}.conversations`, this.limits.maxConversations).map(
      (c, i) => this.conversation(c, `${where}.conversations[${i}]`),
    );
    return { path, conversations };
  }

  /** `kept[i]`: the new index of file entry i, or -1 when it was dropped as invalid (its facts go with it). */
  facts(value: unknown, files: readonly AgentTraceFile[], kept: readonly number[]): ProvenanceConversationFacts[] {
    const where = `metadata["${METADATA_KEY}"]`;
    const m = this.object(value, where);
    const seen = new Set<string>();
    const raws = this.array(m.conversations, `${where}.conversations`, this.limits.maxConversations).filter((raw) => {
      const file = (raw as Json | null)?.file;
      return !(typeof file === 'number' && Number.isInteger(file) && file >= 0 && file < kept.length && kept[file] < 0);
    });
    return raws.map((raw, i) => {
      const at = `${where}.conversations[${i}]`;
      const f = this.object(raw, at);
      const original = f.file;
      const file =
        typeof original === 'number' && Number.isInteger(original) && original >= 0 && original < kept.length
          ? kept[original]
          : -1;
      const conversation = f.conversation;
      if (typeof file !== 'number' || !Number.isInteger(file) || file < 0 || file >= files.length)
        this.fail(`${at}.file`, 'no such file');
      if (
        typeof conversation !== 'number' ||
        !Number.isInteger(conversation) ||
        conversation < 0 ||
        conversation >= files[file].conversations.length
      ) {
        this.fail(`${at}.conversation`, 'no such conversation');
      }
      if (seen.has(`${file}/${conversation}`)) this.fail(at, 'conversation described twice');
      seen.add(`${file}/${conversation}`);
      if (!isOriginKind(f.kind)) this.fail(`${at}.kind`, 'unknown origin kind');
      const tool = this.string(f.tool, `${at}.tool`, TOOL_MAX);
      const session = this.optionalString(f.session, `${at}.session`, SESSION_MAX);
      if (typeof f.time !== 'number' || !Number.isFinite(f.time)) this.fail(`${at}.time`, 'expected a finite number');
      return { file, conversation, kind: f.kind, tool, ...(session !== undefined ? { session } : {}), time: f.time };
    });
  }
}

/**
 * Parses and validates a record (JSON text or an already parsed value). Throws `AgentTraceParseError` naming the
 * first problem of the record itself; a file entry that is invalid (a path outside the repository, a bad range) is
 * left out with its metadata, and its problem pushed to `problems`, so one bad entry does not cost the others.
 * Accepts spec versions 0.1.x.
 */
export function parseAgentTrace(
  input: unknown,
  limits: Partial<ParseLimits> = {},
  problems?: string[],
): AgentTraceRecord {
  const reader: Reader = new Reader({ ...DEFAULT_PARSE_LIMITS, ...limits });
  let value = input;
  if (typeof input === 'string') {
    if (input.length > reader.limits.maxChars)
      reader.fail('$', `text longer than ${reader.limits.maxChars} characters`);
    try {
      value = JSON.parse(input);
    } catch (err) {
      reader.fail('$', `not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  const r = reader.object(value, '$');
  const version = reader.string(r.version, 'version', 32);
  if (!SUPPORTED_VERSION.test(version))
    reader.fail('version', `unsupported version ${JSON.stringify(version)} (expected 0.1.x)`);
  const id = reader.string(r.id, 'id', 64);
  if (!UUID.test(id)) reader.fail('id', 'expected a UUID');
  const timestamp = reader.string(r.timestamp, 'timestamp', 64);
  if (!isRfc3339(timestamp)) reader.fail('timestamp', 'expected an RFC 3339 date-time');
  let vcs: AgentTraceRecord['vcs'];
  if (r.vcs !== undefined) {
    const v = reader.object(r.vcs, 'vcs');
    if (!VCS_TYPES.includes(v.type as VcsType)) reader.fail('vcs.type', `expected one of ${VCS_TYPES.join(', ')}`);
    vcs = { type: v.type as VcsType, revision: reader.string(v.revision, 'vcs.revision', REVISION_MAX) };
  }
  let tool: AgentTraceRecord['tool'];
  if (r.tool !== undefined) {
    const t = reader.object(r.tool, 'tool');
    const name = reader.optionalString(t.name, 'tool.name', TOOL_MAX);
    const version = reader.optionalString(t.version, 'tool.version', TOOL_MAX);
    tool = { ...(name !== undefined ? { name } : {}), ...(version !== undefined ? { version } : {}) };
  }
  const files: AgentTraceFile[] = [];
  const kept: number[] = [];
  for (const [i, f] of reader.array(r.files, 'files', reader.limits.maxFiles).entries()) {
    try {
      files.push(reader.file(f, `files[${i}]`));
      kept.push(files.length - 1);
    } catch (err) {
      if (!(err instanceof AgentTraceParseError) || err instanceof AgentTraceLimitError) throw err;
      kept.push(-1);
      problems?.push(`file entry left out: ${err.message}`);
    }
  }
  let metadata: AgentTraceRecord['metadata'];
  if (r.metadata !== undefined) {
    const m = reader.object(r.metadata, 'metadata');
    if (Object.prototype.hasOwnProperty.call(m, METADATA_KEY)) {
      metadata = { [METADATA_KEY]: { conversations: reader.facts(m[METADATA_KEY], files, kept) } };
    }
  }
  return {
    version,
    id,
    timestamp,
    ...(vcs ? { vcs } : {}),
    ...(tool ? { tool } : {}),
    files,
    ...(metadata ? { metadata } : {}),
  };
}
