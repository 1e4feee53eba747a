import { randomUUID } from "node:crypto";

import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";

import { signInAttempts } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { accountPreferencesSchema, updateAccountPreferences } from "@/lib/account";
import type { Actor } from "@/lib/authz";
import { DomainError, InvalidInputError } from "@/lib/errors";
import { changeItemStatus, changeStatusSchema } from "@/lib/itemStatus";
import { applyQuickPromise, quickPromiseSchema, undoQuickPromise, undoQuickPromiseSchema } from "@/lib/quickPromise";
import { credentialsSchema, signInWithCredentials } from "@/lib/signIn";

import { actorFor } from "../helpers/actors";
import { useTestDatabase } from "../helpers/db";
import { configureQuickPromise, customerByCode, openInvoices, statusByLabel } from "../helpers/demo";
import { snapshotWrites } from "../helpers/snapshot";

// lib/account.ts is fine outside Next; lib/session.ts (reached through nothing here) would need Auth.js.
vi.mock("@/lib/auth", () => ({ auth: async () => null, signIn: async () => undefined, signOut: async () => undefined }));

const database = useTestDatabase();
const RUNS = { numRuns: 100 };

let collector: Actor;
let acme: { id: number };
let acmeItemIds: number[];
let promiseStatusId: number;

beforeAll(async () => {
  const { db } = database();
  collector = await actorFor(db, "collector");
  acme = await customerByCode(db, "C-1001");
  acmeItemIds = (await openInvoices(db, acme.id, 5)).map((item) => item.id);
  promiseStatusId = (await statusByLabel(db, "Promise to pay")).id;
  // Configured, so that valid-looking requests get past the configuration check into the deeper paths.
  await configureQuickPromise(db, "Promise to pay", 2);
});

// ——— generators ———

/** Values a server action can receive after React decodes a request: JSON-ish plus Date, Map, Set, BigInt, typed arrays. */
const exotic = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    NaN,
    Infinity,
    -Infinity,
    -0,
    true,
    false,
    "",
    " ",
    "\u0000",
    "null",
    "undefined",
    "NaN",
    "1e400",
    "-1",
    "0",
    "0x10",
    "2147483648",
    "9007199254740993",
    "1; drop table items; --",
    "' or 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\ud800",
    "__proto__",
  ),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.double(),
  fc.integer({ min: -2_147_483_648, max: 4_294_967_296 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constant(new Map([["customerId", 1]])),
  fc.constant(new Set([1, 2])),
  fc.constant(new Uint8Array([1, 2, 3])),
  fc.constant(Object.create(null) as object),
  fc.constant({ valueOf: () => 1, toString: () => "1" }),
  fc.constant({ __proto__: { isAdmin: true } }),
);
const anyValue = fc.oneof({ weight: 3, arbitrary: exotic }, { weight: 2, arbitrary: fc.anything({ maxDepth: 2 }) });

/** A valid-looking id: mostly small (real rows), sometimes anywhere in the column's range, sometimes as a string. */
const idLike = fc.oneof(
  fc.integer({ min: 1, max: 60 }),
  fc.integer({ min: 1, max: 2_147_483_647 }),
  fc.integer({ min: 1, max: 60 }).map(String),
);

/** A valid request with some fields replaced by anything at all, some dropped, or an unknown field added. */
function mutated<T extends Record<string, unknown>>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc
      .tuple(valid, fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 3 }))
      .map(([base, extra]) => ({ ...base, ...extra })),
    fc.tuple(valid, fc.subarray(["drop0", "drop1", "drop2", "drop3"])).map(([base, drops]) => {
      const copy: Record<string, unknown> = { ...base };
      for (const drop of drops) delete copy[Object.keys(base)[Number(drop.slice(4))] ?? ""];
      return copy;
    }),
    fc.tuple(valid, anyValue, fc.nat()).map(([base, value, index]) => {
      const keys = Object.keys(base);
      return { ...base, [keys[index % keys.length]!]: value };
    }),
    anyValue,
  );
}

