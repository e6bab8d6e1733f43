/**
 * SARIF 2.1.0 logs of external analysers (Semgrep, CodeQL, ESLint's formatter...) read as hostile input: every
 * run's results with rule metadata resolved, levels mapped to our severities and artifact URIs confined to the
 * repository. Which results touch the change is decided later, by the engine (analyzerFindings).
 */
import { cleanLabel } from '../blame/labels';
import { resolveArtifact, type Unresolved } from './sarifUri';
import type { AnalyzerResult, Severity } from './types';
import { severityRank } from './types';

export class SarifInputError extends Error {
  override name = 'SarifInputError';
}

export interface SarifLimits {
  /** Characters of log text accepted at all. */
  readonly maxChars: number;
  readonly maxRuns: number;
  /** Results kept per log; the rest are counted in `skipped.overLimit`. */
  readonly maxResults: number;
  /** Characters kept of each message. */
  readonly maxMessage: number;
}

export const DEFAULT_SARIF_LIMITS: SarifLimits = {
  maxChars: 64 * 1024 * 1024,
  maxRuns: 100,
  maxResults: 10_000,
  maxMessage: 1000,
};

export interface SarifSkipped {
  /** Suppressed (status accepted) or absent from the current run (`baselineState: "absent"`). */
  suppressed: number;
  /** `kind` pass or notApplicable: not a problem. */
  notProblems: number;
  noLocation: number;
  /** The artifact is not a file of this repository (outside it, another host or scheme, a bad path). */
  notInRepository: number;
  overLimit: number;
}

export interface SarifIngest {
  readonly results: readonly AnalyzerResult[];
  /** Tool names of the runs, in order. */
  readonly tools: readonly string[];
  readonly skipped: Readonly<SarifSkipped>;
  /** Results left out for reasons a user should hear about, one line per reason (suppressions are not listed). */
  readonly warnings: readonly string[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const int = (v: unknown, min: number): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= min ? v : undefined;
/** Own properties only, for keys taken from the log: "constructor" or "__proto__" must not reach Object.prototype. */
const own = (o: Json | undefined, key: string): unknown =>
  o && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
const textOf = (m: unknown): string | undefined => str(obj(m)?.text);

const LEVEL_SEVERITY: ReadonlyMap<string, Severity> = new Map([
  ['error', 'high'],
  ['warning', 'medium'],
  ['note', 'low'],
  ['none', 'info'],
]);
const MAX_RULES = 50_000;
const MAX_LINE = 100_000_000;

/**
 * Parses a SARIF 2.1.0 log (text or already parsed JSON). `repoRoot` is the repository's absolute path: absolute
 * artifact URIs must lie inside it, relative ones (and `%SRCROOT%`-style base ids) are taken relative to it.
 * Throws SarifInputError when the input is not a SARIF 2.1.0 log at all.
 */
export function parseSarif(
  input: string | unknown,
  options: { readonly repoRoot: string; readonly limits?: Partial<SarifLimits> },
): SarifIngest {
  const limits = { ...DEFAULT_SARIF_LIMITS, ...(options.limits ?? {}) };
  const root = options.repoRoot.replace(/\\/g, '/').replace(/\/+$/, '');
  if (!/^(?:\/|[A-Za-z]:\/)/.test(root + '/'))
    throw new Error(`repoRoot must be an absolute path, got ${JSON.stringify(options.repoRoot)}`);
  const log = obj(typeof input === 'string' ? parseJson(input, limits.maxChars) : input);
  if (!log) throw new SarifInputError('not a SARIF log: expected a JSON object');
  if (log.version !== '2.1.0') {
    throw new SarifInputError(
      log.version === undefined
        ? 'not a SARIF log: no "version"'
        : `unsupported SARIF version ${cleanLabel(JSON.stringify(log.version) ?? '', 40)}; expected "2.1.0"`,
    );
  }
  if (!Array.isArray(log.runs)) throw new SarifInputError('not a SARIF log: "runs" is not an array');
  const out = new Collector(root, limits);
  if (log.runs.length > limits.maxRuns) out.warn(`only the first ${limits.maxRuns} of ${log.runs.length} runs read`);
  for (const run of log.runs.slice(0, limits.maxRuns)) out.run(obj(run) ?? {});
  return out.finish();
}

function parseJson(text: string, maxChars: number): unknown {
  if (text.length > maxChars) throw new SarifInputError(`log larger than ${maxChars} characters`);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new SarifInputError(`not valid JSON: ${cleanLabel(err instanceof Error ? err.message : String(err), 200)}`);
  }
}

class Collector {
  readonly results: AnalyzerResult[] = [];
  readonly tools: string[] = [];
  readonly skipped: SarifSkipped = { suppressed: 0, notProblems: 0, noLocation: 0, notInRepository: 0, overLimit: 0 };
  private readonly warnings: string[] = [];
  /** Path problem -> [count, first example]. */
  private readonly pathProblems = new Map<string, [number, string]>();

