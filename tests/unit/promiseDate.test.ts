import { describe, expect, it } from "vitest";

import { quickPromiseDate } from "@/lib/promiseDate";

const at = (iso: string) => new Date(iso);

describe("quick promise date", () => {
  it("is today in the organisation's zone plus the delay", () => {
    expect(quickPromiseDate({ timeZone: "Europe/Paris", delayDays: 3, now: at("2026-12-03T10:00:00Z") })).toBe("2026-12-06");
    expect(quickPromiseDate({ timeZone: "Europe/Paris", delayDays: 0, now: at("2026-12-03T10:00:00Z") })).toBe("2026-12-03");
  });

  it("uses the organisation's day when the server's clock is already on another one", () => {
    // 23:30 UTC: already tomorrow in Paris, still today in New York.
    const now = at("2026-06-15T23:30:00Z");
    expect(quickPromiseDate({ timeZone: "Europe/Paris", delayDays: 0, now })).toBe("2026-06-16");
    expect(quickPromiseDate({ timeZone: "America/New_York", delayDays: 0, now })).toBe("2026-06-15");
    // 02:00 UTC: still yesterday in Los Angeles, already today in Tokyo.
    const early = at("2026-06-16T02:00:00Z");
    expect(quickPromiseDate({ timeZone: "America/Los_Angeles", delayDays: 1, now: early })).toBe("2026-06-16");
    expect(quickPromiseDate({ timeZone: "Asia/Tokyo", delayDays: 1, now: early })).toBe("2026-06-17");
  });

  it("crosses month and year ends", () => {
    expect(quickPromiseDate({ timeZone: "Europe/Paris", delayDays: 5, now: at("2026-01-29T12:00:00Z") })).toBe("2026-02-03");
    expect(quickPromiseDate({ timeZone: "Europe/Paris", delayDays: 3, now: at("2026-12-30T12:00:00Z") })).toBe("2027-01-02");
    expect(quickPromiseDate({ timeZone: "Europe/Paris", delayDays: 1, now: at("2026-12-31T23:30:00Z") })).toBe("2027-01-02");
  });

  it("handles leap days", () => {
    expect(quickPromiseDate({ timeZone: "UTC", delayDays: 1, now: at("2028-02-28T12:00:00Z") })).toBe("2028-02-29");
    expect(quickPromiseDate({ timeZone: "UTC", delayDays: 2, now: at("2028-02-28T12:00:00Z") })).toBe("2028-03-01");
    expect(quickPromiseDate({ timeZone: "UTC", delayDays: 1, now: at("2027-02-28T12:00:00Z") })).toBe("2027-03-01");
  });

  it("is not shifted by daylight saving changes", () => {
    // Paris springs forward on 2026-03-29 and falls back on 2026-10-25 (22:30 UTC is 23:30 in March, 00:30 in late October).
    expect(quickPromiseDate({ timeZone: "Europe/Paris", delayDays: 2, now: at("2026-03-28T22:30:00Z") })).toBe("2026-03-30");
    expect(quickPromiseDate({ timeZone: "Europe/Paris", delayDays: 1, now: at("2026-03-29T00:30:00Z") })).toBe("2026-03-30");
    expect(quickPromiseDate({ timeZone: "Europe/Paris", delayDays: 5, now: at("2026-10-24T22:30:00Z") })).toBe("2026-10-30");
    expect(quickPromiseDate({ timeZone: "America/New_York", delayDays: 1, now: at("2026-03-08T06:30:00Z") })).toBe("2026-03-09");
  });

  it("refuses delays outside D+0 … D+5", () => {
    for (const delayDays of [-1, 6, 1.5, Number.NaN]) {
      expect(() => quickPromiseDate({ timeZone: "UTC", delayDays })).toThrow(RangeError);
    }
  });
});
