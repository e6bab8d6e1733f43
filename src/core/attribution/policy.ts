/**
 * When is a replace "the user typed over it" and when is it a coarse rewrite whose unchanged characters keep
 * their origin? Editors deliver reload-from-disk, formatters and WorkspaceEdits as one replace covering
 * everything between the first and last difference; remapping such a replace through a diff is what keeps
 * attribution alive. Typing, by contrast, must behave like the plain character model.
 */

export type ReplaceStrategy = 'plain' | 'remap';

export interface ReplaceFacts {
  /** Characters replaced. */
  readonly deleteLength: number;
  /** Characters inserted. */
  readonly insertLength: number;
  /** The caller supplied the replaced text, so a diff is possible. */
  readonly oldTextKnown: boolean;
  /** Some replaced character is AI text. */
  readonly deletedHoldsAi: boolean;
  /** The inserted text is attributed to an AI origin. */
  readonly insertsAi: boolean;
  /** The caller's explicit choice (e.g. it knows the change was a paste): `true` remap, `false` plain. */
  readonly override?: boolean;
  /** Old and new text differ only in whitespace (a formatter's edit, however small); identical texts do not count. */
  readonly whitespaceOnly?: boolean;
}

/**
 * - Without the old text there is nothing to diff: plain.
 * - A pure insert or pure delete, or a side of one character (typing, typing over a one-character selection,
 *   auto-closing a bracket) is plain typing.
 * - Otherwise remap when there is attribution to keep (the replaced range holds AI) or to place precisely (an AI
 *   insertion that rewrites human text keeps the unchanged human characters human).
 * - An explicit `override` wins whenever the old text is known.
 * - A replace that only changes whitespace is remapped at any size when it touches AI text: formatters send many
 *   small edits such as `" )"` -> `")"`, and whitespace-only changes must never turn AI text into human.
 */
export function chooseReplaceStrategy(f: ReplaceFacts): ReplaceStrategy {
  if (!f.oldTextKnown) return 'plain';
  if (f.override !== undefined) return f.override && f.deleteLength > 0 && f.insertLength > 0 ? 'remap' : 'plain';
  if (f.whitespaceOnly && f.deletedHoldsAi && f.deleteLength > 0 && f.insertLength > 0) return 'remap';
  if (f.deleteLength < 2 || f.insertLength < 2) return 'plain';
  return f.deletedHoldsAi || f.insertsAi ? 'remap' : 'plain';
}
