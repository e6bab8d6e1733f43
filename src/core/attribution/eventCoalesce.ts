/**
 * Formatters reach the editor as one event of many small edits chosen by a character diff, which may delete a
 * character in one place and re-insert it beside (`" )"` -> `") "` becomes "delete `)`" + "insert `)`"). Edit by edit,
 * the re-inserted character looks typed. Seen as a whole, the event only moved whitespace: such an event is applied
 * as one replace of the region it touched, so the remap keeps every AI character AI.
 */
import { isWordCode, stripWhitespace } from './text';

export interface EventChange {
  readonly start: number;
  readonly deleteLength: number;
  readonly text: string;
}

export interface CoalescedChange {
  readonly start: number;
  readonly deleteLength: number;
  readonly text: string;
  readonly oldText: string;
}

/**
 * When an event of two or more changes leaves the text equal but for whitespace, the single replace of the region
 * between its first and last difference; otherwise undefined (apply the changes one by one). Changes follow VS Code
 * semantics: in order, each in the coordinates of the text the previous ones produced. Invalid ranges: undefined.
 */
export function coalesceWhitespaceEvent(oldText: string, changes: readonly EventChange[]): CoalescedChange | undefined {
  const whole = wholeReplace(oldText, changes, false);
  if (!whole || stripWhitespace(whole.oldText) !== stripWhitespace(whole.text)) return undefined;
  return whole;
}

/**
 * VS Code minimizes an extension's replace (`workspace.applyEdit`, a refactoring) into one event of small inserts and
 * deletes around the characters old and new share: `function add(` -> `const add = (` arrives as "delete `fun`",
 * "delete `ti`", "insert `st`", ... and the kept `c`, `o`, `n` were never in any change. Seen whole, it is one replace,
 * widened to whole words at both ends, so the remap's token rule can see which words are new.
 *
 * Multi-cursor typing and deleting (every change the same text over the same length) is left alone: that is
 * typing at each cursor, not one edit. Otherwise as `coalesceWhitespaceEvent`, without its whitespace condition.
 */
export function coalesceSplitEdit(oldText: string, changes: readonly EventChange[]): CoalescedChange | undefined {
  if (changes.every((c) => c.text === changes[0].text && c.deleteLength === changes[0].deleteLength)) return undefined;
  return wholeReplace(oldText, changes, true);
}

function wholeReplace(
  oldText: string,
  changes: readonly EventChange[],
  wholeWords: boolean,
): CoalescedChange | undefined {
  if (changes.length < 2) return undefined;
  let text = oldText;
  for (const c of changes) {
    if (c.start < 0 || c.deleteLength < 0 || c.start + c.deleteLength > text.length) return undefined;
    text = text.slice(0, c.start) + c.text + text.slice(c.start + c.deleteLength);
  }
  if (text === oldText) return undefined;
  let prefix = 0;
  const max = Math.min(oldText.length, text.length);
  while (prefix < max && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)
  )
    suffix++;
  if (wholeWords) {
    // The shared prefix and suffix are equal on both sides, so widening keeps old and new aligned.
    while (prefix > 0 && isWordCode(oldText.charCodeAt(prefix - 1))) prefix--;
    while (suffix > 0 && isWordCode(oldText.charCodeAt(oldText.length - suffix))) suffix--;
  }
  const before = oldText.slice(prefix, oldText.length - suffix);
  const after = text.slice(prefix, text.length - suffix);
  return { start: prefix, deleteLength: before.length, text: after, oldText: before };
}
