// The README's performance table is generated from bench/results.md (which `npm run bench` writes), between two
// markers, so the README cannot show figures the last run did not measure.

export const TABLE_START = '<!-- performance-table:start -->';
export const TABLE_END = '<!-- performance-table:end -->';

/** What the README shows for a results.md: when and on what the bench ran, then its table as it is. */
export function performanceSection(results: string): string {
  const produced = /^Produced by `npm run bench` on (\d{4}-\d{2}-\d{2}): (.+)\.$/m.exec(results);
  const table = results.split('\n').filter((line) => line.startsWith('|'));
  if (!produced || table.length < 3) {
    throw new Error('bench/results.md needs its "Produced by `npm run bench` on <date>: <machine>." line and its table; run `npm run bench` to write it.');
  }
  return [`Run of ${produced[1]} on ${produced[2]}, from [\`bench/results.md\`](bench/results.md):`, '', ...table].join('\n');
}

/** `readme` with what stands between the markers replaced by the section for `results`; the rest is kept as it is. */
export function withPerformanceTable(readme: string, results: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md needs the lines ${TABLE_START} and ${TABLE_END} around its performance table.`);
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n${performanceSection(results)}\n${readme.slice(end)}`;
}
