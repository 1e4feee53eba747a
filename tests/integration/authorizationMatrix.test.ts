import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Queryable } from "@/db/client";
import { actions, customers, organizationSettings, users } from "@/db/schema";
import { endSession, updateAccountPreferences } from "@/lib/account";
import {
  archiveActionTemplate,
  createActionTemplate,
  deleteActionTemplate,
  getActionTemplate,
  listActionTemplates,
  listActiveActionTemplateOptions,
  unarchiveActionTemplate,
  updateActionTemplate,
} from "@/lib/actionTemplates";
import { listAuditLog } from "@/lib/auditLog";
import type { Actor } from "@/lib/authz";
import { todayIn } from "@/lib/calendar";
import { getCustomerFile, listCustomers } from "@/lib/customers";
import { DomainError, ForbiddenError, NotFoundError, NotSignedInError } from "@/lib/errors";
import { listActions, markActionDone } from "@/lib/followUps";
import { getCustomerHistory, getOperationItems } from "@/lib/history";
import { changeItemStatus, listActiveStatuses } from "@/lib/itemStatus";
import {
  archiveItemStatus,
  createItemStatus,
  deleteItemStatus,
  getItemStatus,
  listItemStatuses,
  unarchiveItemStatus,
  updateItemStatus,
} from "@/lib/itemStatuses";
import { getOrganizationProfile, updateOrganizationProfile } from "@/lib/organization";
import { applyQuickPromise, getQuickPromiseUiConfig, undoQuickPromise } from "@/lib/quickPromise";
import { getQuickPromisePreferences, saveQuickPromisePreferences } from "@/lib/quickPromiseSettings";
import { getMatchingSelection, getStatementPage, listStatusOptions } from "@/lib/statement";
import { changeUserRole, createUser, deactivateUser, listUsers, reactivateUser } from "@/lib/users";

import { actorFor } from "../helpers/actors";
import { useTestDatabase } from "../helpers/db";
import { configureQuickPromise, customerByCode, itemByNumber, openInvoices, statusByLabel } from "../helpers/demo";
import { snapshotWrites } from "../helpers/snapshot";

/*
 * Issue 6, requirements 2 and 3 at the data layer: every exported lib function that takes the
 * caller, called by nobody, a viewer, a collector and an admin with input that is valid (so a
 * refusal is about the caller, never the input); and records that are not the caller's, next to
 * records that do not exist.
 *
 * No lib read writes anything, not even the audit log: refusals are logged ("auth.access_denied")
 * by the server-action and page layers (lib/serverAction.ts, lib/pageGuards.ts), not here, so
 * every refused call and every read below leaves the whole database as it was.
 */

const database = useTestDatabase();

const CALLERS = ["nobody", "viewer", "collector", "admin"] as const;
type Caller = (typeof CALLERS)[number];

/** What a function requires of its caller: viewers read, collectors act, admins configure. */
type Requirement = "signed-in" | "read" | "act" | "configure";

const ALLOWED: Record<Requirement, readonly Caller[]> = {
  "signed-in": ["viewer", "collector", "admin"],
  read: ["viewer", "collector", "admin"],
  act: ["collector", "admin"],
  configure: ["admin"],
};

type Entry = {
  /** The lib module (file name without .ts) that exports it. */
  module: string;
  requires: Requirement;
  writes: boolean;
  /** Builds a valid input (setup writes are allowed here: the snapshot is taken afterwards) and calls. */
  prepare: () => Promise<(actor: Actor | null) => Promise<unknown>>;
  /** What a successful call must return, beyond not throwing. */
  check?: (result: unknown) => void;
};

/** Binds a typed input builder to its call, so the table can hold entries of every input type. */
function entry<I>(spec: {
  module: string;
  requires: Requirement;
  writes: boolean;
  input: () => I | Promise<I>;
  call: (actor: Actor | null, input: I) => Promise<unknown>;
  check?: (result: unknown) => void;
}): Entry {
  return {
    module: spec.module,
    requires: spec.requires,
    writes: spec.writes,
    check: spec.check,
    prepare: async () => {
      const input = await spec.input();
      return (actor) => spec.call(actor, input);
    },
  };
}

let actors: Record<Exclude<Caller, "nobody">, Actor>;
const actorOf = (caller: Caller): Actor | null => (caller === "nobody" ? null : actors[caller]);

