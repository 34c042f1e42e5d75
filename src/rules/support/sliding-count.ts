/**
 * The largest number of `times` (sorted) that fall in one half-open window [s, s + widthMs)
 * containing `t`, counting `t` itself. `before` holds times ≤ t, `after` times ≥ t, both sorted;
 * windows containing t start in (t - widthMs, t], and the busiest one starts at t or at a time in
 * `before`. Two pointers: O(before + after).
 */
export function busiestWindowWith(t: number, before: readonly number[], after: readonly number[], widthMs: number): number {
  const points = [...before, t, ...after];
  let best = 0;
  let end = 0;
  for (let start = 0; start <= before.length; start++) {
    const s = points[start]!;
    if (s <= t - widthMs) continue;
    if (end < start) end = start;
    while (end < points.length && points[end]! < s + widthMs) end++;
    best = Math.max(best, end - start);
  }
  return best;
}