const itemIdsLike = fc.oneof(
  fc.array(idLike, { minLength: 1, maxLength: 8 }),
  fc.constant(() => acmeItemIds).map((get) => get().slice(0, 3)),
);

/** ACME's real open invoices (read once the database is ready). */
const acmeSelection = fc.nat().map((n) => acmeItemIds.slice(0, 1 + (n % acmeItemIds.length)));
const acmeId = fc.constant(null).map(() => acme.id);
const promiseDateLike = fc.oneof(
  fc.constant(""),
  fc.constant(null),
  fc.constantFrom("2099-01-31", "2026-02-30", "0000-01-01", "1900-01-01", "9999-12-31"),
);
const commentLike = fc.oneof(fc.constant(""), fc.string({ unit: "binary", maxLength: 50 }), fc.constantFrom("a\u0000b", "\ud800"));

const quickPromiseLike = fc.oneof(
  fc.record({ customerId: idLike, itemIds: itemIdsLike, idempotencyKey: fc.uuid() }),
  // Real customer and items: these get past the lookups into the writes.
  fc.record({ customerId: acmeId, itemIds: acmeSelection, idempotencyKey: fc.uuid() }),
);
const changeStatusLike = fc.oneof(
  fc.record({ customerId: idLike, itemIds: itemIdsLike, statusId: idLike, promiseDate: promiseDateLike, comment: commentLike }),
  fc.record({
    customerId: acmeId,
    itemIds: acmeSelection,
    statusId: fc.constant(null).map(() => promiseStatusId),
    promiseDate: promiseDateLike,
    comment: commentLike,
  }),
);

// ——— the property ———

/**
 * Whatever the input: the call either succeeds (only if the schema accepts it) or throws a
 * DomainError; an input the schema refuses gives InvalidInputError; a refusal writes nothing.
 */
async function checkBoundary(schema: z.ZodType, input: unknown, call: () => Promise<unknown>): Promise<void> {
  const { db } = database();
  const accepted = schema.safeParse(input).success;
  const before = await snapshotWrites(db);
  let failure: unknown = null;
  try {
    await call();
  } catch (error) {
    failure = error;
  }
  if (failure === null) {
    expect(accepted, "succeeded although the schema refuses the input").toBe(true);
    return;
  }
  if (!(failure instanceof DomainError)) throw new Error(`not a DomainError for ${show(input)}`, { cause: failure });
  if (!accepted) expect(failure).toBeInstanceOf(InvalidInputError);
  expect(await snapshotWrites(db), "a refused call wrote something").toEqual(before);
}

function show(input: unknown): string {
  try {
    return JSON.stringify(input, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))?.slice(0, 300) ?? String(input);
  } catch {
    return String(input);
  }
}

// ——— tests ———

