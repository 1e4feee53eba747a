import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, request, test, type APIRequestContext } from "@playwright/test";

import { emailOf, PASSWORD, storageStateOf, type RoleName } from "./users";

/*
 * Issue 6, requirement 2 at the HTTP edge: every server action of the build, posted straight to the
 * built app the way React's client posts it (not through the UI), by nobody, a viewer, a collector
 * and an admin; then all of it again with the old middleware-bypass header, which must change
 * nothing. The action ids come from the build's manifest, so an action added to the app without a
 * row in ACTIONS fails the first test.
 *
 * One app and one database serve every spec file, so the writes here stay off the records the other
 * specs use (ACME, Globex, the demo users): follow-ups, statuses and Quick Promises go to customers
 * C-1010, C-1011 and C-1013; the statuses, templates and users made here are new ones, and every
 * setting ends as the seed had it (Quick Promise "Not configured", the organisation unchanged).
 * No call here is a failed sign-in (the per-IP throttle is shared with the other specs), and signing
 * out uses sessions made for it, never the shared ones of tests/e2e/.auth. Each refusal adds an
 * "auth.access_denied" entry to the audit log: that write is deliberate (lib/accessDenied.ts).
 */

const ROLES = ["nobody", "viewer", "collector", "admin"] as const;
type Caller = (typeof ROLES)[number];

const port = Number(process.env.E2E_PORT ?? 3210);
const distDir = port === 3210 ? ".next-e2e" : `.next-e2e-${port}`;
const MANIFEST = path.join(import.meta.dirname, "../..", distDir, "server/server-reference-manifest.json");

const { errors } = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../messages/en.json"), "utf8")) as {
  errors: Record<string, string>;
};
const FORBIDDEN = errors.forbidden!;
const NOT_SIGNED_IN = errors.notSignedIn!;
const BYPASS = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };

type ManifestEntry = { filename: string; exportedName: string; workers: Record<string, unknown> };
type BuiltAction = { id: string; exportedName: string; workers: string[] };

function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, exportedName: entry.exportedName, workers: Object.keys(entry.workers) }));
}

/** "app/(app)/customers/[customerId]/page" → "/customers/42" (route groups dropped, segments filled in). */
function routeOf(worker: string, params: Record<string, number>): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment))
    .map((segment) => {
      const name = /^\[(\w+)\]$/.exec(segment)?.[1];
      if (!name) return segment;
      if (params[name] === undefined) throw new Error(`No id for the route segment ${segment}`);
      return String(params[name]);
    });
  return `/${segments.join("/")}`;
}

/** What the action's arguments are: the usual (previousState, payload), a FormData, or none. */
type Args = { json: unknown[] } | { form: Record<string, string> };
const state = (payload: Record<string, unknown>): Args => ({ json: [null, payload] });

type Outcome = {
  status: number;
  /** A redirect before the action ran (the proxy sends a signed-out visitor to the sign-in page). */
  location: string | null;
  /** A redirect the action asked for (`x-action-redirect`). */
  actionRedirect: string | null;
  /** The action's return value, read from the RSC response. */
  result: { ok?: boolean; data?: Record<string, unknown>; error?: string } | undefined;
  setCookies: string[];
};

/**
 * The value an action returned: the RSC stream's root row 0 names it ("a":"$@1"), and that row is
 * its JSON (the rest of the stream is the re-rendered page, when the action revalidated).
 */
function actionResult(body: string): Outcome["result"] {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match && !rows.has(match[1]!)) rows.set(match[1]!, match[2]!);
  }
  const root = rows.get("0");
  if (!root?.startsWith("{")) return undefined;
  const ref = /^\$@([0-9a-f]+)$/.exec(String((JSON.parse(root) as { a?: unknown }).a ?? ""))?.[1];
  const row = ref === undefined ? undefined : rows.get(ref);
  return row?.startsWith("{") ? JSON.parse(row) : undefined;
}

const pathnameOf = (url: string | null) => (url === null ? null : new URL(url, "http://x").pathname);

