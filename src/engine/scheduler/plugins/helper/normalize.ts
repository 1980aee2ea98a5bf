/** The highest score a Score plugin may give after normalisation (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

/**
 * helper.DefaultNormalizeScore: scale scores so the largest becomes `max` (integer arithmetic, truncating as
 * Go's int64 division); with `reverse`, higher raw scores become lower. All-zero scores become `max` when
 * reversed and stay 0 otherwise.
 */
export function defaultNormalizeScore(max: number, reverse: boolean, scores: Int32Array, n: number): void {
  let maxCount = 0;
  for (let k = 0; k < n; k++) if (scores[k] > maxCount) maxCount = scores[k];
  if (maxCount === 0) {
    if (reverse) for (let k = 0; k < n; k++) scores[k] = max;
    return;
  }
  for (let k = 0; k < n; k++) {
    let s = Math.trunc((max * scores[k]) / maxCount);
    if (reverse) s = max - s;
    scores[k] = s;
  }
}
