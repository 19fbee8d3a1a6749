// Numbers as the benchmark's reports write them, and the statistics they use
// (bench/run.mjs, bench/prebuilt.mjs, bench/e2e.mjs).

/** `0.42 ms`, `12.3 ms`, `345 ms`; `–` for none. */
export const ms = (x) => (x == null ? '–' : x >= 100 ? x.toFixed(0) + ' ms' : x >= 10 ? x.toFixed(1) + ' ms' : x.toFixed(2) + ' ms');
/** Milliseconds as `1.23 s` or `12.3 s` from a second up, else as {@link ms}. */
export const secs = (x) => (x >= 10_000 ? (x / 1000).toFixed(1) + ' s' : x >= 1000 ? (x / 1000).toFixed(2) + ' s' : ms(x));
/** Bytes as `12.3 MB`. */
export const mb = (x) => (x / 1e6).toFixed(1) + ' MB';
/** `0.25×`; `–` when either side is missing. */
export const ratio = (a, b) => (a != null && b > 0 ? (a / b).toFixed(2) + '×' : '–');

/** The `p`th percentile (nearest rank) of `values`; null if there are none. */
export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** The median (the lower one of an even count). */
export const median = (values) => percentile(values, 50);
