/**
 * What `activate` returns: a small read-only view for other extensions and for our integration tests, which must
 * check exactly which characters are attributed and painted in the real editor.
 */
import * as vscode from 'vscode';
import type { Origin } from '../core/attribution';
import type { AttributionService } from './attribution/attributionService';
import type { DecorationController, PaintedRanges } from './decorations/decorationController';
import type { PersistenceController } from './persistence/persistenceController';
import type { TrailerPreviewFeature } from './commit/trailerPreview';
import type { TrailerPreview } from '../git/commit/preview';
import { deferredStartupMs } from './startupWork';

export interface AttributedSpan {
  readonly start: number;
  readonly end: number;
  readonly origin: Origin;
}

export interface AiProvenanceApi {
  /** `activate` itself, synchronous. */
  readonly activationMs: number;
  /** activationMs plus the synchronous part of the work started right after activation, once all of it has run. */
  startupMs(): Promise<number>;
  /** Attributed spans of an open document, as document offsets. */
  spans(uri: vscode.Uri): AttributedSpan[];
  /** Ranges painted in the visible editor of `uri` after pending updates are flushed. */
  paintedRanges(uri: vscode.Uri): PaintedRanges | undefined;
  /** Writes pending working-state records now. */
  flush(): Promise<void>;
  /** Fires when a document's attribution was restored or adopted from the working state. */
  readonly onDidRestore: vscode.Event<vscode.TextDocument>;
  /** Recomputes and returns what the commit hook would add for the staged content. */
  previewTrailers(): Promise<TrailerPreview | undefined>;
}

export function createApi(parts: {
  attribution: AttributionService;
  decorations: DecorationController;
  persistence: PersistenceController;
  trailerPreview: TrailerPreviewFeature;
  activationMs: number;
}): AiProvenanceApi {
  const { attribution, decorations, persistence, trailerPreview } = parts;
  const docFor = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return {
    activationMs: parts.activationMs,
    startupMs: async () => parts.activationMs + (await deferredStartupMs()),
    spans(uri) {
      const doc = docFor(uri);
      if (!doc) return [];
      return attribution.spans(doc).map(([start, end, id]) => ({ start, end, origin: attribution.origins.get(id) }));
    },
    paintedRanges(uri) {
      decorations.flush();
      return decorations.paintedRanges(uri);
    },
    flush: () => persistence.flush(),
    onDidRestore: persistence.onDidRestore,
    previewTrailers: () => trailerPreview.update(),
  };
}
