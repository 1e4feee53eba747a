import { useFormatter } from "next-intl";

/**
 * A calendar date (YYYY-MM-DD) in the reader's locale. Formatted at UTC midnight in UTC, so no
 * time zone can move it to the day before or after.
 */
export function CalendarDateText({ date, className }: { date: string; className?: string }) {
  const format = useFormatter();
  return (
    <time dateTime={date} className={`whitespace-nowrap ${className ?? ""}`}>
      {format.dateTime(new Date(`${date}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })}
    </time>
  );
}

/** A moment (ISO timestamp), shown in the organisation's time zone (the i18n config's). */
export function DateTimeText({ value, className }: { value: string; className?: string }) {
  const format = useFormatter();
  return (
    <time dateTime={value} className={`whitespace-nowrap ${className ?? ""}`}>
      {format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
}
