import { addCalendarDays, todayIn, type CalendarDate } from "./calendar";

/** A quick promise is a short-term commitment: D+0 … D+5, never more. */
export const QUICK_PROMISE_DELAYS = [0, 1, 2, 3, 4, 5] as const;
export const MAX_QUICK_PROMISE_DELAY = 5;

/**
 * The promise date of a Quick Promise: today in the organisation's time zone plus `delayDays`
 * calendar days. A calendar date, never a timestamp, so DST changes cannot shift it.
 */
export function quickPromiseDate(input: { timeZone: string; delayDays: number; now?: Date }): CalendarDate {
  const { timeZone, delayDays, now = new Date() } = input;
  if (!Number.isInteger(delayDays) || delayDays < 0 || delayDays > MAX_QUICK_PROMISE_DELAY) {
    throw new RangeError(`A quick promise delay is 0 to ${MAX_QUICK_PROMISE_DELAY} days, not ${delayDays}.`);
  }
  return addCalendarDays(todayIn(timeZone, now), delayDays);
}
