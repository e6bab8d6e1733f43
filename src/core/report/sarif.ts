/**
 * The findings as SARIF 2.1.0 for code-scanning upload: one rule per rule id that fired, one result per finding
 * with a physical location on the head version (removed-line findings point at the file only). Strings are plain
 * text with control and invisible characters replaced; paths that are not plain repository paths get no location.
 * Findings ingested from other analysers stay in this one run (rule `sarif/<tool>/<rule>`) and name the original tool
 * and rule in `properties`: code scanning already shows the analyser's own upload, and one run per tool would
 * collide with it.
 */
import { cleanLabel } from '../blame';
import { repoPathProblem } from '../commit';
import type { Finding, Severity } from '../review';
import type { BranchReport } from './build';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** A repository path as a relative URI reference (each segment percent-encoded), or undefined. */
export function pathToUri(path: string): string | undefined {
  if (repoPathProblem(path)) return undefined;
  return path.split('/').map(encodeURIComponent).join('/');
}

function location(f: Finding): object[] {
  const uri = f.file ? pathToUri(f.file) : undefined;
  if (!uri) return [];
  const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
  if (!f.range || f.range.side !== 'new') return [{ physicalLocation: { artifactLocation } }];
  return [
    {
      physicalLocation: {
        artifactLocation,
        region: { startLine: f.range.start, endLine: Math.max(f.range.start, f.range.end) },
      },
    },
  ];
}

/**
 * The other places of a folded finding (its first place is `locations`) as related locations. One result with related
 * locations, not one result per place: fold means one alert per rule per region, and code scanning shows a result's
 * related locations as links when its message embeds them (`[line 9](1)`, SARIF 3.11.6), which `placesText` does.
 * Removed lines have no place on the head version; the count still includes them.
 */
function relatedLocations(f: Finding): { id: number; line: number; file?: string; location: object }[] {
  if (!f.file || !pathToUri(f.file) || !f.locations || f.locations.length < 2) return [];
  return f.locations
    .slice(1)
    .filter((r) => r.side === 'new' && pathToUri(r.file ?? f.file!))
    .map((r, i) => ({
      id: i + 1,
      line: r.start,
      ...(r.file ? { file: r.file } : {}),
      location: {
        id: i + 1,
        message: { text: r.file ? `${r.file} line ${r.start}` : `line ${r.start}` },
        physicalLocation: {
          artifactLocation: { uri: pathToUri(r.file ?? f.file!), uriBaseId: '%SRCROOT%' },
          region: { startLine: r.start, endLine: Math.max(r.start, r.end) },
        },
      },
    }));
}

/**
 * " (3 places in this file: [line 9](1), [line 20](2))": the count, and a link to each related location; a place in
 * another file (a finding folded across files) names its file, and the count then says "places" only.
 */
function placesText(count: number, related: readonly { id: number; line: number; file?: string }[]): string {
  if (count <= 1) return '';
  const links = related.map(
    (r) => `[${r.file ? `${r.file.replace(/[[\]\\]/g, '\\$&')} ` : ''}line ${r.line}](${r.id})`,
  );
  const where = related.some((r) => r.file) ? 'places' : 'places in this file';
  return ` (${count} ${where}${links.length > 0 ? `: ${links.join(', ')}` : ''})`;
}

/** Text of the change that would read as an embedded link (`[x](1)`) gets its brackets escaped (SARIF 3.11.6). */
function escapeLinks(text: string): string {
  return text.replace(/\[([^[\]]*)\]\((\d+)\)/g, '\\[$1\\]($2)');
}

function analyzerProperties(f: Finding): { tool?: string; toolRuleId?: string } {
  return f.analyzer ? { tool: cleanLabel(f.analyzer.tool, 100), toolRuleId: cleanLabel(f.analyzer.ruleId, 200) } : {};
}

export function renderSarif(report: BranchReport, toolVersion: string): object {
  const findings = report.review?.findings ?? [];
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))];
  const rules = ruleIds.map((id) => {
    const f = findings.find((x) => x.ruleId === id)!;
    return {
      id: cleanLabel(id, 300),
      name: cleanLabel(id, 100),
      shortDescription: { text: cleanLabel(f.title, 300) },
      help: { text: cleanLabel(f.whatToDo, 1000) },
      properties: { category: f.category, ...analyzerProperties(f) },
    };
  });
  const results = findings.map((f) => {
    const removed = f.range?.side === 'old' ? ` (removed lines ${f.range.start}-${f.range.end})` : '';
    const count = f.count ?? 1;
    const related = relatedLocations(f);
    const places = placesText(count, related);
    const ai = f.inAi ? ' [in AI-written lines]' : '';
    return {
      ruleId: cleanLabel(f.ruleId, 300),
      ruleIndex: ruleIds.indexOf(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: `${escapeLinks(cleanLabel(`${f.title}: ${f.why}${removed}`, 1400))}${ai}${places}` },
      locations: location(f),
      ...(related.length > 0 ? { relatedLocations: related.map((r) => r.location) } : {}),
      properties: {
        severity: f.severity,
        category: f.category,
        inAi: f.inAi,
        ...(count > 1 ? { count } : {}),
        ...analyzerProperties(f),
      },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ai-provenance', version: cleanLabel(toolVersion, 50), rules } },
        results,
        properties: {
          aiShare: report.share,
          aiClaim: cleanLabel(report.aiClaim, 400),
          tier: report.review?.tier ?? null,
          head: report.head.commit,
          base: report.base.commit,
          ...(report.review?.analyzers ? { analyzers: report.review.analyzers } : {}),
        },
      },
    ],
  };
}
