/**
 * Commit trailers describing the AI share of a commit. Only lines this commit ADDED count: pre-existing AI lines in a
 * touched file say nothing about this commit. Never writes `Signed-off-by` (an AI must not sign off).
 */
import { ORIGIN_KINDS, type Origin, type OriginKind } from '../attribution/origin';
import {
  GENERIC_CO_AUTHOR_EMAIL,
  KNOWN_TOOLS,
  knownToolForCoAuthorName,
  knownToolForEmail,
  knownToolForOriginTool,
  type KnownTool,
} from './knownTools';
import { isAiClass, uniqueOrigins, type CommittedFile } from './lines';
import { parseTrailers, sameTrailer, type Trailer } from './message';

export type { Trailer } from './message';

export type TrailerPreset = 'kernel' | 'co-authored-by' | 'summary' | 'none';
const TRAILER_PRESETS: readonly TrailerPreset[] = ['kernel', 'co-authored-by', 'summary', 'none'];
export const DEFAULT_TRAILER_PRESETS: readonly TrailerPreset[] = ['kernel', 'summary'];

const ASSISTED_BY = 'Assisted-by';
const CO_AUTHORED_BY = 'Co-authored-by';
export const SUMMARY_KEY = 'AI-Assisted';
export const TRAILER_VALUE_MAX = 200;

/** What the `summary` trailer counts: added lines holding any AI character (ai + mixed). */
export interface AddedLineSummary {
  readonly added: number;
  /** Added lines classified `ai` or `mixed`. */
  readonly ai: number;
  /** Of those, how many are `mixed`. */
  readonly mixed: number;
  /** Each counted line once, under the kind of its most recent origin (ties: ORIGIN_KINDS order). */
  readonly byKind: Readonly<Partial<Record<OriginKind, number>>>;
}

export function summarizeAddedLines(files: readonly CommittedFile[]): AddedLineSummary {
  let added = 0;
  let ai = 0;
  let mixed = 0;
  const byKind: Partial<Record<OriginKind, number>> = {};
  for (const file of files) {
    for (const line of file.lines) {
      if (!line.added) continue;
      added++;
      if (!isAiClass(line.cls) || line.origins.length === 0) continue;
      ai++;
      if (line.cls === 'mixed') mixed++;
      const kind = latestOrigin(line.origins).kind;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
  }
  return { added, ai, mixed, byKind };
}

function latestOrigin(origins: readonly Origin[]): Origin {
  let best = origins[0];
  for (const o of origins) {
    if (
      o.time > best.time ||
      (o.time === best.time && ORIGIN_KINDS.indexOf(o.kind) < ORIGIN_KINDS.indexOf(best.kind))
    ) {
      best = o;
    }
  }
  return best;
}

/** Whole percent, but never 0% for some AI nor 100% for not-all: the trailer must not understate or overstate. */
function percent(part: number, whole: number): number {
  const p = Math.round((100 * part) / whole);
  if (part > 0 && p === 0) return 1;
  if (part < whole && p === 100) return 99;
  return p;
}

export function formatSummary(summary: AddedLineSummary): string {
  const kinds = ORIGIN_KINDS.filter((k) => (summary.byKind[k] ?? 0) > 0).map((k) => `${k} ${summary.byKind[k]}`);
  return `${percent(summary.ai, summary.added)}% of added lines (${summary.ai}/${summary.added}; ${kinds.join(', ')})`;
}

const SUMMARY_VALUE = /^(?:100|[1-9]?\d)% of added lines \(\d+\/\d+(?:; [^)]*)?\)$/;

/** Replaces newlines and control characters, collapses whitespace and bounds the length. */
function sanitizeTrailerValue(value: string): string {
  const flat = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > TRAILER_VALUE_MAX ? flat.slice(0, TRAILER_VALUE_MAX - 3).trimEnd() + '...' : flat;
}

/** A token for the kernel `AGENT:MODEL` form: no spaces or colons (spaces separate extra tools there). */
function kernelToken(text: string): string {
  return text
    .trim()
    .replace(/[\s:]+/g, '-')
    .replace(/[^A-Za-z0-9._+-]/g, '')
    .slice(0, 80);
}

function agentName(tool: string): string {
  return knownToolForOriginTool(tool)?.agent ?? (kernelToken(tool) || 'unknown');
}

/** `provider/model` -> `model`: the kernel example writes `Claude:claude-3-opus`. */
function modelVersion(model: string): string {
  return kernelToken(model.slice(model.lastIndexOf('/') + 1));
}

