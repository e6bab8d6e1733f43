/**
 * git-ai authorship logs (git-ai-project/git-ai, notes on `refs/notes/ai`), read as hostile input and turned into our
 * record (foreignRecord.ts). The fields relied on, from git-ai's published "Git AI Standard v3.0.0" and its
 * serializer (docs/foreign-records.md has the full list):
 *
 * authorship/3.0.0, text: an attestation section, a line that is exactly `---`, then a JSON metadata object.
 *   - A file line starts at column 0: the repository path, wrapped in `"` when it holds whitespace (no escapes).
 *   - An entry line is two spaces, a key, one space, ranges `N` or `N-M` joined by commas (1-based, inclusive, at
 *     the annotated commit). Within a file a later entry wins a line over an earlier one.
 *   - Keys: `s_<hex>::t_<hex>` (AI session: look up the part before `::` in `metadata.sessions`), `h_<hex>` (a known
 *     human: lines stay human), bare hex of 7-16 digits (legacy AI prompt: `metadata.prompts`).
 *   - metadata: `schema_version` "authorship/3.0.0", `git_ai_version`, `sessions` / `prompts` whose records have
 *     `agent_id` {`tool`, `id`, `model`}. Lines no key covers are untracked (unknown), which we read as human.
 * authorship/0.0.1, JSON (older git-ai; also found as blobs under `refs/ai/authorship/<commit>`):
 *   `{"files": {PATH: {"file": PATH, "authors": [{"author": NAME, "lines": [N | [S, E]], "agent_metadata":
 *   {"model", "human_author"} | null}]}}, "schema_version": "authorship/0.0.1"}` (early logs omit schema_version).
 *   It names humans and AI alike as `author`: an entry is AI when it has `agent_metadata` or its author names a
 *   known AI tool or model; other authors stay human (counted, not attributed).
 */
import { knownToolForAgentName } from '../commit/knownTools';
import { repoPathProblem } from '../commit/lines';
import {
  FOREIGN_LIMITS,
  ForeignLimitError,
  SkipLog,
  buildForeignRecord,
  cleanForeignText,
  type ForeignConversationDraft,
  type ForeignConversion,
  type ForeignLimits,
} from './foreignRecord';

