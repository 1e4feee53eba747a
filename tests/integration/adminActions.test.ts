import { asc } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { itemStatuses } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { getActor } from "@/lib/session";

import {
  changeUserRoleAction,
  createActionTemplateAction,
  createItemStatusAction,
  createUserAction,
  saveQuickPromisePreferencesAction,
  updateOrganizationAction,
} from "@/app/(app)/admin/actions";

import { actorOf, adminSnapshot, statusByLabel } from "../helpers/adminFixtures";
import { useTestDatabase } from "../helpers/db";

// Outside Next: the request context (session, headers, translations' request config, the cache)
// is stood in for; the server actions, the lib functions and the database are the real ones.
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  unstable_rethrow: (error: unknown) => {
    if (typeof (error as { digest?: unknown })?.digest === "string") throw error;
  },
  forbidden: () => {
    throw Object.assign(new Error("forbidden"), { digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
  },
  redirect: () => {
    throw Object.assign(new Error("redirect"), { digest: "NEXT_REDIRECT" });
  },
}));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { default: messages } = await import("@/messages/en.json");
  return {
    getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages, namespace: namespace as "errors" }),
  };
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

beforeEach(() => {
  vi.mocked(getActor).mockResolvedValue(admin);
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe("admin server actions", () => {
  it("create a status from a form and answer its id", async () => {
    const result = await createItemStatusAction(
      null,
      form({ label: "From a form", category: "dispute", colour: "#0D9488", actionTemplateId: "", sortOrder: "65" }),
    );
    expect(result).toMatchObject({ ok: true, data: { label: "From a form" } });
    const rows = await database().db.select().from(itemStatuses).orderBy(asc(itemStatuses.id));
    expect(rows.at(-1)).toMatchObject({ label: "From a form", colour: "#0d9488", category: "dispute", sortOrder: 65 });
  });

  it("show each invalid field's own message next to it", async () => {
    const result = await createItemStatusAction(
      null,
      form({ label: "", category: "legal", colour: "red", actionTemplateId: "x", sortOrder: "-3" }),
    );
    expect(result).toEqual({
      ok: false,
      error: "Some of the information sent is not valid. Please check it and try again.",
      fieldErrors: {
        label: "Enter a label of 1 to 60 characters.",
        category: "Choose a category: promise, dispute or other.",
        colour: "Choose one of the colours offered.",
        actionTemplateId: "Choose an action template from the list, or none.",
        sortOrder: "Enter a whole number from 0 to 9999 for the display order.",
      },
    });
  });

  it("refuse a delay beyond D+5 whatever the browser sent, next to the delay", async () => {
    const status = await statusByLabel(database().db, "Promise to pay");
    const before = await adminSnapshot(database().db);
    const result = await saveQuickPromisePreferencesAction(null, form({ statusId: String(status.id), delayDays: "9" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { delayDays: "The promised payment date must be between D+0 and D+5." },
    });
    expect(await adminSnapshot(database().db)).toEqual(before);
  });

  it("attach a refusal about one field to that field: a label already used, an archived status, the last admin", async () => {
    expect(
      await createItemStatusAction(null, form({ label: "PROMISE TO PAY", category: "promise", colour: "#2563eb", sortOrder: "1" })),
    ).toEqual({
      ok: false,
      error: "A status called “PROMISE TO PAY” already exists (capitals do not count). Choose another label.",
      fieldErrors: { label: "A status called “PROMISE TO PAY” already exists (capitals do not count). Choose another label." },
    });
    expect(
      await createActionTemplateAction(
        null,
        form({ name: "check promised payment", channel: "call", title: "x", instructions: "", dueOffsetDays: "0" }),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining("already exists") } });
    expect(await saveQuickPromisePreferencesAction(null, form({ statusId: "999999", delayDays: "2" }))).toMatchObject({
      ok: false,
      fieldErrors: { statusId: "The chosen status does not exist (any more). Reload the page and choose another one." },
    });
    expect(await changeUserRoleAction(null, form({ id: String(admin.id), role: "viewer" }))).toMatchObject({
      ok: false,
      fieldErrors: { role: expect.stringContaining("is the last active administrator") },
    });
  });

  it("return a generated password once, and never a hash", async () => {
    const result = await createUserAction(null, form({ email: "formuser@example.com", name: "Form User", role: "viewer", password: "" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.data).sort()).toEqual(["email", "generatedPassword", "id"]);
    expect(result.data.generatedPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
  });

  it("save the organisation with the checkbox unticked (absent from the form)", async () => {
    expect(
      await updateOrganizationAction(null, form({ name: "Demo Company", timeZone: "Europe/Paris", currency: "EUR", locale: "en" })),
    ).toEqual({ ok: true, data: { saved: true } });
  });

  it.each([
    ["collector", () => collector],
    ["viewer", () => viewer],
  ] as const)("are refused to a %s, who changes nothing", async (_role, who) => {
    vi.mocked(getActor).mockResolvedValue(who());
    const before = await adminSnapshot(database().db);
    const status = await statusByLabel(database().db, "Promise to pay");
    const results = [
      await createItemStatusAction(null, form({ label: "Sneaky", category: "other", colour: "#475569", sortOrder: "1" })),
      await saveQuickPromisePreferencesAction(null, form({ statusId: String(status.id), delayDays: "3" })),
      await createUserAction(null, form({ email: "sneaky@example.com", name: "Sneaky", role: "admin", password: "" })),
      await changeUserRoleAction(null, form({ id: String(who().id), role: "admin" })),
    ];
    for (const result of results) expect(result).toEqual({ ok: false, error: "You are not allowed to do this." });
    // The refusals themselves are audited (auth.access_denied); nothing else changed.
    const withoutDenials = (snapshot: typeof before) => ({
      ...snapshot,
      audit: snapshot.audit.filter((entry) => entry.event !== "auth.access_denied"),
    });
    const after = await adminSnapshot(database().db);
    expect(after.audit.filter((entry) => entry.event === "auth.access_denied").length).toBe(
      before.audit.filter((entry) => entry.event === "auth.access_denied").length + results.length,
    );
    expect(withoutDenials(after)).toEqual(withoutDenials(before));
  });

  it("are refused to a signed-out caller", async () => {
    vi.mocked(getActor).mockResolvedValue(null);
    expect(
      await createItemStatusAction(null, form({ label: "Anon", category: "other", colour: "#475569", sortOrder: "1" })),
    ).toEqual({ ok: false, error: "Your session has ended. Please sign in again." });
  });
});
