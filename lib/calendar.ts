import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, formatISO, isValid, parseISO } from "date-fns";

/** A calendar date as PostgreSQL's `date` and `<time dateTime>` spell it: YYYY-MM-DD. */
export type CalendarDate = string;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): value is CalendarDate {
  return CALENDAR_DATE.test(value) && isValid(parseISO(value));
}

/** Today's date in the given IANA time zone, whatever the server's own zone. */
export function todayIn(timeZone: string, now: Date = new Date()): CalendarDate {
  return formatISO(new TZDate(now.getTime(), timeZone), { representation: "date" });
}

/** Calendar arithmetic on dates (no clock involved, so DST cannot shift the result). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return formatISO(addDays(parseISO(date), days), { representation: "date" });
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}
