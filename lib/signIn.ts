import "server-only";

import { and, count, eq, gt, or, sql } from "drizzle-orm";
import { z } from "zod";

import { getDb } from "@/db/client";
import { signInAttempts, users, type Role } from "@/db/schema";

import { recordAudit } from "./audit";
import { env } from "./env";
import { verifyPassword } from "./password";

export type SignInUser = { id: number; email: string; name: string; role: Role };

/** What the sign-in form sends (Auth.js adds its own fields, such as callbackUrl, beside these). */
export const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** The Credentials provider's check: malformed input is refused before any database work. */
export async function signInWithCredentials(credentials: unknown, ip: string): Promise<SignInUser | null> {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  return authenticate({ ...parsed.data, ip });
}

/**
 * Checks credentials with throttling per account and per IP, counted in the database so the
 * limit holds across app instances. Every failure looks the same to the caller: null.
 */
export async function authenticate(input: {
  email: string;
  password: string;
  ip: string;
  now?: Date;
}): Promise<SignInUser | null> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const { SIGN_IN_MAX_FAILURES, SIGN_IN_WINDOW_MINUTES } = env();
  const since = new Date((input.now ?? new Date()).getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);

  const [failures] = await db
    .select({
      byEmail: count(sql`case when ${signInAttempts.email} = ${email} then 1 end`),
      byIp: count(sql`case when ${signInAttempts.ip} = ${input.ip} then 1 end`),
    })
    .from(signInAttempts)
    .where(
      and(
        or(eq(signInAttempts.email, email), eq(signInAttempts.ip, input.ip)),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.attemptedAt, since),
      ),
    );
  const throttled = (failures?.byEmail ?? 0) >= SIGN_IN_MAX_FAILURES || (failures?.byIp ?? 0) >= SIGN_IN_MAX_FAILURES;

  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));

  // Verify even when throttled or unknown, so timing does not tell which case it was.
  const passwordOk = await verifyPassword(user?.active ? user.passwordHash : null, input.password);
  const succeeded = !throttled && passwordOk && Boolean(user?.active);

  await db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ email, ip: input.ip, succeeded });
    await recordAudit(tx, {
      actorId: succeeded ? user!.id : null,
      event: succeeded ? "auth.sign_in" : throttled ? "auth.sign_in_throttled" : "auth.sign_in_failed",
      entity: "user",
      entityId: user?.id,
      after: { email, ip: input.ip },
    });
  });

  if (!succeeded || !user) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
