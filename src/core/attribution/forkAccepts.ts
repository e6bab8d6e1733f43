/**
 * Accept commands of editors' built-in AI that do not go through VS Code's `editor.action.inlineSuggest.*`.
 *
 * - Cursor Tab: accepted by `editor.action.acceptCursorTabSuggestion`, bound to Tab when `cpp.shouldAcceptTab`
 *   (Cursor's changelog names the command for rebinding; users' keybindings.json files show the context key). It is a
 *   workbench command, so inside Cursor we also shadow it (as for VS Code's own accept) to catch mouse accepts.
 * - Windsurf: its autocomplete is a VS Code inline-completion provider, so VS Code's accept path already catches it
 *   (the tool is named after the host, ./hostEditor.ts). Supercomplete (multi-line edits) shows with the context key
 *   `windsurf.supercompleteShown` and is accepted with Tab by an extension command whose id is not published; the
 *   ids below are the ones its sibling products use, and only one that exists in the running editor is ever bound.
 *
 * Each entry becomes a key binding in package.json that mirrors the fork's own (same key, its `when` plus ours), so
 * Tab reaches us exactly when the fork would accept; our command arms a lease and runs the fork's command.
 */
import type { OriginKind } from './origin';

export interface ForkAccept {
  /** Our command, bound in package.json. */
  readonly command: string;
  /** The fork's accept command ids to run, first existing one wins. */
  readonly forkCommands: readonly string[];
  /** The context key our binding requires (set once one of `forkCommands` is known to exist), if any. */
  readonly availableKey?: string;
  readonly kind: OriginKind;
  /** The AI the accepted text comes from. */
  readonly tool: string;
  /** Shadow the fork's command itself when running in that fork (workbench commands only). */
  readonly interceptIn?: string;
}

export const FORK_ACCEPT_EVIDENCE = "the editor's own accept command";

export const FORK_ACCEPTS: readonly ForkAccept[] = [
  {
    command: 'aiProvenance.fork.acceptCursorTab',
    forkCommands: ['editor.action.acceptCursorTabSuggestion'],
    kind: 'inline',
    tool: 'Cursor Tab',
    interceptIn: 'cursor',
  },
  {
    command: 'aiProvenance.fork.acceptWindsurfSupercomplete',
    forkCommands: ['windsurf.prioritized.supercompleteAccept', 'codeium.supercompleteAccept'],
    availableKey: 'aiProvenance.windsurfSupercompleteAccept',
    kind: 'next-edit',
    tool: 'Windsurf',
  },
];

/** The first of `candidates` that the editor knows, if any. */
export function firstKnownCommand(candidates: readonly string[], known: ReadonlySet<string>): string | undefined {
  return candidates.find((c) => known.has(c));
}
