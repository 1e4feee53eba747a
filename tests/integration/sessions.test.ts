import { randomUUID } from "node:crypto";

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { revokedSessions, users } from "@/db/schema";
import { endSession } from "@/lib/account";
import { hashPassword } from "@/lib/password";
import { findActiveActor } from "@/lib/activeActor";

import { useTestDatabase } from "../helpers/db";


const database = useTestDatabase();
let userId: number;

beforeAll(async () => {
  const [row] = await database()
    .db.insert(users)
    .values({ email: "session-user@example.com", name: "Session User", role: "collector", passwordHash: await hashPassword("x-x-x-x-x") })
    .returning({ id: users.id });
  userId = row!.id;
});

describe("every request re-reads the user behind the token", () => {
  it("returns the user as the database has them now", async () => {
    const actor = await findActiveActor({ userId, sessionId: randomUUID() });
    expect(actor).toEqual({ id: userId, email: "session-user@example.com", name: "Session User", role: "collector", locale: null });
  });

  it("a role change applies to a token issued before it", async () => {
    const session = { userId, sessionId: randomUUID() };
    expect(await findActiveActor(session)).toMatchObject({ role: "collector" });
    await database().db.update(users).set({ role: "viewer" }).where(eq(users.id, userId));
    expect(await findActiveActor(session)).toMatchObject({ role: "viewer" });
    await database().db.update(users).set({ role: "collector" }).where(eq(users.id, userId));
  });

  it("a deactivated user's token stops working at the next request", async () => {
    const session = { userId, sessionId: randomUUID() };
    await database().db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await findActiveActor(session)).toBeNull();
    await database().db.update(users).set({ active: true }).where(eq(users.id, userId));
    expect(await findActiveActor(session)).not.toBeNull();
  });

  it("a signed-out session is refused; the same user's other sessions are not", async () => {
    const ended = { userId, sessionId: randomUUID() };
    const other = { userId, sessionId: randomUUID() };
    const actor = (await findActiveActor(ended))!;
    await endSession(actor, { sessionId: ended.sessionId, endsAt: new Date(Date.now() + 3_600_000) });
    expect(await findActiveActor(ended)).toBeNull();
    expect(await findActiveActor(other)).not.toBeNull();
    const [revoked] = await database().db.select().from(revokedSessions).where(eq(revokedSessions.sessionId, ended.sessionId));
    expect(revoked).toMatchObject({ userId });
  });

  it("a token naming a user that does not exist is refused", async () => {
    expect(await findActiveActor({ userId: 2_000_000_000, sessionId: randomUUID() })).toBeNull();
  });
});
