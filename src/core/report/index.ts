/** Public API of the branch report: the model, the review seam and the renderers (markdown, SARIF, Agent Trace). */
export { buildBranchReport, type BranchFacts, type BranchReport, type ReportFile, type ReportHunk } from './build';
export { lineProvenance, reviewBranch, type ReviewSummary } from './review';
export { mdCode, mdText, percent, type MdOptions } from './escape';
export { MARKDOWN_MAX, renderMarkdown } from './markdown';
export { SARIF_SCHEMA, pathToUri, renderSarif } from './sarif';
export { combinedAgentTrace } from './agentTrace';
