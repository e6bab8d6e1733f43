/**
 * Naive reference for the attribution tracker: one label per character, every rule restated the slow, obvious way
 * (the token rule of a remap included: a new word keeps old labels only when it is an old word unchanged).
 * It shares no code with the implementation except the diff alignment (`alignTexts`), which it first checks on its
 * own: the matches must be a common subsequence of both texts, and a longest one (computed here by dynamic
 * programming) whenever the alignment ran the plain character diff.
 */
import * as assert from 'node:assert/strict';
import { alignTexts, type DiffLimits, type MatchBlock } from '../../../src/core/attribution/align';
import type { SpanTuple, TextChange } from '../../../src/core/attribution';

const H = -1;
const WS = /^\s$/;

/** Identifier and number characters (one UTF-16 code unit; either half of a surrogate pair counts). */
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && (/^[\p{L}\p{N}\p{M}_$]$/u.test(ch) || /^[\uD800-\uDFFF]$/.test(ch));
}

export interface CacheLimits {
  readonly maxEntries: number;
  readonly maxChars: number;
}

export class ReferenceModel {
  text = '';
  labels: number[] = [];
  private cache: Array<{ text: string; labels: number[] }> = [];

  constructor(
    private readonly cacheLimits: CacheLimits,
    private readonly diffLimits: Partial<DiffLimits> | undefined,
    private readonly optimalDiff: boolean,
  ) {}

  apply(c: TextChange, reason?: 'undo' | 'redo'): void {
    const { start, deleteLength: del, text } = c;
    const removed = this.labels.slice(start, start + del);
    let inserted: number[] | undefined;
    if (c.insertedRuns) inserted = c.insertedRuns.flatMap((r) => Array<number>(r.length).fill(r.origin));
    else if (reason && text.length > 0) inserted = this.recall(text);
    if (!inserted) {
      const label = c.origin ?? H;
      const holdsAi = removed.some((l) => l !== H);
      const strip = (t: string) => [...t].filter((ch) => !WS.test(ch)).join('');
      const whitespaceOnly =
        c.oldText !== undefined &&
        del > 0 &&
        text.length > 0 &&
        holdsAi &&
        c.oldText !== text &&
        strip(c.oldText) === strip(text);
      const remap =
        c.oldText !== undefined &&
        (c.remap !== undefined
          ? c.remap && del > 0 && text.length > 0
          : whitespaceOnly || (del >= 2 && text.length >= 2 && (holdsAi || label !== H)));
      const before = start > 0 ? this.labels[start - 1] : H;
      const after = start + del < this.labels.length ? this.labels[start + del] : H;
      if (remap) inserted = this.remapLabels(c.oldText as string, text, removed, label, before, after);
      else if (
        label === H &&
        text.length > 0 &&
        [...text].every((ch) => WS.test(ch)) &&
        start > 0 &&
        start + del < this.labels.length &&
        before !== H &&
        before === after
      ) {
        inserted = Array<number>(text.length).fill(before);
      } else inserted = Array<number>(text.length).fill(label);
    }
    this.text = this.text.slice(0, start) + text + this.text.slice(start + del);
    this.labels.splice(start, del, ...inserted);
    if (c.oldText !== undefined && del > 0) this.remember(c.oldText, removed);
  }

  mark(start: number, end: number, origin: number): void {
    for (let i = start; i < end; i++) this.labels[i] = origin;
  }

  spans(): SpanTuple[] {
    const spans: SpanTuple[] = [];
    this.labels.forEach((l, i) => {
      if (l === H) return;
      const last = spans[spans.length - 1];
      if (last && last[1] === i && last[2] === l) last[1] = i + 1;
      else spans.push([i, i + 1, l]);
    });
    return spans;
  }

  /** Per line: 'ai' | 'mixed' | 'human' and the sorted origins of its AI non-whitespace characters. */
  lineView(): Array<{ kind: string; origins: number[] }> {
    const out: Array<{ kind: string; origins: number[] }> = [];
    let pos = 0;
    for (const line of this.text.split(/\r\n|\r|\n/)) {
      const own: number[] = [];
      let significant = 0;
      for (let k = 0; k < line.length; k++) {
        if (WS.test(line[k])) continue;
        significant++;
        if (this.labels[pos + k] !== H) own.push(this.labels[pos + k]);
      }
      const origins = [...new Set(own)].sort((a, b) => a - b);
      out.push({
        kind: own.length === 0 ? 'human' : own.length === significant ? 'ai' : 'mixed',
        origins: own.length ? origins : [],
      });
      pos += line.length;
      pos += this.text.startsWith('\r\n', pos) ? 2 : pos < this.text.length ? 1 : 0;
    }
    return out;
  }