type Ctx = {
  baseURL: string;
  origin: string;
  headers: Record<string, string>;
  /** The signed-in roles' shared sessions (a signed-out call gets a new, empty context each time). */
  api: Record<RoleName, APIRequestContext>;
  actions: Map<string, BuiltAction>;
  routeParams: Record<string, number>;
  customers: { changeStatus: number; quickPromise: number; undo: number };
  statuses: { promiseToPay: number };
  stamp: string;
  /** Records made by an earlier row for the next ones (a status is created, then edited, …). */
  made: { statusId?: number; templateId?: number; userId?: number; quickPromiseConfigured?: boolean };
  call: (caller: Caller | APIRequestContext, exportedName: string, args: Args, route?: string) => Promise<Outcome>;
  /** Selectable item ids of a customer, read with the select-all action as the admin. */
  itemsOf: (customerId: number) => Promise<number[]>;
};

async function invoke(ctx: Ctx, api: APIRequestContext, exportedName: string, args: Args, route?: string): Promise<Outcome> {
  const action = ctx.actions.get(exportedName);
  if (!action) throw new Error(`${exportedName} is not in the build`);
  const worker = action.workers.find((w) => !w.includes("[")) ?? action.workers[0]!;
  const headers = { "Next-Action": action.id, Origin: ctx.origin, Accept: "text/x-component", ...ctx.headers };
  const target = route ?? routeOf(worker, ctx.routeParams);
  let response;
  if ("form" in args) {
    // React's encoding of a FormData argument: its fields under a reference prefix, the root last.
    const form = new FormData();
    for (const [name, value] of Object.entries(args.form)) form.append(`_1_${name}`, value);
    form.append("0", JSON.stringify([null, "$K1"]));
    response = await api.post(target, { headers, multipart: form, maxRedirects: 0 });
  } else {
    response = await api.post(target, {
      headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" },
      data: JSON.stringify(args.json),
      maxRedirects: 0,
    });
  }
  const responseHeaders = response.headers();
  const body = await response.text();
  expect(response.status(), `${exportedName} → ${target}: ${body.slice(0, 200)}`).toBeLessThan(500);
  return {
    status: response.status(),
    location: responseHeaders["location"] ?? null,
    actionRedirect: responseHeaders["x-action-redirect"]?.split(";")[0] ?? null,
    result: actionResult(body),
    setCookies: response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => h.value),
  };
}

type ActionSpec = {
  /** The least role that may call it ("nobody": anyone, signed in or not). Roles above it may too. */
  minimum: Caller;
  /** Valid arguments for one call by this caller (built per call: a write may need a fresh target). */
  args: (ctx: Ctx, caller: Caller) => Args | Promise<Args>;
  /** How an allowed call shows it worked (default: it returned { ok: true }); may note what it made. */
  allowed?: (outcome: Outcome, ctx: Ctx, caller: Caller) => void | Promise<void>;
  /** Allowed callers use a session of their own made for this call (signing out must not end the shared ones). */
  freshSession?: boolean;
};

const ok = (outcome: Outcome) => {
  expect(outcome.result, JSON.stringify(outcome.result)).toMatchObject({ ok: true });
  return outcome.result!.data ?? {};
};

