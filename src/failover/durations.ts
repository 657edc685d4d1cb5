// Seconds shown in the units people use for MCLT and the switchover interval.

/** The units a duration can be typed in, smallest first. */
export const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const SECONDS_PER_UNIT: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** `3600` → `1 hour`, `5400` → `1 hour 30 minutes`, `0` → `0 seconds`. */
export function formatDuration(totalSeconds: number): string {
  if (totalSeconds <= 0) return '0 seconds';
  const parts: string[] = [];
  let rest = totalSeconds;
  for (const unit of ['days', 'hours', 'minutes', 'seconds'] as const) {
    const size = SECONDS_PER_UNIT[unit];
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${count === 1 ? unit.slice(0, -1) : unit}`);
  }
  return parts.join(' ');
}

/** The largest unit that shows `seconds` as a whole number, for prefilling a form. */
export function bestUnit(seconds: number): { value: number; unit: DurationUnit } {
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (seconds > 0 && seconds % SECONDS_PER_UNIT[unit] === 0) return { value: seconds / SECONDS_PER_UNIT[unit], unit };
  }
  return { value: seconds, unit: 'seconds' };
}