const GIT_AI_TOOL = 'git-ai';
const V3 = /^authorship\/3\.\d+\.\d+$/;
const V0 = 'authorship/0.0.1';
const SESSION_KEY = /^(s_[0-9a-f]{1,64})::t_[0-9a-f]{1,64}$/;
const HUMAN_KEY = /^h_[0-9a-f]{1,64}$/;
const PROMPT_KEY = /^[0-9a-f]{7,16}$/;
const RANGE_PART = /^(\d{1,10})(?:-(\d{1,10}))?$/;
/** Names a 0.0.1 `author` may carry for AI besides the tools knownTools recognises. */
const AI_AUTHOR = /^(?:o\d(?:-\w+)?|gpt[-\w.]*|gemini[-\w. ]*|windsurf|devin|cody|amp|opencode|droid|codeium|ai)$/i;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `obj[key]` only when it is the object's own property (a key like "__proto__" must not reach the prototype). */
function own(obj: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

class Budget {
  ranges = 0;
  lines = 0;
  constructor(readonly limits: ForeignLimits) {}
  take(start: number, end: number): void {
    if (++this.ranges > this.limits.maxRanges) throw new ForeignLimitError(`more than ${this.limits.maxRanges} ranges`);
    this.lines += end - start + 1;
    if (this.lines > this.limits.maxTotalLines)
      throw new ForeignLimitError(`ranges cover more than ${this.limits.maxTotalLines} lines`);
  }
}

/** `1-4,9,12-20` -> ranges, or a problem. */
function parseRangeList(text: string, limits: ForeignLimits): Array<[number, number]> | string {
  const out: Array<[number, number]> = [];
  for (const part of text.split(',')) {
    if (part === '') continue;
    const m = RANGE_PART.exec(part);
    if (!m) return `bad line range ${JSON.stringify(part.slice(0, 40))}`;
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    if (start < 1) return 'line 0 (lines are 1-based)';
    if (end < start) return `range ${start}-${end} ends before it starts`;
    if (end > limits.maxLine) return `line beyond ${limits.maxLine}`;
    out.push([start, end]);
  }
  return out.length > 0 ? out : 'no line ranges';
}

interface AgentFacts {
  readonly tool: string;
  readonly model?: string;
  readonly session?: string;
}

function agentFacts(record: unknown, where: string, log: SkipLog): AgentFacts | undefined {
  if (!isObject(record)) return undefined;
  const agent = record.agent_id;
  if (!isObject(agent)) {
    log.add(`${where}: no agent_id; read as an unknown AI tool`);
    return { tool: 'unknown' };
  }
  const tool = cleanForeignText(agent.tool, `${where}.agent_id.tool`, 100, log) ?? 'unknown';
  const model = cleanForeignText(agent.model, `${where}.agent_id.model`, 250, log);
  const session = cleanForeignText(agent.id, `${where}.agent_id.id`, 1024, log);
  return { tool, ...(model !== undefined ? { model } : {}), ...(session !== undefined ? { session } : {}) };
}

function pathOf(raw: string, where: string, log: SkipLog): string | undefined {
  const path = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  const problem = repoPathProblem(path);
  if (problem) {
    log.add(`${where}: ${problem} (${JSON.stringify(path.slice(0, 80))}); its entries left out`);
    return undefined;
  }
  return path;
}

interface Entry {
  readonly key: string;
  readonly ranges: Array<[number, number]>;
}

/** Per file, the lines each entry keeps once later entries took theirs ("latest wins"). */
function resolveOverlaps(entries: readonly Entry[]): Entry[] {
  const all = entries.flatMap((e) => e.ranges).sort((a, b) => a[0] - b[0]);
  let overlap = false;
  for (let i = 1; i < all.length && !overlap; i++) overlap = all[i][0] <= all[i - 1][1];
  if (!overlap) return [...entries];
  // Rare: walk entries newest first, each keeping only lines no newer entry claimed (bounded by the line budget).
  const claimed = new Set<number>();
  const out: Entry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const kept: Array<[number, number]> = [];
    for (const [s, e] of entries[i].ranges) {
      let open: number | undefined;
      for (let line = s; line <= e + 1; line++) {
        const free = line <= e && !claimed.has(line);
        if (free && open === undefined) open = line;
        if (!free && open !== undefined) {
          kept.push([open, line - 1]);
          open = undefined;
        }
      }
      for (let line = s; line <= e; line++) claimed.add(line);
    }
    out.unshift({ key: entries[i].key, ranges: kept });
  }
  return out;
}