/** Ids the table's inputs refer to, made in beforeAll. */
let ids: {
  acme: number;
  globex: number;
  undoCustomer: number;
  acmeInvoices: number[];
  undoInvoices: number[];
  promiseToPay: number;
  disputePrice: number;
  operationId: string;
  templates: { update: number; archive: number; unarchive: number; delete: number };
  statuses: { update: number; archive: number; unarchive: number; delete: number };
  users: { role: number; deactivate: number; reactivate: number };
};

let counter = 0;
const next = () => ++counter;
const pick = (pool: number[]) => pool[next() % pool.length]!;
const today = () => todayIn("Europe/Paris");

/** An open follow-up on ACME assigned to its collector, as a status with a template would create. */
async function insertOpenAction(db: Queryable, input: { customerId: number; assigneeId: number; creatorId: number }): Promise<number> {
  const [row] = await db
    .insert(actions)
    .values({ ...input, channel: "call", title: `Matrix follow-up ${next()}`, dueDate: today() })
    .returning({ id: actions.id });
  return row!.id;
}

/**
 * Every exported lib function that takes the caller. Keys are the function names; the completeness
 * test below fails when a lib module exports one that is not here (or in NOT_ENTRY_POINTS).
 */
const MATRIX: Record<string, Entry> = {
  // account: the signed-in user's own session and preferences
  endSession: entry({
    module: "account",
    requires: "signed-in",
    writes: true,
    input: () => ({ sessionId: randomUUID(), endsAt: new Date(Date.now() + 3_600_000) }),
    call: (actor, session) => endSession(actor, session),
  }),
  updateAccountPreferences: entry({
    module: "account",
    requires: "signed-in",
    writes: true,
    input: () => ({ locale: "organization" as const }),
    call: (actor, input) => updateAccountPreferences(actor, input),
  }),

  // reading customers, statements, history and to-dos
  listCustomers: entry({
    module: "customers",
    requires: "read",
    writes: false,
    input: () => ({ search: "", sort: "name" as const, scope: "all" as const, page: 1 }),
    call: (actor, query) => listCustomers(actor, query),
    check: (result) => expect((result as { total: number }).total).toBe(32),
  }),
  getCustomerFile: entry({
    module: "customers",
    requires: "read",
    writes: false,
    input: () => ({ customerId: ids.acme }),
    call: (actor, input) => getCustomerFile(actor, input),
    check: (result) => expect(result).toMatchObject({ code: "C-1001" }),
  }),
  getStatementPage: entry({
    module: "statement",
    requires: "read",
    writes: false,
    input: () => ({ customerId: ids.acme, scope: "open" as const, status: "any" as const, sort: "due_asc" as const, page: 1 }),
    call: (actor, input) => getStatementPage(actor, input),
    check: (result) => expect((result as { total: number }).total).toBeGreaterThan(0),
  }),
  getMatchingSelection: entry({
    module: "statement",
    requires: "read",
    writes: false,
    input: () => ({ customerId: ids.acme, scope: "open" as const, status: "any" as const }),
    call: (actor, input) => getMatchingSelection(actor, input),
    check: (result) => expect((result as { count: number }).count).toBe(12),
  }),
  listStatusOptions: entry({
    module: "statement",
    requires: "read",
    writes: false,
    input: () => undefined,
    call: (actor) => listStatusOptions(actor),
  }),
  getCustomerHistory: entry({
    module: "history",
    requires: "read",
    writes: false,
    input: () => ({ customerId: ids.acme, page: 1 }),
    call: (actor, input) => getCustomerHistory(actor, input),
    check: (result) => expect((result as { total: number }).total).toBeGreaterThan(0),
  }),
  getOperationItems: entry({
    module: "history",
    requires: "read",
    writes: false,
    input: () => ({ customerId: ids.acme, operationId: ids.operationId }),
    call: (actor, input) => getOperationItems(actor, input),
    check: (result) => expect(result).toHaveLength(1),
  }),
  listActions: entry({
    module: "followUps",
    requires: "read",
    writes: false,
    input: () => ({ scope: "all" as const, state: "all" as const, page: 1 }),
    call: (actor, query) => listActions(actor, query),
  }),
  getQuickPromiseUiConfig: entry({
    module: "quickPromise",
    requires: "read",
    writes: false,
    input: () => undefined,
    call: (actor) => getQuickPromiseUiConfig(actor),
    check: (result) => expect(result).toMatchObject({ configured: true }),
  }),

  // acting on items and follow-ups
  listActiveStatuses: entry({
    module: "itemStatus",
    requires: "act",
    writes: false,
    input: () => undefined,
    call: (actor) => listActiveStatuses(actor),
  }),
  changeItemStatus: entry({
    module: "itemStatus",
    requires: "act",
    writes: true,
    input: () => ({ customerId: ids.acme, itemIds: [pick(ids.acmeInvoices)], statusId: ids.disputePrice, comment: "Matrix" }),
    call: (actor, input) => changeItemStatus(actor, input),
  }),
  markActionDone: entry({
    module: "followUps",
    requires: "act",
    writes: true,
    // A new open action for every call: the one an allowed caller closes is then gone.
    input: async () => ({
      actionId: await insertOpenAction(database().db, { customerId: ids.acme, assigneeId: actors.collector.id, creatorId: actors.admin.id }),
      note: "Matrix",
    }),
    call: (actor, input) => markActionDone(actor, input),
  }),
  applyQuickPromise: entry({
    module: "quickPromise",
    requires: "act",
    writes: true,
    input: () => ({ customerId: ids.acme, itemIds: [pick(ids.acmeInvoices)], idempotencyKey: randomUUID() }),
    call: (actor, input) => applyQuickPromise({ actor, ...input }),
  }),
  undoQuickPromise: entry({
    module: "quickPromise",
    requires: "act",
    writes: true,
    // A fresh application (by the admin) for every call, well inside the undo window.
    input: async () => {
      const applied = await applyQuickPromise({
        actor: actors.admin,
        customerId: ids.undoCustomer,
        itemIds: [pick(ids.undoInvoices)],
        idempotencyKey: randomUUID(),
      });
      return { applicationId: applied.applicationId };
    },
    call: (actor, input) => undoQuickPromise(actor, input),
  }),

  // configuring: statuses, templates, Quick Promise, organisation, users, audit log
  listItemStatuses: entry({ module: "itemStatuses", requires: "configure", writes: false, input: () => undefined, call: (actor) => listItemStatuses(actor) }),
  getItemStatus: entry({
    module: "itemStatuses",
    requires: "configure",
    writes: false,
    input: () => ids.statuses.update,
    call: (actor, id) => getItemStatus(actor, id),
    check: (result) => expect(result).not.toBeNull(),
  }),
  createItemStatus: entry({
    module: "itemStatuses",
    requires: "configure",
    writes: true,
    input: () => ({ label: `Matrix status ${next()}`, category: "other" as const, colour: "#475569" }),
    call: (actor, input) => createItemStatus(actor, input),
  }),
  updateItemStatus: entry({
    module: "itemStatuses",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.statuses.update, label: "Matrix status renamed", category: "dispute" as const, colour: "#dc2626", sortOrder: 90 }),
    call: (actor, input) => updateItemStatus(actor, input),
  }),
  archiveItemStatus: entry({
    module: "itemStatuses",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.statuses.archive }),
    call: (actor, input) => archiveItemStatus(actor, input),
  }),
  unarchiveItemStatus: entry({
    module: "itemStatuses",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.statuses.unarchive }),
    call: (actor, input) => unarchiveItemStatus(actor, input),
  }),
  deleteItemStatus: entry({
    module: "itemStatuses",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.statuses.delete }),
    call: (actor, input) => deleteItemStatus(actor, input),
  }),
  listActionTemplates: entry({ module: "actionTemplates", requires: "configure", writes: false, input: () => undefined, call: (actor) => listActionTemplates(actor) }),
  getActionTemplate: entry({
    module: "actionTemplates",
    requires: "configure",
    writes: false,
    input: () => ids.templates.update,
    call: (actor, id) => getActionTemplate(actor, id),
    check: (result) => expect(result).not.toBeNull(),
  }),
  listActiveActionTemplateOptions: entry({
    module: "actionTemplates",
    requires: "configure",
    writes: false,
    input: () => undefined,
    call: (actor) => listActiveActionTemplateOptions(actor),
  }),
  createActionTemplate: entry({
    module: "actionTemplates",
    requires: "configure",
    writes: true,
    input: () => ({ name: `Matrix template ${next()}`, channel: "email" as const, title: "Write", dueOffsetDays: 1 }),
    call: (actor, input) => createActionTemplate(actor, input),
  }),
  updateActionTemplate: entry({
    module: "actionTemplates",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.templates.update, name: "Matrix template renamed", channel: "letter" as const, title: "Post", dueOffsetDays: 2 }),
    call: (actor, input) => updateActionTemplate(actor, input),
  }),
  archiveActionTemplate: entry({
    module: "actionTemplates",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.templates.archive }),
    call: (actor, input) => archiveActionTemplate(actor, input),
  }),
  unarchiveActionTemplate: entry({
    module: "actionTemplates",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.templates.unarchive }),
    call: (actor, input) => unarchiveActionTemplate(actor, input),
  }),
  deleteActionTemplate: entry({
    module: "actionTemplates",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.templates.delete }),
    call: (actor, input) => deleteActionTemplate(actor, input),
  }),
  getQuickPromisePreferences: entry({
    module: "quickPromiseSettings",
    requires: "configure",
    writes: false,
    input: () => undefined,
    call: (actor) => getQuickPromisePreferences(actor),
  }),
  saveQuickPromisePreferences: entry({
    module: "quickPromiseSettings",
    requires: "configure",
    writes: true,
    // The configuration the Quick Promise rows above rely on, with another delay: still usable after.
    input: () => ({ statusId: ids.promiseToPay, delayDays: 2 }),
    call: (actor, input) => saveQuickPromisePreferences(actor, input),
  }),
  getOrganizationProfile: entry({
    module: "organization",
    requires: "configure",
    writes: false,
    input: () => undefined,
    call: (actor) => getOrganizationProfile(actor),
  }),
  updateOrganizationProfile: entry({
    module: "organization",
    requires: "configure",
    writes: true,
    // Only the name changes: the zone and the portfolio rule stay as the other rows expect them.
    input: () => ({ name: "Matrix Company", timeZone: "Europe/Paris", currency: "EUR", locale: "en" as const, collectorsOwnCustomersOnly: false }),
    call: (actor, input) => updateOrganizationProfile(actor, input),
  }),
  listUsers: entry({ module: "users", requires: "configure", writes: false, input: () => undefined, call: (actor) => listUsers(actor) }),
  createUser: entry({
    module: "users",
    requires: "configure",
    writes: true,
    input: () => ({ email: `matrix.${next()}@example.com`, name: "Matrix Person", role: "admin" as const, password: "matrix-password-1" }),
    call: (actor, input) => createUser(actor, input),
  }),
  changeUserRole: entry({
    module: "users",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.users.role, role: "admin" as const }),
    call: (actor, input) => changeUserRole(actor, input),
  }),
  deactivateUser: entry({
    module: "users",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.users.deactivate }),
    call: (actor, input) => deactivateUser(actor, input),
  }),
  reactivateUser: entry({
    module: "users",
    requires: "configure",
    writes: true,
    input: () => ({ id: ids.users.reactivate }),
    call: (actor, input) => reactivateUser(actor, input),
  }),
  listAuditLog: entry({
    module: "auditLog",
    requires: "configure",
    writes: false,
    input: () => ({ page: 1 }),
    call: (actor, options) => listAuditLog(actor, options),
    check: (result) => expect((result as { total: number }).total).toBeGreaterThan(0),
  }),
};

