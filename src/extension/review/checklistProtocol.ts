/**
 * The messages between the checklist webview (media/checklist.js) and its host. The webview speaks first
 * (`ready`); the host answers with the whole state and re-sends it on every change. Messages from the webview are
 * validated before use: a webview is a page, and pages are not trusted.
 */
import type { Severity, Tier } from '../../core/review';

export interface FindingView {
  /** Index in the review's findings (see ReviewModel.findings). */
  readonly id: number;
  readonly title: string;
  readonly why: string;
  /** "src/a.ts:4-6", or "whole change". */
  readonly where: string;
  readonly severity: Severity;
  readonly inAi: boolean;
  /** False for findings about the change as a whole: there are no lines to reveal. */
  readonly revealable: boolean;
  /** How many places the finding stands for (one rule in one file is one finding). */
  readonly count: number;
  /** Where each listed place is, first = `where`; "show all" reveals one by its index. */
  readonly places: readonly string[];
}

export interface ItemView {
  readonly id: string;
  readonly title: string;
  readonly whatToDo: string;
  readonly severity: Severity | null;
  /** Any of its findings lies in AI-written lines. */
  readonly inAi: boolean;
  readonly checked: boolean;
  readonly note: string;
  readonly findings: readonly FindingView[];
}

export interface ChecklistState {
  /** What is reviewed, e.g. "feature/x vs merge base with main". */
  readonly label: string;
  readonly tier: Tier;
  /** What sign-off the tier asks for. */
  readonly signOff: string;
  readonly reasons: readonly string[];
  /** The checklist's header: size and AI share of the change, and how the rules read it. Null when unknown. */
  readonly header: { readonly size: string; readonly analysis: string } | null;
  readonly progress: { readonly reviewed: number; readonly total: number };
  /** Items a signal (or the tier) raised: those with findings in AI lines first. */
  readonly triggered: readonly ItemView[];
  /** Generic items nothing raised, shown folded. */
  readonly folded: readonly ItemView[];
  readonly reviewer: string | null;
  /** Why sign-off is not possible here (the work tree has no commit), or null. */
  readonly signOffBlocked: string | null;
  readonly noteMax: number;
}

export type HostMessage =
  { readonly type: 'state'; readonly state: ChecklistState } | { readonly type: 'status'; readonly text: string };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'toggle'; readonly itemId: string; readonly checked: boolean }
  | { readonly type: 'note'; readonly itemId: string; readonly text: string }
  | { readonly type: 'reveal'; readonly findingId: number; readonly place?: number }
  | { readonly type: 'signOff' }
  | { readonly type: 'nextHunk' };

const ITEM_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const NOTE_LIMIT = 10_000;

/** The message, or undefined when it is not one the webview may send. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'signOff':
    case 'nextHunk':
      return { type: m.type };
    case 'toggle':
      return typeof m.itemId === 'string' && ITEM_ID.test(m.itemId) && typeof m.checked === 'boolean'
        ? { type: 'toggle', itemId: m.itemId, checked: m.checked }
        : undefined;
    case 'note':
      return typeof m.itemId === 'string' &&
        ITEM_ID.test(m.itemId) &&
        typeof m.text === 'string' &&
        m.text.length <= NOTE_LIMIT
        ? { type: 'note', itemId: m.itemId, text: m.text }
        : undefined;
    case 'reveal':
      if (typeof m.findingId !== 'number' || !Number.isSafeInteger(m.findingId) || m.findingId < 0) return undefined;
      if (m.place === undefined) return { type: 'reveal', findingId: m.findingId };
      return typeof m.place === 'number' && Number.isSafeInteger(m.place) && m.place >= 0 && m.place < 1000
        ? { type: 'reveal', findingId: m.findingId, place: m.place }
        : undefined;
    default:
      return undefined;
  }
}
