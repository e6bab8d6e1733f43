/** Public API of the branch report: the model, the review seam and the renderers (markdown, SARIF, Agent Trace). */
export { buildBranchReport, type BranchFacts, type BranchReport } from './build';
export { reviewBranch, type ReviewSummary } from './review';
export { mdCode } from './escape';
export { renderMarkdown } from './markdown';
export { pathToUri, renderSarif } from './sarif';
export { combinedAgentTrace } from './agentTrace';