  constructor(
    private readonly root: string,
    private readonly limits: SarifLimits,
  ) {}

  warn(text: string): void {
    this.warnings.push(text);
  }

  run(run: Json): void {
    const tool = obj(run.tool);
    const driver = obj(tool?.driver);
    const toolName = cleanLabel(str(driver?.name) ?? '', 80) || 'unknown analyser';
    this.tools.push(toolName);
    const rules = new RuleTable([driver, ...arr(tool?.extensions).map(obj)]);
    const results = arr(run.results);
    for (let i = 0; i < results.length; i++) {
      if (this.results.length >= this.limits.maxResults) {
        this.skipped.overLimit += results.length - i;
        return;
      }
      const result = obj(results[i]);
      if (result) this.result(result, run, toolName, rules);
    }
  }

  private result(result: Json, run: Json, tool: string, rules: RuleTable): void {
    if (isSuppressed(result)) {
      this.skipped.suppressed++;
      return;
    }
    const kind = str(result.kind) ?? 'fail';
    if (kind === 'pass' || kind === 'notApplicable') {
      this.skipped.notProblems++;
      return;
    }
    const physical = arr(result.locations)
      .slice(0, 20)
      .map((l) => obj(obj(l)?.physicalLocation))
      .filter((p): p is Json => obj(p?.artifactLocation) !== undefined);
    if (physical.length === 0) {
      this.skipped.noLocation++;
      return;
    }
    let file: string | undefined;
    let at: Json | undefined;
    let firstProblem: Unresolved | undefined;
    for (const p of physical) {
      const resolved = resolveArtifact(obj(p.artifactLocation)!, run, this.root);
      if (typeof resolved === 'string') {
        file = resolved;
        at = p;
        break;
      }
      firstProblem ??= resolved;
    }
    if (file === undefined || at === undefined) {
      this.skipped.notInRepository++;
      const { problem, example } = firstProblem!;
      const seen = this.pathProblems.get(problem);
      if (seen) seen[0]++;
      else this.pathProblems.set(problem, [1, example]);
      return;
    }
    const { ruleId, rule, component } = rules.find(result);
    const id = cleanLabel(ruleId ?? '', 200) || 'no-rule';
    const text = plainMessage(messageText(obj(result.message), rule, component), this.limits.maxMessage);
    // Rule-less results (e.g. ESLint parse errors) are titled by their message.
    const title =
      cleanLabel(textOf(rule?.shortDescription) ?? str(rule?.name) ?? ruleId ?? text, 200) || 'analyser result';
    const message = text || title;
    const advice = textOf(rule?.help) ?? textOf(rule?.fullDescription);
    this.results.push({
      tool,
      ruleId: id,
      title,
      message,
      whatToDo: advice
        ? cleanLabel(advice, 500)
        : `Fix what ${tool} reports here, or suppress it in ${tool}'s own configuration with a reason.`,
      severity: severityOf(result, rule, kind),
      file,
      lines: linesOf(obj(at.region)),
    });
  }

  finish(): SarifIngest {
    for (const [problem, [count, example]] of this.pathProblems)
      this.warn(`${count} result(s) skipped: ${problem} (e.g. ${JSON.stringify(cleanLabel(example, 200))})`);
    if (this.skipped.noLocation > 0) this.warn(`${this.skipped.noLocation} result(s) skipped: no file location`);
    if (this.skipped.overLimit > 0)
      this.warn(`${this.skipped.overLimit} result(s) skipped: more than ${this.limits.maxResults} results`);
    return { results: this.results, tools: this.tools, skipped: { ...this.skipped }, warnings: this.warnings };
  }
}

/** Suppressed when every suppression is accepted (status absent means accepted); underReview or rejected is not. */
function isSuppressed(result: Json): boolean {
  if (result.baselineState === 'absent') return true;
  const list = arr(result.suppressions);
  return (
    list.length > 0 &&
    list.every((s) => {
      const status = obj(s)?.status;
      return status === undefined || status === 'accepted';
    })
  );
}

/** Rules of the driver (component 0) and of extensions (component i + 1), looked up by index or id. */
class RuleTable {
  private readonly byId = new Map<number, Map<string, Json>>();