/** A new open follow-up on C-1010 (the admin changes an item to "Promise to pay", whose template makes one). */
async function newFollowUp(ctx: Ctx): Promise<number> {
  const customerId = ctx.customers.changeStatus;
  const [itemId] = await ctx.itemsOf(customerId);
  ok(await ctx.call("admin", "changeStatusAction", state({ customerId, itemIds: [itemId], statusId: ctx.statuses.promiseToPay, comment: "Authorisation matrix follow-up" })));
  const page = await ctx.api.admin.get(`/customers/${customerId}/actions?scope=all&state=open`);
  const ids = [...(await page.text()).matchAll(/actionId\\?"\s*:\s*(\d+)/g)].map((m) => Number(m[1]));
  expect(ids.length).toBeGreaterThan(0);
  return Math.max(...ids);
}

/*
 * What a row works on when the row before it did not make it (that row failed, or the worker
 * restarted after a failure): each row can then still run on its own.
 */
async function madeStatus(ctx: Ctx): Promise<number> {
  ctx.made.statusId ??= Number(
    ok(await ctx.call("admin", "createItemStatusAction", state({ label: `Matrix status ${ctx.stamp} (target)`, category: "other", colour: "#475569" }))).id,
  );
  return ctx.made.statusId;
}

async function madeTemplate(ctx: Ctx): Promise<number> {
  ctx.made.templateId ??= Number(
    ok(await ctx.call("admin", "createActionTemplateAction", state({ name: `Matrix template ${ctx.stamp} (target)`, channel: "task", title: "t", dueOffsetDays: 0 }))).id,
  );
  return ctx.made.templateId;
}

async function madeUser(ctx: Ctx): Promise<number> {
  ctx.made.userId ??= Number(
    ok(await ctx.call("admin", "createUserAction", state({ email: `matrix.${ctx.stamp}.target@example.com`, name: `Matrix Target ${ctx.stamp}`, role: "viewer", password: "" }))).id,
  );
  return ctx.made.userId;
}

async function quickPromiseConfigured(ctx: Ctx): Promise<void> {
  if (ctx.made.quickPromiseConfigured) return;
  ok(await ctx.call("admin", "saveQuickPromisePreferencesAction", state({ statusId: ctx.statuses.promiseToPay, delayDays: 1 })));
  ctx.made.quickPromiseConfigured = true;
}

/**
 * Every server action of the app. The order is the order of the calls, and a row uses what an
 * earlier row made (Quick Promise is configured before it is applied; a status is created, edited,
 * archived, restored, then deleted).
 */
const ACTIONS: Record<string, ActionSpec> = {
  signInAction: {
    minimum: "nobody",
    args: (_ctx, caller) => ({ form: { email: emailOf(caller === "nobody" ? "viewer" : caller), password: PASSWORD } }),
    allowed: (outcome) => {
      expect(pathnameOf(outcome.actionRedirect)).toBe("/customers");
      expect(outcome.setCookies.some((c) => /^authjs\.session-token=[^;]+/.test(c))).toBe(true);
    },
  },
  saveAccountPreferences: {
    minimum: "viewer",
    // The demo users follow the organisation's language already: the call changes nothing visible.
    args: () => state({ locale: "organization" }),
  },
  selectAllMatchingAction: {
    minimum: "viewer",
    args: (ctx) => state({ customerId: ctx.customers.changeStatus, scope: "open", status: "any" }),
    allowed: (outcome) => expect(ok(outcome).count).toBeGreaterThan(0),
  },
  changeStatusAction: {
    minimum: "collector",
    args: async (ctx) => {
      const [itemId] = await ctx.itemsOf(ctx.customers.changeStatus);
      return state({ customerId: ctx.customers.changeStatus, itemIds: [itemId], statusId: ctx.statuses.promiseToPay, promiseDate: "", comment: "Authorisation matrix" });
    },
    allowed: (outcome) => expect(ok(outcome)).toMatchObject({ count: 1 }),
  },
  markActionDoneAction: {
    minimum: "collector",
    args: async (ctx) => state({ actionId: await newFollowUp(ctx), note: "Authorisation matrix" }),
  },
  saveQuickPromisePreferencesAction: {
    minimum: "admin",
    // Leaves Quick Promise configured for the next rows; afterAll sets it back to "Not configured".
    args: (ctx) => state({ statusId: ctx.statuses.promiseToPay, delayDays: 1 }),
    allowed: (outcome, ctx) => {
      expect(ok(outcome)).toEqual({ configured: true });
      ctx.made.quickPromiseConfigured = true;
    },
  },
  applyQuickPromiseAction: {
    minimum: "collector",
    args: async (ctx) => {
      await quickPromiseConfigured(ctx);
      const [itemId] = await ctx.itemsOf(ctx.customers.quickPromise);
      return state({ customerId: ctx.customers.quickPromise, itemIds: [itemId], idempotencyKey: randomUUID() });
    },
    allowed: (outcome) => expect(ok(outcome)).toMatchObject({ count: 1, replayed: false }),
  },
  undoQuickPromiseAction: {
    minimum: "collector",
    // A Quick Promise the admin has just applied, so it is inside the undo window and untouched since.
    args: async (ctx) => {
      await quickPromiseConfigured(ctx);
      const customerId = ctx.customers.undo;
      const [itemId] = await ctx.itemsOf(customerId);
      const applied = ok(await ctx.call("admin", "applyQuickPromiseAction", state({ customerId, itemIds: [itemId], idempotencyKey: randomUUID() })));
      return state({ applicationId: applied.applicationId });
    },
    allowed: (outcome) => expect(ok(outcome)).toMatchObject({ count: 1 }),
  },
  updateOrganizationAction: {
    minimum: "admin",
    // The seed's own values: saved, nothing changes.
    args: () => state({ name: "Demo Company", timeZone: "Europe/Paris", currency: "EUR", locale: "en", collectorsOwnCustomersOnly: false }),
  },
  createItemStatusAction: {
    minimum: "admin",
    args: (ctx) => state({ label: `Matrix status ${ctx.stamp}`, category: "other", colour: "#475569" }),
    allowed: (outcome, ctx) => {
      ctx.made.statusId = Number(ok(outcome).id);
    },
  },
  updateItemStatusAction: {
    minimum: "admin",
    args: async (ctx) => state({ id: await madeStatus(ctx), label: `Matrix status ${ctx.stamp} (edited)`, category: "dispute", colour: "#dc2626", sortOrder: 90 }),
  },
  archiveItemStatusAction: { minimum: "admin", args: async (ctx) => state({ id: await madeStatus(ctx) }) },
  unarchiveItemStatusAction: { minimum: "admin", args: async (ctx) => state({ id: await madeStatus(ctx) }) },
  deleteItemStatusAction: {
    minimum: "admin",
    args: async (ctx) => state({ id: await madeStatus(ctx) }),
    allowed: (outcome) => expect(outcome.actionRedirect).toMatch(/\/admin\/item-statuses\?notice=deleted$/),
  },
  createActionTemplateAction: {
    minimum: "admin",
    args: (ctx) => state({ name: `Matrix template ${ctx.stamp}`, channel: "email", title: "Write to the customer", dueOffsetDays: 1 }),
    allowed: (outcome, ctx) => {
      ctx.made.templateId = Number(ok(outcome).id);
    },
  },
  updateActionTemplateAction: {
    minimum: "admin",
    args: async (ctx) => state({ id: await madeTemplate(ctx), name: `Matrix template ${ctx.stamp} (edited)`, channel: "letter", title: "Post a letter", dueOffsetDays: 2 }),
  },
  archiveActionTemplateAction: { minimum: "admin", args: async (ctx) => state({ id: await madeTemplate(ctx) }) },
  unarchiveActionTemplateAction: { minimum: "admin", args: async (ctx) => state({ id: await madeTemplate(ctx) }) },
  deleteActionTemplateAction: {
    minimum: "admin",
    args: async (ctx) => state({ id: await madeTemplate(ctx) }),
    allowed: (outcome) => expect(outcome.actionRedirect).toMatch(/\/admin\/action-templates\?notice=deleted$/),
  },
  createUserAction: {
    minimum: "admin",
    args: (ctx) => state({ email: `matrix.${ctx.stamp}@example.com`, name: `Matrix Person ${ctx.stamp}`, role: "viewer", password: "" }),
    allowed: (outcome, ctx) => {
      ctx.made.userId = Number(ok(outcome).id);
    },
  },
  changeUserRoleAction: { minimum: "admin", args: async (ctx) => state({ id: await madeUser(ctx), role: "collector" }) },
  deactivateUserAction: { minimum: "admin", args: async (ctx) => state({ id: await madeUser(ctx) }) },
  reactivateUserAction: { minimum: "admin", args: async (ctx) => state({ id: await madeUser(ctx) }) },
  signOutAction: {
    minimum: "viewer",
    args: () => ({ json: [] }),
    freshSession: true,
    allowed: (outcome) => expect(pathnameOf(outcome.actionRedirect)).toBe("/login"),
  },
};

const allowedFor = (spec: ActionSpec, caller: Caller) => ROLES.indexOf(caller) >= ROLES.indexOf(spec.minimum);

/** A refusal: the proxy's redirect to the sign-in page for a signed-out caller, else the action's own "not allowed". */
function expectRefused(outcome: Outcome, caller: Caller, label: string) {
  if (caller === "nobody" && outcome.location !== null) {
    expect(outcome.status, label).toBeGreaterThanOrEqual(300);
    expect(pathnameOf(outcome.location), label).toBe("/login");
  } else {
    expect(outcome.result, label).toEqual({ ok: false, error: caller === "nobody" ? NOT_SIGNED_IN : FORBIDDEN });
  }
  expect(outcome.actionRedirect, label).toBeNull();
  if (caller === "nobody") expect(outcome.setCookies.some((c) => /^(__Secure-)?authjs\.session-token=[^;]+;/.test(c)), label).toBe(false);
}

/** The shape of an answer, to compare the run with the bypass header against the run without. */
function summary(outcome: Outcome): string {
  if (outcome.location !== null) return `redirect ${pathnameOf(outcome.location)}`;
  if (outcome.actionRedirect !== null) return `action redirect ${pathnameOf(outcome.actionRedirect)}`;
  if (outcome.result) return outcome.result.ok ? "ok" : `refused: ${outcome.result.error}`;
  return `status ${outcome.status}`;
}
const answersWithoutBypass = new Map<string, string>();

test("every server action of the build is in the matrix, and every row is an action of the build", () => {
  const built = builtActions();
  const names = built.map((a) => a.exportedName);
  expect(new Set(names).size, "exported names are unique").toBe(names.length);
  expect(names.filter((name) => !(name in ACTIONS)), "add these to ACTIONS").toEqual([]);
  expect(Object.keys(ACTIONS).filter((name) => !names.includes(name)), "no longer in the build").toEqual([]);
});

for (const mode of [
  { title: "", headers: {} },
  { title: " with the middleware-bypass header", headers: BYPASS },
]) {
  test.describe(`every server action, called over HTTP by every role${mode.title}`, () => {
    let ctx: Ctx;

    test.beforeAll(async ({ baseURL }) => {
      const origin = new URL(baseURL!).origin;
      const api = {
        viewer: await request.newContext({ baseURL, storageState: storageStateOf("viewer") }),
        collector: await request.newContext({ baseURL, storageState: storageStateOf("collector") }),
        admin: await request.newContext({ baseURL, storageState: storageStateOf("admin") }),
      };
      const customerId = async (code: string) => {
        const html = await (await api.admin.get(`/customers?q=${code}`)).text();
        const id = /href="\/customers\/(\d+)"/.exec(html)?.[1];
        expect(id, code).toBeDefined();
        return Number(id);
      };
      const statusId = async (label: string) => {
        const html = await (await api.admin.get("/admin/item-statuses")).text();
        const link = new RegExp(`<a\\b[^>]*aria-label="Edit ${label}"[^>]*>`).exec(html)?.[0] ?? "";
        const id = /href="\/admin\/item-statuses\/(\d+)"/.exec(link)?.[1];
        expect(id, label).toBeDefined();
        return Number(id);
      };
      const templateHtml = await (await api.admin.get("/admin/action-templates")).text();
      const templateId = Number(/href="\/admin\/action-templates\/(\d+)"/.exec(templateHtml)?.[1]);
      expect(templateId, "a template for the [templateId] route").toBeGreaterThan(0);
      const customers = { changeStatus: await customerId("C-1010"), quickPromise: await customerId("C-1011"), undo: await customerId("C-1013") };
      const statuses = { promiseToPay: await statusId("Promise to pay") };
      const self: Ctx = {
        baseURL: baseURL!,
        origin,
        headers: mode.headers,
        api,
        actions: new Map(builtActions().map((a) => [a.exportedName, a])),
        routeParams: { customerId: customers.changeStatus, statusId: statuses.promiseToPay, templateId },
        customers,
        statuses,
        stamp: `${Date.now()}${mode.title ? "b" : "a"}`,
        made: {},
        call: async (caller, exportedName, args, route) => {
          if (caller !== "nobody") return invoke(self, typeof caller === "string" ? api[caller] : caller, exportedName, args, route);
          // A new cookie jar for every signed-out call: signing in as nobody must not make the next one signed in.
          const anonymous = await request.newContext({ baseURL });
          try {
            return await invoke(self, anonymous, exportedName, args, route);
          } finally {
            await anonymous.dispose();
          }
        },
        itemsOf: async (customerId) => {
          const selection = ok(await self.call("admin", "selectAllMatchingAction", state({ customerId, scope: "open", status: "any" })));
          return selection.ids as number[];
        },
      };
      ctx = self;
    });

    test.afterAll(async () => {
      if (!ctx) return;
      // The seed's state for the specs that follow: Quick Promise not configured.
      const reset = await ctx.call("admin", "saveQuickPromisePreferencesAction", state({ statusId: null, delayDays: null }));
      expect(reset.result).toEqual({ ok: true, data: { configured: false } });
      await Promise.all(Object.values(ctx.api).map((api) => api.dispose()));
    });

    for (const [name, spec] of Object.entries(ACTIONS)) {
      const refused = ROLES.filter((r) => !allowedFor(spec, r));
      test(`${name}: ${refused.length ? `refused to ${refused.join(", ")}; ` : ""}allowed to ${ROLES.filter((r) => allowedFor(spec, r)).join(", ")}`, async () => {
        // Callers in rising order: every refusal meets the target as the previous row left it.
        const check = spec.allowed ?? ((outcome: Outcome) => void ok(outcome));
        const answered = (caller: Caller, outcome: Outcome) => {
          const key = `${name} as ${caller}`;
          if (!mode.title) answersWithoutBypass.set(key, summary(outcome));
          else if (answersWithoutBypass.has(key)) expect(summary(outcome), `${key}: the bypass header changes nothing`).toBe(answersWithoutBypass.get(key));
        };
        for (const caller of ROLES) {
          const label = `${name} as ${caller}`;
          const args = await spec.args(ctx, caller);
          if (!allowedFor(spec, caller)) {
            const outcome = await ctx.call(caller, name, args);
            expectRefused(outcome, caller, label);
            answered(caller, outcome);
            continue;
          }
          if (spec.freshSession && caller !== "nobody") {
            const own = await request.newContext({ baseURL: ctx.baseURL });
            const signedIn = await ctx.call(own, "signInAction", { form: { email: emailOf(caller as RoleName), password: PASSWORD } });
            expect(pathnameOf(signedIn.actionRedirect), label).toBe("/customers");
            expect((await own.get("/account", { maxRedirects: 0 })).status(), label).toBe(200);
            const cookies = await own.storageState();
            const outcome = await ctx.call(own, name, args);
            await check(outcome, ctx, caller);
            answered(caller, outcome);
            // That session is over, even for a copy of its cookie; the shared one of the same role is not.
            const copy = await request.newContext({ baseURL: ctx.baseURL, storageState: cookies });
            expect((await copy.get("/account", { maxRedirects: 0 })).status(), label).toBe(307);
            expect((await ctx.api[caller as RoleName].get("/account", { maxRedirects: 0 })).status(), label).toBe(200);
            await Promise.all([own.dispose(), copy.dispose()]);
            continue;
          }
          const outcome = await ctx.call(caller, name, args);
          await check(outcome, ctx, caller);
          answered(caller, outcome);
        }
        // A signed-out caller does not get in through the public sign-in page either (Next hands an
        // action posted to another page to the page that holds it, behind the proxy again).
        if (spec.minimum !== "nobody") {
          const viaLogin = await ctx.call("nobody", name, await spec.args(ctx, "nobody"), "/login");
          expect(viaLogin.result?.ok, `${name} as nobody via /login`).not.toBe(true);
          expect(viaLogin.actionRedirect, `${name} as nobody via /login`).toBeNull();
        }
      });
    }
  });
}
