import "server-only";

import { eq } from "drizzle-orm";
import { z } from "zod";

import { getDb, type Queryable } from "@/db/client";
import { organizationSettings, type OrganizationSettings } from "@/db/schema";

import { checkboxField, textField } from "./adminValidation";
import { recordAudit } from "./audit";
import { assertAdmin, type Actor } from "./authz";
import { isValidTimeZone } from "./calendar";
import { DomainError } from "./errors";
import { LOCALES } from "./i18n/locales";
import { getOrganizationSettings } from "./settings";
import { parseInput } from "./validation";

export const ORGANIZATION_NAME_MAX = 120;

/** The IANA name Intl uses for a zone given in any accepted spelling ("europe/paris" → "Europe/Paris"). */
function canonicalTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat("en", { timeZone }).resolvedOptions().timeZone;
}

export const organizationSettingsSchema = z
  .object({
    name: textField(1, ORGANIZATION_NAME_MAX, "organizationNameLength"),
    // The time zone decides what "today" is for promise dates: it must be one the server knows.
    timeZone: z
      .string({ error: "organizationTimeZoneInvalid" })
      .trim()
      .min(1, { error: "organizationTimeZoneInvalid" })
      .max(64, { error: "organizationTimeZoneInvalid" })
      .refine(isValidTimeZone, { error: "organizationTimeZoneInvalid" })
      .transform(canonicalTimeZone),
    currency: z
      .string({ error: "organizationCurrencyInvalid" })
      .trim()
      .regex(/^[A-Z]{3}$/, { error: "organizationCurrencyInvalid" }),
    locale: z.enum(LOCALES, { error: "organizationLocaleInvalid" }),
    collectorsOwnCustomersOnly: checkboxField("organizationRestrictionInvalid"),
  })
  .strict();

export type OrganizationProfile = Pick<
  OrganizationSettings,
  "name" | "timeZone" | "currency" | "locale" | "collectorsOwnCustomersOnly"
>;

function profile(row: OrganizationSettings): OrganizationProfile {
  return {
    name: row.name,
    timeZone: row.timeZone,
    currency: row.currency,
    locale: row.locale,
    collectorsOwnCustomersOnly: row.collectorsOwnCustomersOnly,
  };
}

export async function getOrganizationProfile(actor: Actor | null, db: Queryable = getDb()): Promise<OrganizationProfile> {
  assertAdmin(actor);
  return profile(await getOrganizationSettings(db));
}

/** Name, time zone, currency, language and the portfolio restriction of the organisation. */
export async function updateOrganizationProfile(actor: Actor | null, input: unknown): Promise<OrganizationProfile> {
  assertAdmin(actor);
  const data = parseInput(organizationSettingsSchema, input);
  return getDb().transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(organizationSettings)
      .where(eq(organizationSettings.id, 1))
      .for("update");
    if (!current) throw new DomainError("organizationMissing");
    const [updated] = await tx
      .update(organizationSettings)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(organizationSettings.id, 1))
      .returning();
    const before = profile(current);
    const after = profile(updated!);
    const changed = (Object.keys(after) as (keyof OrganizationProfile)[]).filter((key) => before[key] !== after[key]);
    if (changed.length > 0) {
      await recordAudit(tx, {
        actorId: actor.id,
        event: "organization.update",
        entity: "organization_settings",
        entityId: 1,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
    }
    return after;
  });
}
