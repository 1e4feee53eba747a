import { beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "@/lib/authz";
import { todayIn } from "@/lib/calendar";
import { getOrganizationProfile, updateOrganizationProfile } from "@/lib/organization";
import { getOrganizationSettings } from "@/lib/settings";

import { actorOf, auditEvents, settingsRow } from "../helpers/adminFixtures";
import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();
let admin: Actor;

beforeAll(async () => {
  admin = await actorOf(database().db, "admin");
});

const profile = (overrides: Record<string, unknown> = {}) => ({
  name: "Demo Company",
  timeZone: "Europe/Paris",
  currency: "EUR",
  locale: "en",
  ...overrides,
});

describe("organisation settings", () => {
  it("reads the seeded organisation", async () => {
    expect(await getOrganizationProfile(admin)).toEqual({
      name: "Demo Company",
      timeZone: "Europe/Paris",
      currency: "EUR",
      locale: "en",
      collectorsOwnCustomersOnly: false,
    });
  });

  it("saves name, time zone, currency, language and the portfolio restriction, and audits the changes only", async () => {
    const { db } = database();
    const saved = await updateOrganizationProfile(admin, {
      name: "  Acme Credit  ",
      timeZone: "Pacific/Auckland",
      currency: "NZD",
      locale: "fr",
      collectorsOwnCustomersOnly: "on",
    });
    expect(saved).toEqual({
      name: "Acme Credit",
      timeZone: "Pacific/Auckland",
      currency: "NZD",
      locale: "fr",
      collectorsOwnCustomersOnly: true,
    });
    expect(await settingsRow(db)).toMatchObject(saved);
    const [audit] = (await auditEvents(db, "organization.update")).slice(-1);
    expect(audit?.before).toEqual({
      name: "Demo Company",
      timeZone: "Europe/Paris",
      currency: "EUR",
      locale: "en",
      collectorsOwnCustomersOnly: false,
    });
    expect(audit?.after).toEqual(saved);

    // An unticked checkbox is absent from the form: the restriction is lifted.
    await updateOrganizationProfile(admin, profile({ name: "Acme Credit", timeZone: "Pacific/Auckland", currency: "NZD", locale: "fr" }));
    const [lifted] = (await auditEvents(db, "organization.update")).slice(-1);
    expect(lifted?.before).toEqual({ collectorsOwnCustomersOnly: true });
    expect(lifted?.after).toEqual({ collectorsOwnCustomersOnly: false });
  });

  it("the time zone decides today's date", async () => {
    await updateOrganizationProfile(admin, profile({ timeZone: "Pacific/Kiritimati" }));
    const settings = await getOrganizationSettings();
    const instant = new Date("2026-03-01T12:30:00Z"); // already 2 March in Kiritimati (UTC+14)
    expect(todayIn(settings.timeZone, instant)).toBe("2026-03-02");
    await updateOrganizationProfile(admin, profile());
  });

  it("stores a time zone under its canonical name", async () => {
    expect((await updateOrganizationProfile(admin, profile({ timeZone: "europe/paris" }))).timeZone).toBe("Europe/Paris");
  });

  it("refuses an unknown time zone, a currency that is not three capital letters, an unknown language, an empty name", async () => {
    const { db } = database();
    const before = await settingsRow(db);
    for (const timeZone of ["Mars/Olympus", "", "Europe/Paris; drop table users"]) {
      await expect(updateOrganizationProfile(admin, profile({ timeZone }))).rejects.toMatchObject({
        key: "organizationTimeZoneInvalid",
      });
    }
    for (const currency of ["eur", "EU", "EURO", "€", "E1R"]) {
      await expect(updateOrganizationProfile(admin, profile({ currency }))).rejects.toMatchObject({
        key: "organizationCurrencyInvalid",
      });
    }
    await expect(updateOrganizationProfile(admin, profile({ locale: "de" }))).rejects.toMatchObject({
      key: "organizationLocaleInvalid",
    });
    await expect(updateOrganizationProfile(admin, profile({ name: "  " }))).rejects.toMatchObject({
      key: "organizationNameLength",
    });
    await expect(
      updateOrganizationProfile(admin, profile({ collectorsOwnCustomersOnly: "maybe" })),
    ).rejects.toMatchObject({ key: "organizationRestrictionInvalid" });
    await expect(
      updateOrganizationProfile(admin, profile({ quickPromiseDelayDays: 9 })),
    ).rejects.toMatchObject({ key: "invalidInput" });
    expect(await settingsRow(db)).toEqual(before);
  });
});
