/**
 * Entry point of the second extension bundle, dist/reviewEngine.js: what computing a review needs (the diff
 * reader, blame over the range, the checklist rules). It is loaded at the first review (./lazyReviewEngine), so
 * activation never parses the rules.
 */
export { loadReview } from './reviewLoader';