/**
 * Exported functions that take an Actor but are not entry points for a caller, and why.
 * (Anything else that takes one belongs in MATRIX.)
 */
const NOT_ENTRY_POINTS: Record<string, string> = {
  "authz.can": "the rule itself (tests/unit/authz.test.ts)",
  "authz.assertSignedIn": "the rule itself",
  "authz.assertCan": "the rule itself",
  "authz.assertCanRead": "the rule itself",
  "authz.assertCanAct": "the rule itself",
  "authz.assertAdmin": "the rule itself",
  "authz.canActOnCustomer": "the customer rule itself; exercised through the cross-record tests below",
  "itemStatus.loadOperationContext": "runs inside changeItemStatus/undoQuickPromise's transaction (takes a tx); covered through them",
  "itemStatus.applyStatusToLockedItems": "runs inside an operation's transaction after it authorised (takes a tx); covered through them",
  "quickPromiseSettings.clearQuickPromiseSettings": "runs inside archiveItemStatus's transaction after it authorised (takes a tx); covered through it",
  "serverAction.createAction": "the server-action wrapper: its handler receives the actor it read from the session",
};

/** A fingerprint of every table a function here could write (snapshotWrites, plus the admin and session tables). */
async function snapshotAll(db: Queryable) {
  const digest = (table: string) => sql.raw(`(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${table} t)`);
  const { rows } = await db.execute<Record<string, string>>(sql`
    select ${digest("users")} as users,
           ${digest("item_statuses")} as item_statuses,
           ${digest("action_templates")} as action_templates,
           ${digest("customers")} as customers,
           ${digest("actions")} as actions,
           ${digest("quick_promise_applications")} as applications,
           ${digest("revoked_sessions")} as revoked_sessions,
           ${digest("sign_in_attempts")} as sign_in_attempts,
           ${digest("audit_log")} as audit_log`);
  return { ...(await snapshotWrites(db)), ...rows[0] };
}

