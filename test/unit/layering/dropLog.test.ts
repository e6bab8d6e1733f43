/**
 * "No code path drops attribution without a log line": every dropped-attribution message goes through `logDrop`
 * (src/git/dropLog.ts) or `dropLine` (src/core/state/dropLine.ts), so `grep 'dropped attribution:' log.txt` and
 * `ai-provenance doctor` see them all. This test reads the source tree and fails when
 * - a log call words a loss ("dropped", "not carried over", "not restored", …) without going through them, or
 * - a call to a function that discards attribution (its result can be smaller than its input: spans not committed,
 *   lines with no place, a record or note that does not parse) has no logDrop/dropLine near it and is not on the
 *   read-only list below (with the reason it loses nothing stored).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DROP_PREFIX, dropLine } from '../../../src/core/state/dropLine';
import { droppedEntries } from '../../../src/core/doctor/diagnose';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const LAYERS = ['src/git', 'src/cli', 'src/extension'];

/** Wording that says attribution went missing. */
const LOSS_WORDS =
  /\b(dropped|discarded|not carried( over)?|not restored|not counted|not used for|without (line )?attribution|cannot be placed|ignored and replaced|is lost|are lost)\b/i;

/** Calls whose result can hold less attribution than their input (see the header). */
const DISCARDERS = [
  'uncommittedSpans',
  'unstashedSpans',
  'mapLineAttributions',
  'parseNoteRecords',
  'parseFileRecordText',
  'resolveRecordText',
  'addedLinesOnly',
];

/** Calls of DISCARDERS that lose nothing stored, each with the reason. Keyed `file:function`. */
const READ_ONLY: Record<string, string> = {
  'src/git/stateStore.ts:parseFileRecordText':
    'loadOrMoveAside: a corrupt record is moved aside with a logDrop line in the caller',
  'src/git/commit/stagedCommit.ts:addedLinesOnly':
    'the first call logs through logDrop; the second keeps only added lines, the parent commit owns the rest',
  'src/git/foreign/importNotes.ts:parseNoteRecords':
    'import only reads our note for the lines it covers; an unreadable note is left as it is and the commit is listed as skipped with why',
};

function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) out.push(full);
    }
  };
  for (const layer of LAYERS) walk(path.join(ROOT, layer));
  return out;
}

/** The text of the call starting at `open` (the index of its `(`), up to its matching `)` (strings not parsed). */
function callText(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 2000; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open, open + 2000);
}

describe('every dropped attribution is logged through logDrop (source check)', () => {
  const files = sources().map((f) => ({
    rel: path.relative(ROOT, f).split(path.sep).join('/'),
    text: fs.readFileSync(f, 'utf8'),
  }));

  it('finds the source tree', () => {
    assert.ok(files.length > 50, `only ${files.length} files under ${LAYERS.join(', ')}`);
    assert.ok(files.some((f) => f.text.includes('logDrop(')));
  });

  it('no log call words a loss without logDrop / dropLine', () => {
    const bad: string[] = [];
    for (const { rel, text } of files) {
      const calls = /(?<![\w.]console)\b(?:log|appendStateLog|appendLine|warn)\(/g;
      for (let m = calls.exec(text); m; m = calls.exec(text)) {
        const call = callText(text, m.index + m[0].length - 1);
        if (!LOSS_WORDS.test(call)) continue;
        if (/\b(logDrop|dropLine)\(/.test(call)) continue;
        const line = text.slice(0, m.index).split('\n').length;
        bad.push(`${rel}:${line}: ${call.replace(/\s+/g, ' ').slice(0, 120)}`);
      }
    }
    assert.deepEqual(bad, [], 'log these through logDrop(sink, where, what, why) or dropLine(where, what, why)');
  });

  it('every call that can discard attribution logs through logDrop nearby, or is listed as read-only', () => {
    const bad: string[] = [];
    const used = new Set<string>();
    for (const { rel, text } of files) {
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        for (const name of DISCARDERS) {
          if (!new RegExp(`\\b${name}\\(`).test(line)) continue;
          if (/^\s*(import|export (async )?function|function|\*|\/\/)/.test(line) || line.includes(`function ${name}`))
            continue;
          const key = `${rel}:${name}`;
          if (READ_ONLY[key] !== undefined) {
            used.add(key);
            continue;
          }
          // The enclosing statement and what follows it: logDrop within 25 lines before or after.
          const near = lines.slice(Math.max(0, i - 25), i + 26).join('\n');
          if (!/\b(logDrop|dropLine)\(/.test(near)) bad.push(`${rel}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(bad, [], 'log what these calls discard through logDrop, or list the site in READ_ONLY with why');
    assert.deepEqual(
      Object.keys(READ_ONLY).filter((k) => !used.has(k)),
      [],
      'READ_ONLY names sites that no longer exist',
    );
  });

  it('the line is recognisable and doctor lists it', () => {
    const message = dropLine('post-commit', '16 AI character(s) of f.js', 'no longer in the work tree');
    assert.equal(message, `${DROP_PREFIX} post-commit: 16 AI character(s) of f.js (no longer in the work tree)`);
    const entries = droppedEntries([`2026-01-01T00:00:00.000Z [1] ${message}`, '2026-01-01T00:00:01.000Z [1] fine']);
    assert.deepEqual(
      entries.map((e) => e.message),
      [message],
    );
  });
});