function kernelTrailers(origins: readonly Origin[]): Trailer[] {
  const modelsByAgent = new Map<string, Set<string>>();
  for (const o of origins) {
    const agent = agentName(o.tool);
    const models = modelsByAgent.get(agent) ?? new Set<string>();
    modelsByAgent.set(agent, models);
    const model = o.model ? modelVersion(o.model) : '';
    if (model) models.add(model);
  }
  const values: string[] = [];
  for (const [agent, models] of modelsByAgent) {
    // An agent with known models needs no extra bare line: it would say less than the ones with a model.
    if (models.size === 0) values.push(agent);
    for (const model of models) values.push(`${agent}:${model}`);
  }
  return sortValues(values).map((value) => ({ key: ASSISTED_BY, value }));
}

/** `claude-opus-4-5-20251101` -> `Opus 4.5`; `claude-3-5-sonnet` -> `3.5 Sonnet` (Claude Code's co-author style). */
function claudeModelName(model: string): string | undefined {
  const id = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  if (!id.startsWith('claude-')) return undefined;
  const tokens = id
    .slice('claude-'.length)
    .split('-')
    .filter((t) => t !== '' && !/^\d{8}$/.test(t) && t !== 'latest');
  const words: string[] = [];
  for (const token of tokens) {
    if (!/^[a-z0-9]+$/.test(token)) return undefined;
    const previous = words[words.length - 1];
    if (/^\d+$/.test(token) && previous !== undefined && /^\d+(?:\.\d+)*$/.test(previous)) {
      words[words.length - 1] = `${previous}.${token}`;
    } else {
      words.push(/^\d/.test(token) ? token : token[0].toUpperCase() + token.slice(1));
    }
  }
  return words.length > 0 ? words.join(' ') : undefined;
}

function coAuthorName(text: string): string {
  return text.replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
}

function coAuthorTrailers(origins: readonly Origin[]): Trailer[] {
  const values = new Set<string>();
  for (const o of origins) {
    const tool = knownToolForOriginTool(o.tool);
    if (!tool) {
      const name = o.tool === 'unknown' ? '' : coAuthorName(o.tool);
      values.add(`${name || 'AI assistant'} <${GENERIC_CO_AUTHOR_EMAIL}>`);
    } else if (tool.id === 'claude') {
      const model = o.model ? claudeModelName(o.model) : undefined;
      values.add(`${model ? `Claude ${model}` : 'Claude'} <${tool.coAuthorEmail}>`);
    } else if (tool.id === 'aider') {
      // aider's own form: `aider (<model>) <aider@aider.chat>`.
      const model = o.model ? coAuthorName(o.model).replace(/[()]/g, '') : '';
      values.add(`${model ? `aider (${model})` : 'aider'} <${tool.coAuthorEmail}>`);
    } else {
      values.add(`${tool.agent} <${tool.coAuthorEmail}>`);
    }
  }
  return sortValues([...values]).map((value) => ({ key: CO_AUTHORED_BY, value }));
}

/** Case-insensitive, then exact: a stable order that does not depend on the host's locale. */
function sortValues(values: string[]): string[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return values.sort((a, b) => cmp(a.toLowerCase(), b.toLowerCase()) || cmp(a, b));
}

/**
 * The trailers for a commit, in preset order then sorted within a preset, deduplicated. `none` anywhere in the list
 * wins: it is an explicit opt-out (e.g. projects that forbid AI trailers). No added AI line -> no trailers.
 */
export function buildTrailers(
  files: readonly CommittedFile[],
  presets: readonly TrailerPreset[] = DEFAULT_TRAILER_PRESETS,
): Trailer[] {
  if (presets.includes('none')) return [];
  const summary = summarizeAddedLines(files);
  if (summary.ai === 0) return [];
  const origins = uniqueOrigins(
    files.flatMap((f) => f.lines.filter((l) => l.added && isAiClass(l.cls)).flatMap((l) => l.origins)),
  );
  const out: Trailer[] = [];
  for (const preset of presets) {
    const made =
      preset === 'kernel'
        ? kernelTrailers(origins)
        : preset === 'co-authored-by'
          ? coAuthorTrailers(origins)
          : preset === 'summary'
            ? [{ key: SUMMARY_KEY, value: formatSummary(summary) }]
            : [];
    for (const t of made) {
      const clean = { key: t.key, value: sanitizeTrailerValue(t.value) };
      if (clean.value !== '' && !out.some((o) => sameTrailer(o, clean))) out.push(clean);
    }
  }
  return out;
}

