import { randomUUID } from "node:crypto";

import { and, asc, eq, gt } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { setDatabase, type Database } from "@/db/client";
import { auditLog } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { endSession } from "@/lib/account";
import type { Actor } from "@/lib/authz";
import { ForbiddenError } from "@/lib/errors";
import { createItemStatus, createItemStatusSchema } from "@/lib/itemStatuses";
import { requireCapability } from "@/lib/pageGuards";
import { createAction } from "@/lib/serverAction";
import { getActor, requireActor } from "@/lib/session";
import { authenticate } from "@/lib/signIn";
import { createUser } from "@/lib/users";

import { actorOf } from "../helpers/adminFixtures";
import { useTestDatabase } from "../helpers/db";

// Outside Next: the request (headers), the session and Next's control-flow errors are stand-ins;
// the audit log, the lib functions and the database are real.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/navigation", () => {
  const control = (digest: string) => Object.assign(new Error(digest), { digest });
  return {
    forbidden: () => {
      throw control("NEXT_HTTP_ERROR_FALLBACK;403");
    },
    redirect: (url: string) => {
      throw control(`NEXT_REDIRECT;replace;${url};307;`);
    },
    unstable_rethrow: (error: unknown) => {
      if (typeof (error as { digest?: unknown })?.digest === "string") throw error;
    },
  };
});
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { default: messages } = await import("@/messages/en.json");
  return { getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages, namespace: namespace as "errors" }) };
});
vi.mock("@/lib/auth", () => ({ auth: async () => null, signIn: async () => undefined, signOut: async () => undefined }));
vi.mock("@/lib/session", () => ({ getActor: vi.fn(), requireActor: vi.fn(), getSessionRef: vi.fn() }));

const database = useTestDatabase();
let admin: Actor;
let collector: Actor;
let viewer: Actor;

beforeAll(async () => {
  const { db } = database();
  [admin, collector, viewer] = await Promise.all([actorOf(db, "admin"), actorOf(db, "collector"), actorOf(db, "viewer")]);
});

function signedInAs(actor: Actor | null) {
  vi.mocked(getActor).mockResolvedValue(actor);
  vi.mocked(requireActor).mockImplementation(async () => {
    if (!actor) throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/login;307;" });
    return actor;
  });
}

async function lastAuditId(): Promise<number> {
  const rows = await database().db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id));
  return rows.at(-1)?.id ?? 0;
}

async function entriesSince(id: number, event?: string) {
  return database()
    .db.select()
    .from(auditLog)
    .where(event ? and(gt(auditLog.id, id), eq(auditLog.event, event)) : gt(auditLog.id, id))
    .orderBy(asc(auditLog.id));
}

const createStatusAction = createAction(createItemStatusSchema, (input, actor) => createItemStatus(actor, input), {
  name: "createItemStatus",
});

describe("access denied is in the audit log", () => {
  it("a page refused to a collector records who, when, which path and the capability it needed", async () => {
    signedInAs(collector);
    request.headers = new Headers({ "x-request-path": "/admin/item-statuses" });
    const before = await lastAuditId();
    const startedAt = Date.now();
    await expect(requireCapability("configure")).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
    const [entry, ...more] = await entriesSince(before);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actorId: collector.id,
      event: "auth.access_denied",
      entity: "page",
      after: { path: "/admin/item-statuses", reason: "configure" },
    });
    expect(entry!.occurredAt.getTime()).toBeGreaterThanOrEqual(startedAt - 5_000);
  });

  it("a page allowed to its role records nothing", async () => {
    signedInAs(admin);
    const before = await lastAuditId();
    await expect(requireCapability("configure")).resolves.toMatchObject({ id: admin.id });
    signedInAs(viewer);
    await expect(requireCapability("read")).resolves.toMatchObject({ id: viewer.id });
    expect(await entriesSince(before)).toEqual([]);
  });

  it("a server action refused to a collector answers the refusal and records the action", async () => {
    signedInAs(collector);
    request.headers = new Headers({ "next-action": "40abcdef" });
    const before = await lastAuditId();
    const result = await createStatusAction(null, { label: "Sneaky", category: "other", colour: "#475569", sortOrder: 1 });
    expect(result).toEqual({ ok: false, error: "You are not allowed to do this." });
    const entries = await entriesSince(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: collector.id,
      event: "auth.access_denied",
      entity: "action",
      after: { action: "createItemStatus", reason: "forbidden" },
    });
  });

  it("a server action called without a session records an anonymous refusal, named by Next's action id", async () => {
    signedInAs(null);
    request.headers = new Headers({ "next-action": "7f00c0ffee" });
    const anonymous = createAction(createItemStatusSchema, (input, actor) => createItemStatus(actor, input));
    const before = await lastAuditId();
    const result = await anonymous(null, { label: "Sneaky", category: "other", colour: "#475569", sortOrder: 1 });
    expect(result).toEqual({ ok: false, error: "Your session has ended. Please sign in again." });
    expect(await entriesSince(before)).toMatchObject([
      { actorId: null, event: "auth.access_denied", entity: "action", after: { action: "7f00c0ffee", reason: "notSignedIn" } },
    ]);
  });

  it("an allowed action, an invalid input and an ordinary refusal are not access denials", async () => {
    signedInAs(admin);
    const before = await lastAuditId();
    expect(await createStatusAction(null, { label: "Allowed", category: "other", colour: "#475569", sortOrder: 1 })).toMatchObject({ ok: true });
    expect(await createStatusAction(null, { label: "", category: "nope" })).toMatchObject({ ok: false });
    expect(await entriesSince(before, "auth.access_denied")).toEqual([]);
  });

  it("a failing audit insert never changes the refusal", async () => {
    const real = database();
    const broken = {
      ...real,
      db: {
        insert: () => {
          throw new Error("audit table unavailable");
        },
      },
    } as unknown as Database;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    setDatabase(broken);
    try {
      signedInAs(collector);
      await expect(requireCapability("configure")).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
      const refused = createAction(createItemStatusSchema, async () => {
        throw new ForbiddenError();
      });
      expect(await refused(null, { label: "X", category: "other", colour: "#475569", sortOrder: 1 })).toEqual({
        ok: false,
        error: "You are not allowed to do this.",
      });
      expect(errors.mock.calls.some((call) => String(call[0]).includes("access denial"))).toBe(true);
    } finally {
      setDatabase(real);
      errors.mockRestore();
    }
  });
});

