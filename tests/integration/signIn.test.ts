import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { auditLog, signInAttempts, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { authenticate } from "@/lib/signIn";

import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();

describe("sign-in", () => {
  it("accepts the right password, whatever the email's case", async () => {
    const user = await authenticate({ email: " Collector@Example.com ", password: DEMO_PASSWORD, ip: "10.0.0.1" });
    expect(user).toMatchObject({ email: "collector@example.com", role: "collector" });
    const [logged] = await database()
      .db.select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.event, "auth.sign_in"), eq(auditLog.actorId, user!.id)));
    expect(logged?.n).toBe(1);
  });

  it("refuses a wrong password and an unknown email alike, and records both", async () => {
    expect(await authenticate({ email: "viewer@example.com", password: "nope", ip: "10.0.0.2" })).toBeNull();
    expect(await authenticate({ email: "nobody@example.com", password: "nope", ip: "10.0.0.2" })).toBeNull();
    const [failures] = await database()
      .db.select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.event, "auth.sign_in_failed"));
    expect(failures?.n).toBeGreaterThanOrEqual(2);
    const logged = await database().db.select().from(auditLog).where(eq(auditLog.event, "auth.sign_in_failed"));
    expect(JSON.stringify(logged)).not.toContain("nope");
  });

  it("refuses a deactivated user", async () => {
    const { db } = database();
    await db.insert(users).values({
      email: "gone@example.com",
      name: "Gone",
      role: "collector",
      active: false,
      passwordHash: (await db.select().from(users).where(eq(users.email, "viewer@example.com")))[0]!.passwordHash,
    });
    expect(await authenticate({ email: "gone@example.com", password: DEMO_PASSWORD, ip: "10.0.0.3" })).toBeNull();
  });

  it("throttles an account after 10 failures, even with the right password and from other addresses", async () => {
    for (let i = 0; i < 10; i++) {
      await authenticate({ email: "admin@example.com", password: `wrong-${i}`, ip: `10.1.0.${i}` });
    }
    expect(await authenticate({ email: "admin@example.com", password: DEMO_PASSWORD, ip: "10.1.1.1" })).toBeNull();
    const [throttled] = await database()
      .db.select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.event, "auth.sign_in_throttled"));
    expect(throttled?.n).toBe(1);
  });

  it("throttles an address after 10 failures, whatever the account", async () => {
    for (let i = 0; i < 10; i++) {
      await authenticate({ email: `guess${i}@example.com`, password: "x", ip: "10.2.0.1" });
    }
    expect(await authenticate({ email: "viewer@example.com", password: DEMO_PASSWORD, ip: "10.2.0.1" })).toBeNull();
    expect(await authenticate({ email: "viewer@example.com", password: DEMO_PASSWORD, ip: "10.2.0.2" })).not.toBeNull();
  });

  it("forgets failures older than the window", async () => {
    const { db } = database();
    const old = new Date(Date.now() - 16 * 60_000);
    await db
      .insert(signInAttempts)
      .values(Array.from({ length: 12 }, () => ({ email: "collector@example.com", ip: "10.3.0.1", succeeded: false, attemptedAt: old })));
    expect(await authenticate({ email: "collector@example.com", password: DEMO_PASSWORD, ip: "10.3.0.1" })).not.toBeNull();
  });
});