beforeAll(async () => {
  const { db } = database();
  const [admin, collector, viewer] = await Promise.all([actorFor(db, "admin"), actorFor(db, "collector"), actorFor(db, "viewer")]);
  actors = { admin, collector, viewer };
  await configureQuickPromise(db, "Promise to pay", 3);

  const acme = (await customerByCode(db, "C-1001")).id;
  const undoCustomer = (await customerByCode(db, "C-1003")).id;
  const disputePrice = (await statusByLabel(db, "Dispute – price")).id;
  // One operation on ACME, for the history rows.
  const { operationId } = await changeItemStatus(admin, {
    customerId: acme,
    itemIds: [(await itemByNumber(db, "INV-1001-012")).id],
    statusId: disputePrice,
  });

  // Admin targets in the state where each call has something to do.
  const template = (name: string) => createActionTemplate(admin, { name, channel: "task", title: "t", dueOffsetDays: 1 }).then((r) => r.id);
  const status = (label: string) => createItemStatus(admin, { label, category: "other", colour: "#475569" }).then((r) => r.id);
  const user = (email: string) => createUser(admin, { email, name: email, role: "viewer", password: "matrix-password-1" }).then((r) => r.id);
  const templates = {
    update: await template("Matrix update target"),
    archive: await template("Matrix archive target"),
    unarchive: await template("Matrix unarchive target"),
    delete: await template("Matrix delete target"),
  };
  await archiveActionTemplate(admin, { id: templates.unarchive });
  const statuses = {
    update: await status("Matrix update target"),
    archive: await status("Matrix archive target"),
    unarchive: await status("Matrix unarchive target"),
    delete: await status("Matrix delete target"),
  };
  await archiveItemStatus(admin, { id: statuses.unarchive });
  const targets = {
    role: await user("matrix.role@example.com"),
    deactivate: await user("matrix.deactivate@example.com"),
    reactivate: await user("matrix.reactivate@example.com"),
  };
  await deactivateUser(admin, { id: targets.reactivate });

  ids = {
    acme,
    globex: (await customerByCode(db, "C-1002")).id,
    undoCustomer,
    acmeInvoices: (await openInvoices(db, acme)).map((i) => i.id),
    undoInvoices: (await openInvoices(db, undoCustomer)).map((i) => i.id),
    promiseToPay: (await statusByLabel(db, "Promise to pay")).id,
    disputePrice,
    operationId,
    templates,
    statuses,
    users: targets,
  };
});

