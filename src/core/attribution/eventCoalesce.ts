/**
 * Formatters reach the editor as one event of many small edits chosen by a character diff, which may delete a
 * character in one place and re-insert it beside (`" )"` -> `") "` becomes "delete `)`" + "insert `)`"). Edit by edit,
 * the re-inserted character looks typed. Seen as a whole, the event only moved whitespace: such an event is applied
 * as one replace of the region it touched, so the remap keeps every AI character AI.
 */
import { stripWhitespace } from './text';

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
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const before = oldText.slice(prefix, oldText.length - suffix);
  const after = text.slice(prefix, text.length - suffix);
  if (stripWhitespace(before) !== stripWhitespace(after)) return undefined;
  return { start: prefix, deleteLength: before.length, text: after, oldText: before };
}
