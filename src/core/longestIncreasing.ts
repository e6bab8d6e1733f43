/**
 * Longest subsequence of pairs (already ascending in the first element) ascending in the second, by patience sorting
 * in O(n log n): the anchors of both the character aligner (attribution/align.ts) and the line matcher
 * (rewrite/lineMatch.ts) are pairs of positions unique on both sides, kept only where they agree in order.
 */
export function longestIncreasing<P extends readonly [number, number]>(pairs: readonly P[]): P[] {
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < pairs[k][1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const out: P[] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1] : -1; k >= 0; k = previous[k]) out.push(pairs[k]);
  return out.reverse();
}
