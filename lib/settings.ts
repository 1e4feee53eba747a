import "server-only";

import { eq } from "drizzle-orm";

import { getDb, type Queryable } from "@/db/client";
import { organizationSettings, type OrganizationSettings } from "@/db/schema";

import { DomainError } from "./errors";

/** The organisation's single settings row (seeded; migrations alone leave it absent). */
export async function getOrganizationSettings(db: Queryable = getDb()): Promise<OrganizationSettings> {
  const [row] = await db.select().from(organizationSettings).where(eq(organizationSettings.id, 1));
  if (!row) throw new DomainError("organizationMissing");
  return row;
}

/** Same, but null when the database has not been set up yet (sign-in page, health). */
export async function findOrganizationSettings(db: Queryable = getDb()): Promise<OrganizationSettings | null> {
  const [row] = await db.select().from(organizationSettings).where(eq(organizationSettings.id, 1));
  return row ?? null;
}