/** Reads a preset setting: a list or a comma/space separated string. Throws on unknown names; empty -> default. */
export function parseTrailerPresets(setting: unknown): TrailerPreset[] {
  if (setting === undefined || setting === null) return [...DEFAULT_TRAILER_PRESETS];
  const items = typeof setting === 'string' ? setting.split(/[\s,]+/) : setting;
  if (!Array.isArray(items)) throw new TypeError('trailer presets must be a list or a comma-separated string');
  const names = items
    .map((item) => (typeof item === 'string' ? item.trim().toLowerCase() : item))
    .filter((n) => n !== '');
  if (names.length === 0) return [...DEFAULT_TRAILER_PRESETS];
  const out: TrailerPreset[] = [];
  for (const name of names) {
    if (!(TRAILER_PRESETS as readonly unknown[]).includes(name)) {
      throw new RangeError(
        `unknown trailer preset ${JSON.stringify(name)} (expected one of ${TRAILER_PRESETS.join(', ')})`,
      );
    }
    if (!out.includes(name as TrailerPreset)) out.push(name as TrailerPreset);
  }
  return out;
}

/** Our summary trailer (any earlier version of it): the one trailer we may rewrite without losing anyone's words. */
export function isOwnSummaryTrailer(t: Trailer): boolean {
  return t.key.toLowerCase() === SUMMARY_KEY.toLowerCase() && SUMMARY_VALUE.test(t.value.trim());
}

/** True for a trailer in a shape our presets write (summary, `Assisted-by: Agent[:model]`, our co-author lines). */
export function isOwnTrailer(t: Trailer): boolean {
  const key = t.key.toLowerCase();
  if (isOwnSummaryTrailer(t)) return true;
  if (key === ASSISTED_BY.toLowerCase()) return /^[A-Za-z0-9._+-]+(?::[A-Za-z0-9._+-]+)?$/.test(t.value.trim());
  if (key === CO_AUTHORED_BY.toLowerCase()) {
    const email = /<([^<>]+)>\s*$/.exec(t.value)?.[1]?.toLowerCase();
    return email === GENERIC_CO_AUTHOR_EMAIL || KNOWN_TOOLS.some((k) => email === k.coAuthorEmail.toLowerCase());
  }
  return false;
}

/**
 * The known tool a `Co-authored-by` trailer names, by its email or its name. Codex writes
 * `Co-authored-by: Codex <noreply@openai.com>` (openai/codex git attribution), which the identity table may not list.
 */
function coAuthorTool(t: Trailer): KnownTool | undefined {
  if (t.key.toLowerCase() !== CO_AUTHORED_BY.toLowerCase()) return undefined;
  const match = /^(.*?)\s*<([^<>]+)>\s*$/.exec(t.value.trim());
  const name = match?.[1] ?? t.value.trim();
  const email = match?.[2] ?? '';
  const byEmail = email !== '' ? knownToolForEmail(email) : undefined;
  if (byEmail !== undefined) return byEmail;
  const byName = knownToolForCoAuthorName(name);
  if (byName !== undefined) return byName;
  return /^noreply@openai\.com$/i.test(email) && /codex/i.test(name)
    ? KNOWN_TOOLS.find((k) => k.id === 'codex')
    : undefined;
}

export interface TrailerUpdate {
  /** Generated trailers the message does not have yet. */
  readonly add: Trailer[];
  /** Our stale summary trailers to take out first (see `removeTrailers`). */
  readonly remove: Trailer[];
}

/**
 * What to change so a message (e.g. on `--amend`) ends with the generated trailers without duplicates. Existing
 * Assisted-by / Co-authored-by lines stay even when not regenerated: they may be a person's own words.
 */
export function planTrailerUpdate(message: string, generated: readonly Trailer[], commentChar = '#'): TrailerUpdate {
  const existing = parseTrailers(message, commentChar);
  // An agent that writes its own co-author line (Codex, Claude Code, Copilot CLI) has said it: ours for the same tool
  // would be a second line for one co-author, whatever name or model each spells.
  const coAuthoredBy = new Set(existing.map(coAuthorTool).filter((t): t is KnownTool => t !== undefined));
  const add = generated.filter(
    (g) => !existing.some((e) => sameTrailer(e, g)) && !coAuthoredBy.has(coAuthorTool(g) as KnownTool),
  );
  const remove = existing.filter((e) => isOwnSummaryTrailer(e) && !generated.some((g) => sameTrailer(e, g)));
  return { add, remove };
}