function parseV3(
  text: string,
  divider: number,
  commit: string,
  time: number,
  limits: ForeignLimits,
): ForeignConversion {
  const log = new SkipLog(limits.maxMessages);
  const budget = new Budget(limits);
  // Metadata first: attestation keys are resolved through it.
  let meta: Json | undefined;
  const lineEnd = text.indexOf('\n', divider);
  const metaText = lineEnd < 0 ? '' : text.slice(lineEnd + 1);
  try {
    const parsed: unknown = JSON.parse(metaText);
    if (!isObject(parsed)) throw new Error('not an object');
    meta = parsed;
  } catch (err) {
    log.add(
      `metadata after --- is not a JSON object (${err instanceof Error ? err.message : String(err)}): AI lines kept with tool "unknown"`,
    );
  }
  const version = meta?.schema_version;
  if (meta && (typeof version !== 'string' || !V3.test(version)))
    return {
      rejected: `unsupported git-ai schema_version ${JSON.stringify(typeof version === 'string' ? version.slice(0, 40) : (version ?? null))} (read: authorship/3.x.y and authorship/0.0.1)`,
      skipped: log.list(),
      aiLines: 0,
    };
  const sessions = isObject(meta?.sessions) ? meta.sessions : {};
  const prompts = isObject(meta?.prompts) ? meta.prompts : {};
  const gitAiVersion = cleanForeignText(meta?.git_ai_version, 'git_ai_version', 100, log);

  // Attestation section, line by line without splitting the whole text at once.
  const files: Array<{ path?: string; where: string; entries: Entry[] }> = [];
  let lineNo = 0;
  for (let at = 0; at < divider;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 || nl > divider ? divider : nl;
    const line = text.slice(at, end).replace(/\s+$/, '');
    at = end + 1;
    if (++lineNo > limits.maxLines)
      throw new ForeignLimitError(`attestation section longer than ${limits.maxLines} lines`);
    if (line === '') continue;
    const where = `line ${lineNo}`;
    if (line.startsWith('  ')) {
      const current = files[files.length - 1];
      if (!current) {
        log.add(`${where}: entry before any file path; left out`);
        continue;
      }
      if (current.path === undefined) continue; // the file was refused, reason given once
      const body = line.slice(2);
      const space = body.indexOf(' ');
      if (space <= 0) {
        log.add(`${where}: entry without line ranges; left out`);
        continue;
      }
      const key = body.slice(0, space);
      if (key === 'human') continue; // git-ai's internal id for human edits, seen in real notes: lines stay human
      if (!SESSION_KEY.test(key) && !HUMAN_KEY.test(key) && !PROMPT_KEY.test(key) && !isObject(own(prompts, key))) {
        log.add(`${where}: unknown attestation key ${JSON.stringify(key.slice(0, 40))} (no prompt record); left out`);
        continue;
      }
      const ranges = parseRangeList(body.slice(space + 1), limits);
      if (typeof ranges === 'string') {
        log.add(`${where}: ${ranges}; entry left out`);
        continue;
      }
      for (const [s, e] of ranges) budget.take(s, e);
      current.entries.push({ key, ranges });
    } else {
      if (files.length >= limits.maxFiles) throw new ForeignLimitError(`more than ${limits.maxFiles} files`);
      const path = pathOf(line, where, log);
      files.push({ ...(path !== undefined ? { path } : {}), where, entries: [] });
    }
  }

  const byPath = new Map<string, ForeignConversationDraft[]>();
  const unresolved = new Set<string>();
  for (const file of files) {
    if (file.path === undefined) continue;
    const drafts = byPath.get(file.path) ?? [];
    byPath.set(file.path, drafts);
    const byKey = new Map<string, ForeignConversationDraft>();
    for (const d of drafts) byKey.set(`${d.tool}\u0000${d.model ?? ''}\u0000${d.session ?? ''}`, d);
    for (const entry of resolveOverlaps(file.entries)) {
      if (HUMAN_KEY.test(entry.key)) continue; // a known human: these lines stay human
      const session = SESSION_KEY.exec(entry.key)?.[1];
      const source = session !== undefined ? own(sessions, session) : own(prompts, entry.key);
      let facts: AgentFacts | undefined;
      if (meta) {
        facts = agentFacts(source, session !== undefined ? `sessions.${session}` : `prompts.${entry.key}`, log);
        if (!facts) unresolved.add(entry.key);
      }
      const f = facts ?? { tool: 'unknown' };
      const tool = `${GIT_AI_TOOL}: ${f.tool}`;
      const k = `${tool}\u0000${f.model ?? ''}\u0000${f.session ?? ''}`;
      let draft = byKey.get(k);
      if (!draft) {
        draft = {
          tool,
          kind: 'agent',
          ...(f.model !== undefined ? { model: f.model } : {}),
          ...(f.session !== undefined ? { session: f.session } : {}),
          ranges: [],
        };
        byKey.set(k, draft);
        drafts.push(draft);
      }
      for (const r of entry.ranges) draft.ranges.push(r); // not push(...): an entry may hold more ranges than a call takes arguments
    }
  }
  if (unresolved.size > 0) {
    // Normal in real logs (a prompt recorded on another commit): the lines are AI, the tool is not named here.
    const first = [...unresolved].slice(0, 3).join(', ');
    log.add(
      `${unresolved.size} key(s) without a session or prompt record (${first}${unresolved.size > 3 ? ', …' : ''}): their lines read as AI of an unknown tool`,
    );
  }
  return finish(commit, time, gitAiVersion, byPath, log, typeof version === 'string' ? version : 'authorship/3.0.0');
}