describe("security events in the audit log: who, when, what, and no secrets", () => {
  const secret = `s3cret-${randomUUID()}`;

  it("sign-in success, failure and throttling, and sign-out", async () => {
    const before = await lastAuditId();
    const ok = await authenticate({ email: "viewer@example.com", password: DEMO_PASSWORD, ip: "10.20.0.1" });
    expect(ok).not.toBeNull();
    expect(await authenticate({ email: "viewer@example.com", password: secret, ip: "10.20.0.2" })).toBeNull();
    for (let i = 0; i < 10; i++) await authenticate({ email: "throttle-me@example.com", password: secret, ip: `10.21.0.${i}` });
    expect(await authenticate({ email: "throttle-me@example.com", password: secret, ip: "10.21.1.1" })).toBeNull();
    await endSession(viewer, { sessionId: randomUUID(), endsAt: new Date(Date.now() + 3_600_000) });

    const entries = await entriesSince(before);
    const byEvent = (event: string) => entries.filter((e) => e.event === event);
    expect(byEvent("auth.sign_in")).toMatchObject([
      { actorId: viewer.id, entity: "user", entityId: String(viewer.id), after: { email: "viewer@example.com", ip: "10.20.0.1" } },
    ]);
    expect(byEvent("auth.sign_in_failed")[0]).toMatchObject({
      actorId: null,
      entityId: String(viewer.id),
      after: { email: "viewer@example.com", ip: "10.20.0.2" },
    });
    expect(byEvent("auth.sign_in_failed")).toHaveLength(11);
    expect(byEvent("auth.sign_in_throttled")).toMatchObject([{ actorId: null, after: { email: "throttle-me@example.com", ip: "10.21.1.1" } }]);
    expect(byEvent("auth.sign_out")).toMatchObject([{ actorId: viewer.id, entity: "user", entityId: String(viewer.id) }]);
    for (const entry of entries) expect(entry.occurredAt).toBeInstanceOf(Date);

    const text = JSON.stringify(entries);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain("$argon2");
  });

  it("admin changes record the admin, the entity and old → new, never a password or its hash", async () => {
    const before = await lastAuditId();
    const { id } = await createItemStatus(admin, { label: "Audited by security", category: "other", colour: "#475569", sortOrder: 5 });
    const user = await createUser(admin, { email: "new-hire@example.com", name: "New Hire", role: "collector", password: secret });
    const entries = await entriesSince(before);
    expect(entries).toMatchObject([
      { actorId: admin.id, event: "item_status.create", entity: "item_status", entityId: String(id) },
      { actorId: admin.id, event: "user.create", entity: "user", entityId: String(user.id), after: { email: "new-hire@example.com" } },
    ]);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(secret);
    expect(text).not.toContain("$argon2");
    expect(text.toLowerCase()).not.toContain("passwordhash");
  });
});
