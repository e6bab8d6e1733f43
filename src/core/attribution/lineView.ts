/**
 * Line-level view of character attribution, for reports, blame-style annotations and summaries.
 * Only non-whitespace characters count: indentation and blank lines say nothing about who wrote the code.
 */
import { ORIGIN_KINDS, type OriginKind, type OriginTable } from './origin';
import { HUMAN, validateSpans, type SpanTuple } from './runs';
import { isWhitespaceCode } from './text';

/** `ai`: every non-whitespace character is AI; `mixed`: some are; `human`: none (whitespace-only lines too). */
export type LineKind = 'ai' | 'mixed' | 'human';

export interface LineAttribution {
  readonly kind: LineKind;
  /** Sorted ids of the origins of the line's AI non-whitespace characters (empty for human lines). */
  readonly origins: readonly number[];
}

const HUMAN_LINE: LineAttribution = Object.freeze({ kind: 'human', origins: Object.freeze([]) as readonly number[] });

/**
 * One entry per line of `text` (lines end at `\n`, `\r\n` or `\r`, as in VS Code; a trailing line break
 * starts a last, empty line). Throws an Error when `spans` are not valid for `text`.
 */
export function lineView(text: string, spans: readonly SpanTuple[]): LineAttribution[] {
  validateSpans(spans, text.length);
  const lines: LineAttribution[] = [];
  // Line by line: a line no span reaches is human and a line inside one span is AI when it has any non-whitespace
  // character, so only lines a span boundary crosses are read character by character. Hooks run this over every
  // committed file in a fresh process, where a loop over each character of each file is most of their time.
  const breaks = /\r\n|\r|\n/g;
  let si = 0;
  let start = 0;
  for (;;) {
    const found = breaks.exec(text);
    const end = found ? found.index : text.length;
    while (si < spans.length && spans[si][1] <= start) si++;
    if (si >= spans.length || spans[si][0] >= end) lines.push(HUMAN_LINE);
    else if (spans[si][0] <= start && spans[si][1] >= end)
      lines.push(hasSignificant(text, start, end) ? { kind: 'ai', origins: [spans[si][2]] } : HUMAN_LINE);
    else lines.push(scanLine(text, start, end, spans, si));
    if (!found) return lines;
    start = breaks.lastIndex;
  }
}

function hasSignificant(text: string, start: number, end: number): boolean {
  for (let pos = start; pos < end; pos++) if (!isWhitespaceCode(text.charCodeAt(pos))) return true;
  return false;
}

/** The line `[start, end)` character by character, from span `si` (the first that ends after `start`). */
function scanLine(text: string, start: number, end: number, spans: readonly SpanTuple[], si: number): LineAttribution {
  let significant = 0;
  let aiChars = 0;
  const origins: number[] = [];
  for (let pos = start; pos < end; pos++) {
    if (isWhitespaceCode(text.charCodeAt(pos))) continue;
    significant++;
    while (si < spans.length && spans[si][1] <= pos) si++;
    if (si < spans.length && spans[si][0] <= pos) {
      aiChars++;
      const origin = spans[si][2];
      if (!origins.includes(origin)) origins.push(origin);
    }
  }
  if (aiChars === 0) return HUMAN_LINE;
  return { kind: aiChars === significant ? 'ai' : 'mixed', origins: origins.sort((a, b) => a - b) };
}

export interface AttributionSummary {
  readonly lines: { readonly total: number; readonly ai: number; readonly mixed: number; readonly human: number };
  /** Non-whitespace UTF-16 code units: all, human, AI, and AI per origin kind. */
  readonly chars: {
    readonly total: number;
    readonly human: number;
    readonly ai: number;
    readonly byKind: Readonly<Record<OriginKind, number>>;
  };
}

/** Line and character counts of a document's attribution. Throws on spans invalid for `text` or `origins`. */
export function summarizeAttribution(
  text: string,
  spans: readonly SpanTuple[],
  origins: OriginTable,
): AttributionSummary {
  validateSpans(spans, text.length, origins);
  const view = lineView(text, spans);
  const lines = { total: view.length, ai: 0, mixed: 0, human: 0 };
  for (const l of view) lines[l.kind]++;
  const byKind = Object.fromEntries(ORIGIN_KINDS.map((k) => [k, 0])) as Record<OriginKind, number>;
  let total = 0;
  let ai = 0;
  let si = 0;
  for (let pos = 0; pos < text.length; pos++) {
    if (isWhitespaceCode(text.charCodeAt(pos))) continue;
    total++;
    while (si < spans.length && spans[si][1] <= pos) si++;
    const origin = si < spans.length && spans[si][0] <= pos ? spans[si][2] : HUMAN;
    if (origin !== HUMAN) {
      ai++;
      byKind[origins.get(origin).kind]++;
    }
  }
  return { lines, chars: { total, human: total - ai, ai, byKind } };
}