function parseV0(value: Json, commit: string, time: number, limits: ForeignLimits): ForeignConversion {
  const log = new SkipLog(limits.maxMessages);
  const budget = new Budget(limits);
  const version = value.schema_version;
  if (version !== undefined && version !== V0)
    return {
      rejected: `unsupported git-ai schema_version ${JSON.stringify(typeof version === 'string' ? version.slice(0, 40) : version)} (read: authorship/3.x.y and authorship/0.0.1)`,
      skipped: [],
      aiLines: 0,
    };
  if (!isObject(value.files))
    return { rejected: 'git-ai authorship/0.0.1 log without a "files" object', skipped: [], aiLines: 0 };
  const entries = Object.entries(value.files);
  if (entries.length > limits.maxFiles) throw new ForeignLimitError(`more than ${limits.maxFiles} files`);
  const byPath = new Map<string, ForeignConversationDraft[]>();
  for (const [key, file] of entries) {
    const where = `files[${JSON.stringify(key.slice(0, 80))}]`;
    const path = pathOf(key, where, log);
    if (path === undefined) continue;
    if (!isObject(file) || !Array.isArray(file.authors)) {
      log.add(`${where}: no "authors" list; left out`);
      continue;
    }
    if (file.file !== undefined && file.file !== key) {
      log.add(`${where}: "file" names another path; left out`);
      continue;
    }
    if (file.authors.length > limits.maxRanges) throw new ForeignLimitError(`more than ${limits.maxRanges} authors`);
    const drafts: ForeignConversationDraft[] = [];
    file.authors.forEach((author: unknown, i) => {
      const at = `${where}.authors[${i}]`;
      if (!isObject(author)) return log.add(`${at}: not an object; left out`);
      const name = cleanForeignText(author.author, `${at}.author`, 200, log);
      const meta = isObject(author.agent_metadata) ? author.agent_metadata : undefined;
      const isAi =
        meta !== undefined ||
        (name !== undefined && (knownToolForAgentName(name) !== undefined || AI_AUTHOR.test(name.trim())));
      if (!isAi) return; // a person (0.0.1 names people and AI alike): these lines stay human
      if (!Array.isArray(author.lines)) return log.add(`${at}: no "lines" list; left out`);
      if (author.lines.length > limits.maxRanges) throw new ForeignLimitError(`more than ${limits.maxRanges} ranges`);
      const ranges: Array<[number, number]> = [];
      for (const item of author.lines as unknown[]) {
        const pair: unknown[] = Array.isArray(item) ? item : [item, item];
        const [s, e] = pair;
        if (
          pair.length !== 2 ||
          !Number.isInteger(s) ||
          !Number.isInteger(e) ||
          (s as number) < 1 ||
          (e as number) < (s as number) ||
          (e as number) > limits.maxLine
        ) {
          log.add(`${at}.lines: bad line or range ${JSON.stringify(item)?.slice(0, 40)}; left out`);
          continue;
        }
        budget.take(s as number, e as number);
        ranges.push([s as number, e as number]);
      }
      const model = meta ? cleanForeignText(meta.model, `${at}.agent_metadata.model`, 250, log) : undefined;
      drafts.push({
        tool: `${GIT_AI_TOOL}: ${name ?? 'unknown'}`,
        kind: 'agent',
        ...(model !== undefined ? { model } : {}),
        ranges,
      });
    });
    byPath.set(path, drafts);
  }
  return finish(commit, time, undefined, byPath, log, V0);
}

function finish(
  commit: string,
  time: number,
  version: string | undefined,
  byPath: ReadonlyMap<string, ForeignConversationDraft[]>,
  log: SkipLog,
  format: string,
): ForeignConversion {
  const { record, aiLines } = buildForeignRecord(
    commit,
    time,
    { name: GIT_AI_TOOL, ...(version ? { version } : {}) },
    byPath,
  );
  return { ...(aiLines > 0 ? { record } : {}), skipped: log.list(), format, aiLines };
}

/**
 * Reads one git-ai authorship log attached to `commit` (line numbers refer to it). `time` (ms) dates the record.
 * Never throws: a note beyond the bounds or in no known form is `rejected`; bad entries are `skipped`.
 */
export function parseGitAiLog(
  text: string,
  commit: string,
  time = 0,
  limits: ForeignLimits = FOREIGN_LIMITS,
): ForeignConversion {
  if (text.length > limits.maxChars)
    return { rejected: `git-ai note of ${text.length} characters exceeds ${limits.maxChars}`, skipped: [], aiLines: 0 };
  try {
    const start = text.search(/\S/);
    if (start >= 0 && text[start] === '{') {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        return {
          rejected: `git-ai note is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
          skipped: [],
          aiLines: 0,
        };
      }
      if (!isObject(value)) return { rejected: 'git-ai note is not a JSON object', skipped: [], aiLines: 0 };
      return parseV0(value, commit, time, limits);
    }
    const divider = /^---\r?$/m.exec(text);
    if (!divider)
      return {
        rejected: 'not a git-ai authorship log (no "---" line before the metadata, and not authorship/0.0.1 JSON)',
        skipped: [],
        aiLines: 0,
      };
    return parseV3(text, divider.index, commit, time, limits);
  } catch (err) {
    if (err instanceof ForeignLimitError)
      return { rejected: `git-ai note refused: ${err.message}`, skipped: [], aiLines: 0 };
    throw err;
  }
}
