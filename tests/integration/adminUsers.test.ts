import { randomUUID } from "node:crypto";

import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { auditLog, users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { verifyPassword } from "@/lib/password";
import { findActiveActor } from "@/lib/activeActor";
import { authenticate } from "@/lib/signIn";
import { changeUserRole, createUser, deactivateUser, listUsers, reactivateUser } from "@/lib/users";

import { actorOf, auditEvents } from "../helpers/adminFixtures";
import { useTestDatabase } from "../helpers/db";

// lib/session.ts imports Auth.js, whose ESM build imports "next/server", which Node cannot resolve
// outside Next. findActiveActor (the function under test) does not use Auth.js: only that import is stubbed.

const database = useTestDatabase();
let admin: Actor;

beforeAll(async () => {
  admin = await actorOf(database().db, "admin");
});

async function userRow(id: number) {
  const [row] = await database().db.select().from(users).where(eq(users.id, id));
  return row!;
}

async function activeAdminCount(): Promise<number> {
  const [row] = await database()
    .db.select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)));
  return row!.n;
}

describe("listing users", () => {
  it("lists the demo users with role and state", async () => {
    const rows = await listUsers(admin);
    expect(rows.map((u) => [u.email, u.role, u.active])).toEqual(
      expect.arrayContaining([
        ["admin@example.com", "admin", true],
        ["collector@example.com", "collector", true],
        ["viewer@example.com", "viewer", true],
      ]),
    );
    expect(rows[0]).not.toHaveProperty("passwordHash");
  });
});