  private remapLabels(
    oldText: string,
    newText: string,
    oldLabels: number[],
    insertedLabel: number,
    before: number,
    after: number,
  ): number[] {
    const blocks = alignTexts(oldText, newText, this.diffLimits);
    checkAlignment(oldText, newText, blocks, this.optimalDiff);
    const labels = Array<number>(newText.length).fill(insertedLabel);
    const isInserted = Array<boolean>(newText.length).fill(true);
    const mapped = Array<number>(newText.length).fill(-1);
    for (const b of blocks) {
      for (let k = 0; k < b.length; k++) {
        labels[b.newStart + k] = oldLabels[b.oldStart + k];
        isInserted[b.newStart + k] = false;
        mapped[b.newStart + k] = b.oldStart + k;
      }
    }
    // With a human insertion, words count whole: a new word keeps its matches only when it is an old word, unchanged,
    // matched in one piece. An AI insertion keeps character matches.
    for (let a = 0; insertedLabel === H && a < newText.length;) {
      if (!isWordChar(newText[a])) {
        a++;
        continue;
      }
      let b = a;
      while (b < newText.length && isWordChar(newText[b])) b++;
      let whole = mapped[a] >= 0 && !isWordChar(oldText[mapped[a] - 1]) && !isWordChar(oldText[mapped[a] + (b - a)]);
      for (let k = a; k < b; k++) if (mapped[k] !== mapped[a] + (k - a)) whole = false;
      if (!whole) {
        for (let k = a; k < b; k++) {
          labels[k] = insertedLabel;
          isInserted[k] = true;
        }
      }
      a = b;
    }
    if (insertedLabel !== H) return labels;
    const result = labels.slice();
    for (let j = 0; j < newText.length;) {
      if (!isInserted[j] || !WS.test(newText[j])) {
        j++;
        continue;
      }
      let k = j;
      while (k < newText.length && isInserted[k] && WS.test(newText[k])) k++;
      const prev = j > 0 ? labels[j - 1] : before;
      const next = k < newText.length ? labels[k] : after;
      const piece = newText.slice(j, k);
      let label = H;
      if (prev !== H && prev === next) label = prev;
      else if (!/[\r\n]/.test(piece) && (prev === H) !== (next === H)) label = prev !== H ? prev : next;
      for (let m = j; m < k; m++) result[m] = label;
      j = k;
    }
    return result;
  }

  private remember(text: string, labels: number[]): void {
    this.cache = this.cache.filter((e) => e.text !== text);
    if (labels.some((l) => l !== H) && text.length <= this.cacheLimits.maxChars && this.cacheLimits.maxEntries > 0) {
      this.cache.push({ text, labels });
    }
    const chars = (): number => this.cache.reduce((n, e) => n + e.text.length, 0);
    while (this.cache.length > this.cacheLimits.maxEntries || chars() > this.cacheLimits.maxChars) this.cache.shift();
  }

  private recall(text: string): number[] | undefined {
    const i = this.cache.findIndex((e) => e.text === text);
    if (i < 0) return undefined;
    const [entry] = this.cache.splice(i, 1);
    this.cache.push(entry);
    return entry.labels.slice();
  }
}

/** The blocks must pair equal characters in increasing order on both sides; with `optimal`, as many as an LCS. */
export function checkAlignment(a: string, b: string, blocks: readonly MatchBlock[], optimal: boolean): void {
  let i = 0;
  let j = 0;
  let matched = 0;
  for (const blk of blocks) {
    // Messages are built only on failure: these loops run over thousands of blocks.
    if (!(blk.length > 0 && blk.oldStart >= i && blk.newStart >= j))
      assert.fail(`blocks out of order: ${JSON.stringify(blocks)}`);
    if (blk.oldStart + blk.length > a.length || blk.newStart + blk.length > b.length)
      assert.fail(`block out of bounds: ${JSON.stringify(blk)}`);
    if (a.slice(blk.oldStart, blk.oldStart + blk.length) !== b.slice(blk.newStart, blk.newStart + blk.length)) {
      assert.fail(`block ${JSON.stringify(blk)} pairs different text`);
    }
    i = blk.oldStart + blk.length;
    j = blk.newStart + blk.length;
    matched += blk.length;
  }
  const strip = (t: string) => t.replace(/\s/g, '');
  if (a !== b && strip(a) === strip(b)) {
    // Whitespace-only changes pair every other character with its twin instead of seeking a longest subsequence.
    assert.ok(
      matched >= strip(a).length,
      `whitespace-only change ${JSON.stringify(a)} -> ${JSON.stringify(b)} left code unmatched`,
    );
  } else if (optimal) {
    assert.equal(
      matched,
      lcsLength(a, b),
      `alignment of ${JSON.stringify(a)} -> ${JSON.stringify(b)} is not a longest common subsequence`,
    );
  }
}

export function lcsLength(a: string, b: string): number {
  let prev = Array<number>(b.length + 1).fill(0);
  for (let x = 1; x <= a.length; x++) {
    const cur = Array<number>(b.length + 1).fill(0);
    for (let y = 1; y <= b.length; y++)
      cur[y] = a[x - 1] === b[y - 1] ? prev[y - 1] + 1 : Math.max(prev[y], cur[y - 1]);
    prev = cur;
  }
  return prev[b.length];
}
