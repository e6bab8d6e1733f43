/**
 * The reviewer's screens, wired together: the AI Review tree, review diffs with annotations, the checklist
 * webview and sign-off. Nothing runs git until a review view shows or a review command runs.
 */
import * as vscode from 'vscode';
import { lineView } from '../../core/attribution';
import { HUMAN_LINE, lineOrigin, type LineSource } from '../../core/blame';
import type { RepoInfo } from '../../git/repo';
import type { AttributionService } from '../attribution/attributionService';
import { CommandId } from '../commandIds';
import { registerInspectionCommand } from '../inspectionCommands';
import { Disposable } from '../lifecycle';
import type { WindowRepositories } from '../repositories';
import { ChecklistViewProvider } from './checklistView';
import { DiffAnnotations } from './diffAnnotations';
import { ReviewActions, registerReviewCommands } from './reviewCommands';
import { ReviewSession } from './reviewSession';
import { ReviewTree, type ReviewNode } from './reviewTree';
import { registerRevisionContent } from './revisionContent';
import { signOff, type SignOffOptions } from './signOff';

/** Read-only inspection for integration tests, registered only in a test run (../inspectionCommands). */
const REVIEW_SNAPSHOT_COMMAND = 'aiProvenance.internal.reviewSnapshot';
const REVIEW_ANNOTATIONS_COMMAND = 'aiProvenance.internal.reviewAnnotations';
const CHECKLIST_STATE_COMMAND = 'aiProvenance.internal.checklistState';

export class ReviewFeature extends Disposable {
  constructor(
    context: vscode.ExtensionContext,
    attribution: AttributionService,
    flush: () => Promise<void>,
    log: (message: string) => void,
    repos: WindowRepositories,
  ) {
    super();
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    this.register(registerRevisionContent());
    const session = this.register(
      new ReviewSession(
        context.workspaceState,
        { flush, liveLines: liveLinesOf(attribution), sarifFiles: configuredSarifFiles },
        log,
      ),
    );
    const tree = this.register(new ReviewTree(session));
    const annotations = this.register(new DiffAnnotations(session, media));
    const actions = new ReviewActions(session, tree, annotations, (choice) =>
      repos.pick('AI Review: review which repository?', choice),
    );
    const runSignOff = async (options?: SignOffOptions) => {
      try {
        return await signOff(session, options);
      } catch (err) {
        void vscode.window.showErrorMessage(`AI Review: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    };
    const checklist = this.register(
      new ChecklistViewProvider(
        session,
        media,
        {
          revealFinding: (id, place) => actions.revealFinding(id, place),
          signOff: async () => void (await runSignOff()),
          nextHunk: async () => void (await actions.nextUnreviewed()),
        },
        log,
      ),
    );
    this.register(registerReviewCommands(actions, session));
    this.register(
      vscode.commands.registerCommand(CommandId.ReviewSignOff, (options?: SignOffOptions) =>
        runSignOff(isOptions(options) ? options : undefined),
      ),
    );
    this.register(registerInspectionCommand(REVIEW_SNAPSHOT_COMMAND, () => snapshot(session, tree)));
    this.register(
      registerInspectionCommand(REVIEW_ANNOTATIONS_COMMAND, (uri: vscode.Uri) => {
        annotations.flush();
        return uri ? annotations.paintedFor(uri) : undefined;
      }),
    );
    this.register(
      registerInspectionCommand(CHECKLIST_STATE_COMMAND, () => ({
        ready: checklist.isReady,
        message: checklist.lastMessage,
      })),
    );
  }
}

function isOptions(value: unknown): value is SignOffOptions {
  return typeof value === 'object' && value !== null && !('type' in value);
}

/** Live line sources of the open, unmodified document at `absPath` whose text equals what is on disk. */
function liveLinesOf(attribution: AttributionService) {
  return (absPath: string, diskText: string): LineSource[] | undefined => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === absPath);
    if (!doc || !attribution.has(doc) || doc.getText() !== diskText) return undefined;
    return lineView(diskText, attribution.spans(doc)).map((l) =>
      l.kind === 'human'
        ? HUMAN_LINE
        : {
            authorship: l.kind,
            evidence: 'working-state',
            origins: l.origins.map((id) => lineOrigin(attribution.origins.get(id))),
          },
    );
  };
}

/** What the view shows, as plain data. */
function snapshot(session: ReviewSession, tree: ReviewTree) {
  const s = session.current;
  if (s.status !== 'ready') return { status: s.status, ...(s.status === 'error' ? { message: s.message } : {}) };
  const review = s.review;
  const nodes = tree.getChildren();
  return {
    status: s.status,
    root: review.repo.root,
    label: review.label,
    scope: review.scope,
    baseCommit: review.baseCommit,
    headCommit: review.headCommit,
    tier: review.review.tier,
    progress: session.progress(),
    roots: nodes.map((n: ReviewNode) => n.type),
    files: review.model.files.map((f) => ({
      path: f.path,
      status: f.status,
      share: f.share,
      addedLines: f.addedLines,
      aiLines: f.aiLines,
      hunks: f.hunks.map((h) => ({
        key: h.key,
        startLine: h.startLine,
        endLine: h.endLine,
        kind: h.kind,
        aiLines: h.aiLines,
        reviewed: session.reviewedKeys.has(h.key),
        findings: h.findings.map((e) => e.finding.ruleId),
      })),
      otherFindings: f.otherFindings.map((e) => e.finding.ruleId),
    })),
    findings: review.model.findings.map((e) => ({
      id: e.id,
      ruleId: e.finding.ruleId,
      file: e.finding.file,
      range: e.finding.range,
      inAi: e.finding.inAi,
    })),
    checklist: review.review.checklist.map((c) => ({
      id: c.id,
      status: c.status,
      checked: session.checkedItems.has(c.id),
    })),
    warnings: review.warnings,
  };
}

/** `aiProvenance.review.sarifFiles` for the repository (resource-scoped: a multi-root workspace may differ per folder). */
function configuredSarifFiles(repo: RepoInfo): readonly string[] {
  const value = vscode.workspace
    .getConfiguration('aiProvenance.review', vscode.Uri.file(repo.root))
    .get<unknown>('sarifFiles');
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').slice(0, 50)
    : [];
}