describe("every lib function that takes the caller, for every kind of caller", () => {
  for (const [name, spec] of Object.entries(MATRIX)) {
    describe(`${name} (${spec.requires}, ${spec.writes ? "writes" : "reads"})`, () => {
      // In this order a refused call always comes before the first allowed one, so it meets the
      // record as prepared (nothing archived or deleted yet).
      for (const caller of CALLERS) {
        const allowed = ALLOWED[spec.requires].includes(caller);
        if (allowed) {
          it(`${caller}: succeeds${spec.writes ? "" : " and writes nothing"}`, async () => {
            const { db } = database();
            const call = await spec.prepare();
            const before = await snapshotAll(db);
            const result = await call(actorOf(caller));
            spec.check?.(result);
            const after = await snapshotAll(db);
            if (spec.writes) expect(after).not.toEqual(before);
            else expect(after).toEqual(before);
          });
        } else {
          it(`${caller}: is refused (${caller === "nobody" ? "not signed in" : "forbidden"}) and nothing is written`, async () => {
            const { db } = database();
            const call = await spec.prepare();
            const before = await snapshotAll(db);
            const error = await call(actorOf(caller)).then(
              () => new Error("the call succeeded"),
              (e: unknown) => e,
            );
            if (caller === "nobody") {
              expect(error).toBeInstanceOf(NotSignedInError);
              expect(error).toMatchObject({ key: "notSignedIn" });
            } else {
              expect(error).toBeInstanceOf(ForbiddenError);
              expect(error).toMatchObject({ key: "forbidden" });
            }
            expect(await snapshotAll(db)).toEqual(before);
          });
        }
      }
    });
  }
});