describe("creating users", () => {
  it("creates a user with the given password, hashed with argon2id, and audits it without the password", async () => {
    const password = "correct horse battery";
    const created = await createUser(admin, {
      email: "  Nora.New@Example.com ",
      name: "Nora New",
      role: "collector",
      password,
    });
    expect(created).toMatchObject({ email: "nora.new@example.com", name: "Nora New", role: "collector", generatedPassword: null });
    const row = await userRow(created.id);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
    expect(await authenticate({ email: "nora.new@example.com", password, ip: "10.9.0.1" })).toMatchObject({ id: created.id });

    const logged = await database().db.select().from(auditLog).where(eq(auditLog.entityId, String(created.id)));
    const text = JSON.stringify(logged);
    expect(text).not.toContain(password);
    expect(text).not.toContain(row.passwordHash);
    expect(logged.find((e) => e.event === "user.create")?.after).toMatchObject({
      email: "nora.new@example.com",
      role: "collector",
      passwordGenerated: false,
    });
  });

  it("generates a password when none is given and returns it once", async () => {
    const created = await createUser(admin, { email: "gen@example.com", name: "Gen Erated", role: "viewer", password: "" });
    expect(created.generatedPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const row = await userRow(created.id);
    expect(await verifyPassword(row.passwordHash, created.generatedPassword!)).toBe(true);
    const logged = await database().db.select().from(auditLog).where(eq(auditLog.entityId, String(created.id)));
    expect(JSON.stringify(logged)).not.toContain(created.generatedPassword!);
  });

  it("refuses an email already used, whatever its case", async () => {
    const [before] = await database().db.select({ n: count() }).from(users);
    await expect(
      createUser(admin, { email: "ADMIN@example.com", name: "Copy", role: "viewer", password: "another-password" }),
    ).rejects.toMatchObject({ key: "userEmailTaken", values: { email: "admin@example.com" } });
    const [after] = await database().db.select({ n: count() }).from(users);
    expect(after).toEqual(before);
  });

  it("maps the database's unique violation to the same message when two creations race", async () => {
    const input = { email: "race@example.com", name: "Race", role: "viewer", password: "race-password-1" };
    const results = await Promise.allSettled([createUser(admin, input), createUser(admin, { ...input, email: "RACE@example.com" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [failure] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failure?.reason).toMatchObject({ key: "userEmailTaken" });
  });

  it("refuses an invalid email, an empty name, an unknown role, a short password", async () => {
    const base = { email: "ok@example.com", name: "Ok", role: "viewer", password: "" };
    await expect(createUser(admin, { ...base, email: "not-an-email" })).rejects.toMatchObject({ key: "userEmailInvalid" });
    await expect(createUser(admin, { ...base, name: " " })).rejects.toMatchObject({ key: "userNameLength" });
    await expect(createUser(admin, { ...base, role: "owner" })).rejects.toMatchObject({ key: "userRoleInvalid" });
    await expect(createUser(admin, { ...base, password: "short" })).rejects.toMatchObject({ key: "userPasswordLength" });
    await expect(createUser(admin, { ...base, passwordHash: "x" })).rejects.toMatchObject({ key: "invalidInput" });
  });
});

describe("roles and deactivation take effect at the next request", () => {
  it("findActiveActor returns the new role after a change and null after deactivation, the actor again after reactivation", async () => {
    const created = await createUser(admin, { email: "shift@example.com", name: "Shift", role: "viewer", password: "" });
    const session = { userId: created.id, sessionId: randomUUID() };
    expect(await findActiveActor(session)).toMatchObject({ id: created.id, role: "viewer" });

    await changeUserRole(admin, { id: String(created.id), role: "collector" });
    expect(await findActiveActor(session)).toMatchObject({ id: created.id, role: "collector" });
    expect((await auditEvents(database().db, "user.role_change")).slice(-1)[0]).toMatchObject({
      entityId: String(created.id),
      before: { role: "viewer" },
      after: { role: "collector" },
    });

    await deactivateUser(admin, { id: created.id });
    expect(await findActiveActor(session)).toBeNull();
    expect((await userRow(created.id)).active).toBe(false);
    expect(await authenticate({ email: "shift@example.com", password: "whatever-it-was", ip: "10.9.0.2" })).toBeNull();

    await reactivateUser(admin, { id: created.id });
    expect(await findActiveActor(session)).toMatchObject({ id: created.id, role: "collector" });
    const { db } = database();
    expect((await auditEvents(db, "user.deactivate")).some((e) => e.entityId === String(created.id))).toBe(true);
    expect((await auditEvents(db, "user.reactivate")).some((e) => e.entityId === String(created.id))).toBe(true);
  });

  it("refuses to change, deactivate or reactivate a user that does not exist", async () => {
    await expect(changeUserRole(admin, { id: 999999, role: "viewer" })).rejects.toMatchObject({ key: "userNotFound" });
    await expect(deactivateUser(admin, { id: 999999 })).rejects.toMatchObject({ key: "userNotFound" });
    await expect(reactivateUser(admin, { id: 999999 })).rejects.toMatchObject({ key: "userNotFound" });
    await expect(changeUserRole(admin, { id: admin.id, role: "owner" })).rejects.toMatchObject({ key: "userRoleInvalid" });
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or deactivated, not even by themselves", async () => {
    expect(await activeAdminCount()).toBe(1);
    await expect(changeUserRole(admin, { id: admin.id, role: "collector" })).rejects.toMatchObject({
      key: "lastAdminDemote",
      values: { name: admin.name },
    });
    await expect(deactivateUser(admin, { id: admin.id })).rejects.toMatchObject({ key: "lastAdminDeactivate" });
    expect(await userRow(admin.id)).toMatchObject({ role: "admin", active: true });
  });

  it("an inactive admin does not count: with only a deactivated second admin the last active one stays protected", async () => {
    const other = await createUser(admin, { email: "sleeping@example.com", name: "Sleeping Admin", role: "admin", password: "" });
    await deactivateUser(admin, { id: other.id });
    await expect(changeUserRole(admin, { id: admin.id, role: "viewer" })).rejects.toMatchObject({ key: "lastAdminDemote" });
    // Demoting the inactive admin is fine.
    await changeUserRole(admin, { id: other.id, role: "viewer" });
  });

  it("can be demoted once another admin is active", async () => {
    const second = await createUser(admin, { email: "second@example.com", name: "Second Admin", role: "admin", password: "" });
    await changeUserRole(admin, { id: second.id, role: "collector" });
    await changeUserRole(admin, { id: second.id, role: "admin" });
    await deactivateUser(admin, { id: second.id });
    await reactivateUser(admin, { id: second.id });
    expect(await activeAdminCount()).toBe(2);
    await changeUserRole(admin, { id: second.id, role: "viewer" });
    expect(await activeAdminCount()).toBe(1);
  });

  it("two concurrent demotions of the only two admins cannot both pass", async () => {
    const second = await createUser(admin, { email: "twin@example.com", name: "Twin Admin", role: "admin", password: "" });
    expect(await activeAdminCount()).toBe(2);
    const results = await Promise.allSettled([
      changeUserRole(admin, { id: admin.id, role: "collector" }),
      changeUserRole(admin, { id: second.id, role: "collector" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { key: "lastAdminDemote" } });
    expect(await activeAdminCount()).toBe(1);

    // Same with a demotion racing a deactivation.
    const [survivor] = await database()
      .db.select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)));
    const third = await createUser(admin, { email: "third@example.com", name: "Third Admin", role: "admin", password: "" });
    const mixed = await Promise.allSettled([
      deactivateUser(admin, { id: survivor!.id }),
      changeUserRole(admin, { id: third.id, role: "viewer" }),
    ]);
    expect(mixed.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await activeAdminCount()).toBe(1);

    // Restore the seeded admin for later tests in this file.
    await database()
      .db.update(users)
      .set({ role: "admin", active: true })
      .where(eq(sql`lower(${users.email})`, "admin@example.com"));
  });
});
