// Numbers as people type them into the wizards, turned into what the API takes. Text that is not a number
// becomes NaN, which the src/failover rules then report with a message that says what to enter.
import type * as v from 'valibot';
import { SECONDS_PER_UNIT } from '../failover';
import type { durationInputSchema } from './pageMessageSchemas';

export type DurationInput = v.InferOutput<typeof durationInputSchema>;

/** `" 42 "` → 42; `""`, `"4.5"`, `"1e3"`, `"-1"` → NaN. */
export function parseWholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
}

/** `{value: '1.5', unit: 'hours'}` → 5400; NaN when the text is not a number or the result is not whole seconds. */
export function durationSeconds(input: DurationInput): number {
  const trimmed = input.value.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return NaN;
  const seconds = Number(trimmed) * SECONDS_PER_UNIT[input.unit];
  const whole = Math.round(seconds);
  // Decimal units such as 0.1 hours carry float noise; anything else that is not whole stays invalid.
  return Math.abs(seconds - whole) < 1e-6 ? whole : NaN;
}
