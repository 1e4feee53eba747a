import "server-only";

import { eq, lt } from "drizzle-orm";
import { z } from "zod";

import { getDb } from "@/db/client";
import { revokedSessions, users } from "@/db/schema";

import { recordAudit } from "./audit";
import { assertSignedIn, type Actor } from "./authz";
import { LOCALES } from "./i18n/locales";
import { parseInput } from "./validation";

/**
 * Signing out: this sign-in's token is refused from now on, even if a copy of the cookie
 * survives. Revocations of tokens that have expired anyway are cleared on the way.
 */
export async function endSession(
  actor: Actor | null,
  session: { sessionId: string; endsAt: Date },
): Promise<void> {
  assertSignedIn(actor);
  await getDb().transaction(async (tx) => {
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
    await tx
      .insert(revokedSessions)
      .values({ sessionId: session.sessionId, userId: actor.id, expiresAt: session.endsAt })
      .onConflictDoNothing();
    await recordAudit(tx, { actorId: actor.id, event: "auth.sign_out", entity: "user", entityId: actor.id });
  });
}

export const accountPreferencesSchema = z.object({ locale: z.enum([...LOCALES, "organization"]) }).strict();

/** The signed-in user's own preferences ("organization" follows the organisation's language). */
export async function updateAccountPreferences(
  actor: Actor | null,
  input: z.input<typeof accountPreferencesSchema>,
): Promise<{ locale: string | null }> {
  assertSignedIn(actor);
  const { locale } = parseInput(accountPreferencesSchema, input);
  const next = locale === "organization" ? null : locale;
  await getDb().transaction(async (tx) => {
    await tx.update(users).set({ locale: next, updatedAt: new Date() }).where(eq(users.id, actor.id));
    await recordAudit(tx, {
      actorId: actor.id,
      event: "account.update",
      entity: "user",
      entityId: actor.id,
      before: { locale: actor.locale },
      after: { locale: next },
    });
  });
  return { locale: next };
}