describe("the matrix is complete", () => {
  const libDir = path.join(import.meta.dirname, "../../lib");

  /** The text between the parenthesis at `open` and its partner. */
  function parenthesised(source: string, open: number): string {
    let depth = 0;
    for (let i = open; i < source.length; i++) {
      if (source[i] === "(") depth++;
      else if (source[i] === ")" && --depth === 0) return source.slice(open + 1, i);
    }
    throw new Error("unbalanced parentheses");
  }

  /** "module.name" of every exported function with a parameter (or a parameter's field) of type Actor. */
  function exportedFunctionsTakingAnActor(): string[] {
    const found: string[] = [];
    for (const file of readdirSync(libDir).filter((f) => f.endsWith(".ts")).sort()) {
      const source = readFileSync(path.join(libDir, file), "utf8");
      const declarations = /export\s+(?:async\s+)?function\s+(\w+)\s*(?:<[^(]*?>)?\s*\(|export\s+const\s+(\w+)\s*=\s*(?:\w+\(\s*)?(?:async\s*)?\(/g;
      for (const match of source.matchAll(declarations)) {
        const params = parenthesised(source, match.index + match[0].length - 1);
        if (/\bactor\??\s*:\s*Actor\b/.test(params)) found.push(`${file.replace(/\.ts$/, "")}.${match[1] ?? match[2]}`);
      }
    }
    return found;
  }

  it("lists every exported lib function that takes the caller, and nothing else", () => {
    const found = exportedFunctionsTakingAnActor();
    const listed = Object.entries(MATRIX).map(([name, spec]) => `${spec.module}.${name}`);
    // Sanity: the scan sees the single-line, multi-line and object-parameter signatures.
    expect(found).toEqual(expect.arrayContaining(["followUps.markActionDone", "quickPromise.applyQuickPromise", "account.endSession", "history.getOperationItems"]));
    expect(found.filter((name) => !listed.includes(name) && !(name in NOT_ENTRY_POINTS)), "add these to MATRIX").toEqual([]);
    expect(listed.filter((name) => !found.includes(name)), "no longer exported with an actor").toEqual([]);
    expect(Object.keys(NOT_ENTRY_POINTS).filter((name) => !found.includes(name)), "stale exclusions").toEqual([]);
  });
});

/**
 * Requirement 3: records that are not the caller's. Where the record is out of the request's scope
 * (an item or an operation of another customer than the one named), the answer is exactly the
 * answer for an id that does not exist. Where the caller may read the record but not act on it
 * (a collector restricted to their own customers), the refusal says so; that reveals nothing,
 * because the same caller reads that customer's file and actions anyway — checked below.
 */
describe("cross-record access", () => {
  const MISSING = 2_147_483_647;
  let otherCollector: Actor;
  let globexItem: number;
  let acmeItem: number;

  beforeAll(async () => {
    const { db } = database();
    globexItem = (await itemByNumber(db, "INV-1002-00001")).id;
    acmeItem = (await itemByNumber(db, "INV-1001-011")).id;
    const created = await createUser(actors.admin, { email: "olga.other@example.com", name: "Olga Other", role: "collector", password: "matrix-password-1" });
    const [row] = await db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale })
      .from(users)
      .where(eq(users.id, created.id));
    otherCollector = row!;
    // Olga's own portfolio: one customer (the others stay Colin's or nobody's).
    await db.update(customers).set({ collectorId: otherCollector.id }).where(eq(customers.code, "C-1004"));
  });

  /** The refusal as the officer would see it: its class, message key and values. */
  async function refusalOf(call: () => Promise<unknown>) {
    const { db } = database();
    const before = await snapshotAll(db);
    const error = await call().then(
      () => new Error("the call succeeded"),
      (e: unknown) => e,
    );
    expect(await snapshotAll(db), "a refused call writes nothing").toEqual(before);
    expect(error).toBeInstanceOf(DomainError);
    const { name, key, values, message } = error as DomainError;
    return { name, key, values, message };
  }

  describe("item ids of another customer answer exactly like ids that do not exist", () => {
    for (const caller of ["collector", "admin"] as const) {
      it(`changeItemStatus, as ${caller}: a Globex item named under ACME`, async () => {
        const change = (itemIds: number[]) => () =>
          changeItemStatus(actors[caller], { customerId: ids.acme, itemIds, statusId: ids.disputePrice });
        const foreign = await refusalOf(change([acmeItem, globexItem]));
        expect(foreign).toEqual({ name: "NotFoundError", key: "itemsNotFound", values: { count: 1 }, message: "itemsNotFound" });
        expect(await refusalOf(change([acmeItem, MISSING]))).toEqual(foreign);
        expect(await refusalOf(change([globexItem]))).toEqual(await refusalOf(change([MISSING])));
      });

      it(`applyQuickPromise, as ${caller}: a Globex item named under ACME`, async () => {
        const apply = (itemIds: number[]) => () =>
          applyQuickPromise({ actor: actors[caller], customerId: ids.acme, itemIds, idempotencyKey: randomUUID() });
        const foreign = await refusalOf(apply([acmeItem, globexItem]));
        expect(foreign).toMatchObject({ name: "NotFoundError", key: "itemsNotFound", values: { count: 1 } });
        expect(await refusalOf(apply([acmeItem, MISSING]))).toEqual(foreign);
      });
    }

    it("getOperationItems: a Globex operation named under ACME reads like an unknown operation", async () => {
      const { db } = database();
      const { operationId } = await changeItemStatus(actors.admin, { customerId: ids.globex, itemIds: [globexItem], statusId: ids.disputePrice });
      expect(await getOperationItems(actors.viewer, { customerId: ids.globex, operationId })).toHaveLength(1);
      const before = await snapshotAll(db);
      expect(await getOperationItems(actors.viewer, { customerId: ids.acme, operationId })).toEqual([]);
      expect(await getOperationItems(actors.viewer, { customerId: ids.acme, operationId: randomUUID() })).toEqual([]);
      expect(await snapshotAll(db)).toEqual(before);
    });

    it("getMatchingSelection and getStatementPage: a customer that does not exist has nothing to select or show", async () => {
      const filter = { customerId: MISSING, scope: "all" as const, status: "any" as const };
      expect(await getMatchingSelection(actors.viewer, filter)).toEqual({ ids: [], count: 0, totals: {} });
      expect(await getStatementPage(actors.viewer, { ...filter, sort: "due_asc", page: 1 })).toMatchObject({ rows: [], total: 0 });
      expect(await getCustomerFile(actors.viewer, { customerId: MISSING })).toBeNull();
    });
  });

  describe("ids that do not exist are refused without a write", () => {
    it("an unknown customer, action and Quick Promise application", async () => {
      expect(await refusalOf(() => changeItemStatus(actors.collector, { customerId: MISSING, itemIds: [acmeItem], statusId: ids.disputePrice }))).toMatchObject({
        name: "NotFoundError",
        key: "customerNotFound",
      });
      expect(
        await refusalOf(() => applyQuickPromise({ actor: actors.collector, customerId: MISSING, itemIds: [acmeItem], idempotencyKey: randomUUID() })),
      ).toMatchObject({ name: "NotFoundError", key: "customerNotFound" });
      expect(await refusalOf(() => markActionDone(actors.collector, { actionId: MISSING }))).toMatchObject({ name: "NotFoundError", key: "actionNotFound" });
      expect(await refusalOf(() => undoQuickPromise(actors.collector, { applicationId: MISSING }))).toMatchObject({ name: "NotFoundError", key: "notFound" });
    });

    it("admin targets that do not exist", async () => {
      const admin = actors.admin;
      for (const call of [
        () => updateItemStatus(admin, { id: MISSING, label: "Nope", category: "other", colour: "#475569" }),
        () => archiveItemStatus(admin, { id: MISSING }),
        () => deleteItemStatus(admin, { id: MISSING }),
        () => updateActionTemplate(admin, { id: MISSING, name: "Nope", channel: "call", title: "t", dueOffsetDays: 0 }),
        () => deleteActionTemplate(admin, { id: MISSING }),
        () => changeUserRole(admin, { id: MISSING, role: "viewer" }),
        () => deactivateUser(admin, { id: MISSING }),
        () => reactivateUser(admin, { id: MISSING }),
      ]) {
        expect((await refusalOf(call)).name).toBe("NotFoundError");
      }
    });
  });

  describe("with collectors restricted to their own customers", () => {
    let colinsAction: number;
    let olgasActionOnAcme: number;
    let colinsApplication: number;

    beforeAll(async () => {
      const { db } = database();
      colinsAction = await insertOpenAction(db, { customerId: ids.acme, assigneeId: actors.collector.id, creatorId: actors.collector.id });
      olgasActionOnAcme = await insertOpenAction(db, { customerId: ids.acme, assigneeId: otherCollector.id, creatorId: actors.admin.id });
      colinsApplication = (
        await applyQuickPromise({ actor: actors.collector, customerId: ids.acme, itemIds: [acmeItem], idempotencyKey: randomUUID() })
      ).applicationId;
      await db.update(organizationSettings).set({ collectorsOwnCustomersOnly: true }).where(eq(organizationSettings.id, 1));
    });

    afterAll(async () => {
      await database().db.update(organizationSettings).set({ collectorsOwnCustomersOnly: false }).where(eq(organizationSettings.id, 1));
    });

    const NOT_YOURS = { name: "ForbiddenError", key: "notYourCustomer", values: {}, message: "notYourCustomer" };

    it("Olga may not close Colin's action on Colin's customer", async () => {
      expect(await refusalOf(() => markActionDone(otherCollector, { actionId: colinsAction }))).toEqual(NOT_YOURS);
    });

    it("Olga may not undo Colin's Quick Promise on Colin's customer", async () => {
      expect(await refusalOf(() => undoQuickPromise(otherCollector, { applicationId: colinsApplication }))).toEqual(NOT_YOURS);
    });

    it("Olga may not change statuses or apply a Quick Promise on Colin's customer", async () => {
      expect(await refusalOf(() => changeItemStatus(otherCollector, { customerId: ids.acme, itemIds: [acmeItem], statusId: ids.disputePrice }))).toEqual(NOT_YOURS);
      expect(
        await refusalOf(() => applyQuickPromise({ actor: otherCollector, customerId: ids.acme, itemIds: [acmeItem], idempotencyKey: randomUUID() })),
      ).toEqual(NOT_YOURS);
      // Not even with another customer's items under her own customer's id.
      const olgasCustomer = (await customerByCode(database().db, "C-1004")).id;
      expect(await refusalOf(() => changeItemStatus(otherCollector, { customerId: olgasCustomer, itemIds: [acmeItem], statusId: ids.disputePrice }))).toMatchObject({
        name: "NotFoundError",
        key: "itemsNotFound",
      });
    });

    it("the refusal names nothing Olga cannot read: she reads that customer's file, statement and actions", async () => {
      expect(await getCustomerFile(otherCollector, { customerId: ids.acme })).toMatchObject({ code: "C-1001" });
      const list = await listActions(otherCollector, { customerId: ids.acme, scope: "all", state: "open", page: 1 });
      expect(list.rows.map((row) => row.id)).toContain(colinsAction);
    });

    it("the refusals are about the customer: Olga closes her own action there, and Colin and the admin act", async () => {
      await expect(markActionDone(otherCollector, { actionId: olgasActionOnAcme })).resolves.toMatchObject({ customerId: ids.acme });
      await expect(undoQuickPromise(actors.collector, { applicationId: colinsApplication })).resolves.toMatchObject({ count: 1 });
      await expect(markActionDone(actors.admin, { actionId: colinsAction })).resolves.toMatchObject({ customerId: ids.acme });
      const olgasCustomer = (await customerByCode(database().db, "C-1004")).id;
      const [own] = await openInvoices(database().db, olgasCustomer, 1);
      await expect(changeItemStatus(otherCollector, { customerId: olgasCustomer, itemIds: [own!.id], statusId: ids.disputePrice })).resolves.toMatchObject({ count: 1 });
    });
  });

  it("unrestricted (the default), a collector covers for a colleague on every customer", async () => {
    const { db } = database();
    const action = await insertOpenAction(db, { customerId: ids.acme, assigneeId: actors.collector.id, creatorId: actors.admin.id });
    await expect(markActionDone(otherCollector, { actionId: action })).resolves.toMatchObject({ actionId: action });
  });

  it("a Quick Promise idempotency key of another user cannot replay that user's result", async () => {
    const key = randomUUID();
    await applyQuickPromise({ actor: actors.collector, customerId: ids.acme, itemIds: [acmeItem], idempotencyKey: key });
    expect(await refusalOf(() => applyQuickPromise({ actor: otherCollector, customerId: ids.acme, itemIds: [acmeItem], idempotencyKey: key }))).toMatchObject({
      name: "DomainError",
      key: "idempotencyKeyReused",
    });
  });
});
