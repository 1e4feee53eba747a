import { describe, expect, it } from "vitest";

import { addCalendarDays, calendarDaysBetween, isCalendarDate, isValidTimeZone, todayIn } from "@/lib/calendar";

describe("calendar dates", () => {
  it("reads today in the organisation's zone, not the server's", () => {
    const lateEvening = new Date("2026-12-31T23:30:00Z");
    expect(todayIn("Europe/Paris", lateEvening)).toBe("2027-01-01");
    expect(todayIn("America/New_York", lateEvening)).toBe("2026-12-31");
    expect(todayIn("UTC", lateEvening)).toBe("2026-12-31");
  });
  it("adds days across month, year and leap days", () => {
    expect(addCalendarDays("2026-01-30", 2)).toBe("2026-02-01");
    expect(addCalendarDays("2026-12-30", 5)).toBe("2027-01-04");
    expect(addCalendarDays("2028-02-27", 2)).toBe("2028-02-29");
    expect(addCalendarDays("2026-03-28", 3)).toBe("2026-03-31");
  });
  it("counts days between dates", () => {
    expect(calendarDaysBetween("2026-03-01", "2026-03-31")).toBe(30);
    expect(calendarDaysBetween("2026-03-31", "2026-03-01")).toBe(-30);
  });
  it("validates dates and zones", () => {
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-1-1")).toBe(false);
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