describe("input at the boundary (property-based)", () => {
  it("applyQuickPromise: any input is applied, or refused with a DomainError that wrote nothing", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(quickPromiseLike), async (input) => {
        const fields = (typeof input === "object" && input !== null ? input : { customerId: input }) as Record<string, unknown>;
        await checkBoundary(quickPromiseSchema, fields, () => applyQuickPromise({ actor: collector, ...fields } as never));
      }),
      RUNS,
    );
  });

  it("undoQuickPromise: any input is refused cleanly unless it names an undoable application", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(fc.record({ applicationId: idLike })), async (input) => {
        await checkBoundary(undoQuickPromiseSchema, input, () => undoQuickPromise(collector, input));
      }),
      RUNS,
    );
  });

  it("changeItemStatus: any input is applied, or refused with a DomainError that wrote nothing", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(changeStatusLike), async (input) => {
        await checkBoundary(changeStatusSchema, input, () => changeItemStatus(collector, input));
      }),
      RUNS,
    );
  });

  it("updateAccountPreferences: only a known language (or the organisation's) is accepted", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(fc.record({ locale: fc.constantFrom("en", "fr", "organization") })), async (input) => {
        await checkBoundary(accountPreferencesSchema, input, () => updateAccountPreferences(collector, input as never));
      }),
      RUNS,
    );
  });

  it("sign-in credentials: malformed credentials are refused before any database work; nothing throws", async () => {
    const { db } = database();
    const attempts = async () => (await db.select({ n: count() }).from(signInAttempts))[0]!.n;
    await fc.assert(
      fc.asyncProperty(
        mutated(fc.record({ email: fc.constantFrom("viewer@example.com", "nobody@example.com"), password: fc.string({ maxLength: 20 }) })),
        async (input) => {
          const accepted = credentialsSchema.safeParse(input).success;
          const before = await attempts();
          // Distinct addresses so the per-IP throttle never kicks in during the run.
          const user = await signInWithCredentials(input, `10.90.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
          expect(user === null || accepted).toBe(true);
          expect(await attempts()).toBe(before + (accepted ? 1 : 0));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("oversized and odd payloads are refused cleanly", () => {
  const huge = "x".repeat(1_000_000);
  const tooManyIds = Array.from({ length: 100_000 }, (_, i) => i + 1);

  async function refusedWithoutWrites(call: () => Promise<unknown>, field: string) {
    const { db } = database();
    const before = await snapshotWrites(db);
    const started = performance.now();
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(Object.keys((error as InvalidInputError).problems)).toContain(field);
    expect(performance.now() - started, "refused quickly").toBeLessThan(5_000);
    expect(await snapshotWrites(db)).toEqual(before);
  }

  it("100,000 item ids", async () => {
    await refusedWithoutWrites(
      () => applyQuickPromise({ actor: collector, customerId: acme.id, itemIds: tooManyIds, idempotencyKey: randomUUID() }),
      "itemIds",
    );
    await refusedWithoutWrites(
      () => changeItemStatus(collector, { customerId: acme.id, itemIds: tooManyIds, statusId: promiseStatusId }),
      "itemIds",
    );
  });

  it("1 MB strings in every text field", async () => {
    await refusedWithoutWrites(
      () => changeItemStatus(collector, { customerId: acme.id, itemIds: acmeItemIds, statusId: promiseStatusId, comment: huge }),
      "comment",
    );
    await refusedWithoutWrites(
      () => changeItemStatus(collector, { customerId: acme.id, itemIds: acmeItemIds, statusId: promiseStatusId, promiseDate: huge }),
      "promiseDate",
    );
    await refusedWithoutWrites(
      () => applyQuickPromise({ actor: collector, customerId: acme.id, itemIds: acmeItemIds, idempotencyKey: huge }),
      "idempotencyKey",
    );
    await refusedWithoutWrites(() => applyQuickPromise({ actor: collector, customerId: huge, itemIds: acmeItemIds, idempotencyKey: randomUUID() }), "customerId");
    await refusedWithoutWrites(() => undoQuickPromise(collector, { applicationId: huge }), "applicationId");
    await refusedWithoutWrites(() => updateAccountPreferences(collector, { locale: huge as "en" }), "locale");
  });

  it("a NUL character, which PostgreSQL cannot store, is invalid input rather than a database failure", async () => {
    await refusedWithoutWrites(
      () => changeItemStatus(collector, { customerId: acme.id, itemIds: acmeItemIds, statusId: promiseStatusId, comment: "a\u0000b" }),
      "comment",
    );
  });

  it("a 1 MB email or password is refused before the database", async () => {
    const { db } = database();
    const [before] = await db.select({ n: count() }).from(signInAttempts).where(eq(signInAttempts.ip, "10.99.0.1"));
    expect(await signInWithCredentials({ email: huge, password: DEMO_PASSWORD }, "10.99.0.1")).toBeNull();
    expect(await signInWithCredentials({ email: "viewer@example.com", password: huge }, "10.99.0.1")).toBeNull();
    const [after] = await db.select({ n: count() }).from(signInAttempts).where(eq(signInAttempts.ip, "10.99.0.1"));
    expect(after!.n).toBe(before!.n);
    // The same credentials within the limits do sign in.
    expect(await signInWithCredentials({ email: "admin@example.com", password: DEMO_PASSWORD }, "10.99.0.1")).not.toBeNull();
  });
});