  constructor(private readonly components: readonly (Json | undefined)[]) {}

  find(result: Json): { ruleId?: string; rule?: Json; component?: Json } {
    const ref = obj(result.rule);
    const tc = obj(ref?.toolComponent);
    let c = 0;
    const tcIndex = int(tc?.index, 0);
    if (tcIndex !== undefined) c = tcIndex + 1;
    else if (str(tc?.name))
      c = Math.max(
        0,
        this.components.findIndex((x, i) => i > 0 && x?.name === tc?.name),
      );
    const component = this.components[c];
    const index = int(ref?.index, 0) ?? int(result.ruleIndex, 0);
    let rule = index !== undefined ? obj(arr(component?.rules)[index]) : undefined;
    const ruleId = str(result.ruleId) ?? str(ref?.id) ?? str(rule?.id);
    if (rule && ruleId && str(rule.id) && rule.id !== ruleId) rule = undefined; // inconsistent index: trust the id
    if (!rule && ruleId)
      rule = this.lookup(c, ruleId) ?? this.components.map((_, i) => this.lookup(i, ruleId)).find((r) => r);
    return { ruleId, rule, component: component ?? this.components[0] };
  }

  private lookup(c: number, id: string): Json | undefined {
    let map = this.byId.get(c);
    if (!map) {
      map = new Map();
      for (const r of arr(this.components[c]?.rules).slice(0, MAX_RULES)) {
        const rid = str(obj(r)?.id);
        if (rid && !map.has(rid)) map.set(rid, obj(r)!);
      }
      this.byId.set(c, map);
    }
    return map.get(id);
  }
}

/** `message.text`, else the rule's (or component's) message string `message.id` with `{n}` filled from `arguments`. */
function messageText(message: Json | undefined, rule: Json | undefined, component: Json | undefined): string {
  const text = str(message?.text);
  if (text) return text;
  const id = str(message?.id);
  const template = id
    ? (textOf(own(obj(rule?.messageStrings), id)) ?? textOf(own(obj(component?.globalMessageStrings), id)))
    : undefined;
  if (!template) return '';
  const args = arr(message?.arguments)
    .slice(0, 50)
    .map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? '')).slice(0, 1000));
  return template
    .slice(0, 10_000)
    .replace(/\{\{|\}\}|\{(\d{1,2})\}/g, (all, n?: string) =>
      all === '{{' ? '{' : all === '}}' ? '}' : (args[Number(n)] ?? all),
    );
}

/** Plain text: embedded links `[text](target)` keep their text only, escaped brackets lose the escape, controls go. */
function plainMessage(text: string, max: number): string {
  const unlinked = text
    .slice(0, max * 4)
    .replace(/\[((?:\\.|[^\\[\]])*)\]\((?:[^()\s]*)\)/g, '$1')
    .replace(/\\([[\]\\])/g, '$1');
  return cleanLabel(unlinked, max);
}

function severityOf(result: Json, rule: Json | undefined, kind: string): Severity {
  const level = str(result.level) ?? (kind !== 'fail' ? 'none' : str(obj(rule?.defaultConfiguration)?.level));
  let severity = LEVEL_SEVERITY.get(level ?? 'warning') ?? 'medium';
  // CodeQL and others grade security results by CVSS-like `security-severity`, as GitHub code scanning reads it.
  const raw = own(obj(result.properties), 'security-severity') ?? own(obj(rule?.properties), 'security-severity');
  const score = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number.parseFloat(raw) : NaN;
  const graded: Severity | undefined = score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : undefined;
  if (graded && severityRank(graded) > severityRank(severity)) severity = graded;
  return severity;
}

function linesOf(region: Json | undefined): { start: number; end: number } | null {
  const start = int(region?.startLine, 1);
  if (start === undefined || start > MAX_LINE) return null;
  const end = int(region?.endLine, start);
  return { start, end: end !== undefined && end <= MAX_LINE ? end : start };
}
