/**
 * Markdown that cannot be hijacked. Everything that came from notes, commits, paths or code goes through mdCode:
 * a code span renders no HTML, no emphasis, no links, no autolinks and no @mentions. Control and invisible
 * characters are replaced first (cleanLabel), line breaks flattened, and `|` escaped inside tables.
 */
import { cleanLabel } from '../blame';

export interface MdOptions {
  /** The text goes into a table cell: escape `|` so it cannot end the cell. */
  readonly table?: boolean;
  /** Characters kept (default 200). */
  readonly max?: number;
}

/** `text` as an inline code span. */
export function mdCode(text: string, options: MdOptions = {}): string {
  let s = cleanLabel(text, options.max ?? 200);
  if (s === '') return '∅';
  if (options.table) s = s.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of s.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick needs a space inside the fence (CommonMark strips one each side).
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** Our own prose with punctuation escaped, for text that is ours but may hold characters markdown would act on. */
export function mdText(text: string, options: MdOptions = {}): string {
  const s = cleanLabel(text, options.max ?? 500)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~"'=:@]/g, (c) => `\\${c}`);
  return s;
}

export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
