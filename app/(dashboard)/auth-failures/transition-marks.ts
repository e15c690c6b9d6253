/** One vertical line on the timeline: every transition that fell in one bucket. */
export interface TransitionMark {
  /** The bucket's start, epoch ms. */
  x: number;
  /** The states reached in that bucket, in order (`open → quarantined`). */
  text: string;
  /** Whether the mark ends closed (drawn green) or not (red). */
  closed: boolean;
  /** Shown on the chart, or drawn without text because a labelled mark is too close. */
  labelled: boolean;
}

/**
 * Breaker transitions as chart marks that never print over each other: transitions in
 * one bucket share one line and one label ("open → quarantined"), and a label is drawn
 * only when the previous labelled mark is at least `minGapMs` away (the line still is;
 * the table below the chart lists every transition). `at` in ISO 8601, `stepMs` the
 * bucket width.
 */
export function transitionMarks(
  transitions: readonly { at: string; to: string }[],
  stepMs: number,
  minGapMs: number,
): TransitionMark[] {
  const byBucket = new Map<number, string[]>();
  for (const t of [...transitions].sort((a, b) => a.at.localeCompare(b.at))) {
    const x = Math.floor(new Date(t.at).getTime() / stepMs) * stepMs;
    const states = byBucket.get(x) ?? [];
    const state = t.to.replace("_", "-");
    if (states[states.length - 1] !== state) states.push(state);
    byBucket.set(x, states);
  }
  let lastLabelled = -Infinity;
  return [...byBucket.entries()]
    .sort(([a], [b]) => a - b)
    .map(([x, states]) => {
      const labelled = x - lastLabelled >= minGapMs;
      if (labelled) lastLabelled = x;
      return {
        x,
        text: states.join(" → "),
        closed: states[states.length - 1] === "closed",
        labelled,
      };
    });
}
