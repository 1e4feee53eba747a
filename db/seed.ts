import "server-only";

import { sql } from "drizzle-orm";

import { addCalendarDays, todayIn, type CalendarDate } from "@/lib/calendar";
import { hashPassword } from "@/lib/password";

import type { Db } from "./client";
import {
  actionTemplates,
  customers,
  items,
  itemStatuses,
  organizationSettings,
  users,
  type ItemType,
} from "./schema";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_USERS = [
  { email: "admin@example.com", name: "Alice Admin", role: "admin" },
  { email: "collector@example.com", name: "Colin Collector", role: "collector" },
  { email: "viewer@example.com", name: "Vera Viewer", role: "viewer" },
] as const;

export const DEMO_TIME_ZONE = "Europe/Paris";
export const GLOBEX_INVOICES = 5_000;
const OTHER_CUSTOMERS = 30;
const INSERT_CHUNK = 1_000;

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same demo. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type NewItem = typeof items.$inferInsert;

const COMPANY_WORDS = [
  "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay",
  "Gringotts", "Oscorp", "Monarch", "Aperture", "Massive", "Dunder", "Pied Piper", "Prestige", "Nakatomi", "Zorg",
  "Blue Sun", "Virtucon", "Duff", "Krusty", "Sterling", "Bluth", "Lacuna", "Ollivander", "Rekall", "Weyland",
];
const COMPANY_SUFFIXES = ["Ltd", "SA", "GmbH", "Inc.", "SARL", "Group", "Logistics", "Foods", "Systems", "Retail"];

export type SeedOptions = { today?: CalendarDate; seed?: number };
export type SeedResult = { seeded: boolean; customers: number; items: number };

export async function isSeeded(db: Db): Promise<boolean> {
  const rows = await db.select({ id: organizationSettings.id }).from(organizationSettings).limit(1);
  return rows.length > 0;
}

/**
 * Inserts the demo data of CONTRACT.md into an empty database, in one transaction and in bulk.
 * Dates are relative to today in the organisation's time zone so that the demo always has
 * overdue and not-yet-due items.
 */
export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
  if (await isSeeded(db)) return { seeded: false, customers: 0, items: 0 };
  const today = options.today ?? todayIn(DEMO_TIME_ZONE);
  const rand = random(options.seed ?? 20261203);
  const passwordHashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));

  return db.transaction(async (tx) => {
    await tx.insert(organizationSettings).values({
      id: 1,
      name: "Demo Company",
      timeZone: DEMO_TIME_ZONE,
      currency: "EUR",
      locale: "en",
    });
    const seededUsers = await tx
      .insert(users)
      .values(DEMO_USERS.map((u, i) => ({ ...u, passwordHash: passwordHashes[i]! })))
      .returning({ id: users.id, role: users.role });
    const collectorId = seededUsers.find((u) => u.role === "collector")!.id;

    const [template] = await tx
      .insert(actionTemplates)
      .values({
        name: "Check promised payment",
        channel: "call",
        title: "Check the promised payment",
        instructions: "Check that the payment promised by the customer has arrived; call them if not.",
        dueOffsetDays: 0,
      })
      .returning({ id: actionTemplates.id });
    await tx.insert(itemStatuses).values([
      { label: "Promise to pay", category: "promise", colour: "#2563eb", actionTemplateId: template!.id, sortOrder: 10 },
      { label: "Dispute – price", category: "dispute", colour: "#dc2626", sortOrder: 20 },
      { label: "Dispute – quality", category: "dispute", colour: "#ea580c", sortOrder: 30 },
      { label: "Awaiting purchase order", category: "other", colour: "#7c3aed", sortOrder: 40 },
      { label: "Payment in progress", category: "other", colour: "#059669", sortOrder: 50 },
    ]);

    const customerRows = [
      {
        code: "C-1001",
        name: "ACME Industries",
        collectorId,
        currency: "EUR",
        contactName: "Wile E. Coyote",
        contactEmail: "accounts@acme.example",
        contactPhone: "+33 1 23 45 67 89",
      },
      {
        code: "C-1002",
        name: "Globex Corporation",
        collectorId,
        currency: "EUR",
        contactName: "Hank Scorpio",
        contactEmail: "payables@globex.example",
        contactPhone: "+33 1 98 76 54 32",
      },
      ...Array.from({ length: OTHER_CUSTOMERS }, (_, i) => {
        const word = COMPANY_WORDS[i % COMPANY_WORDS.length]!;
        const suffix = COMPANY_SUFFIXES[Math.floor(rand() * COMPANY_SUFFIXES.length)]!;
        return {
          code: `C-${1003 + i}`,
          name: `${word} ${suffix}`,
          // A few customers have no collector yet: "My customers" differs from "All customers".
          collectorId: i % 5 === 4 ? null : collectorId,
          currency: "EUR",
          contactName: null,
          contactEmail: `ar@${word.toLowerCase().replace(/\s+/g, "")}.example`,
          contactPhone: null,
        };
      }),
    ];
    const inserted = await tx.insert(customers).values(customerRows).returning({ id: customers.id, code: customers.code });
    const idOf = new Map(inserted.map((c) => [c.code, c.id]));

    const newItems: NewItem[] = [];
    const invoice = (customerId: number, number: string, dueInDays: number, amount: number, paid = 0): NewItem => {
      const dueDate = addCalendarDays(today, dueInDays);
      return {
        customerId,
        type: "invoice",
        documentNumber: number,
        documentDate: addCalendarDays(dueDate, -30),
        dueDate,
        amount,
        outstanding: amount - paid,
        currency: "EUR",
      };
    };
    const credit = (customerId: number, type: ItemType, number: string, ageDays: number, amount: number): NewItem => {
      const date = addCalendarDays(today, -ageDays);
      return { customerId, type, documentNumber: number, documentDate: date, dueDate: date, amount: -amount, outstanding: -amount, currency: "EUR" };
    };

    // ACME: 12 open invoices (8 overdue, 4 not yet due), one open credit note, one paid invoice.
    const acme = idOf.get("C-1001")!;
    const acmeDue = [-75, -60, -45, -38, -30, -21, -14, -7, 5, 12, 20, 30];
    acmeDue.forEach((due, i) => {
      const amount = 50_000 + Math.round(rand() * 400) * 1_000 + Math.round(rand() * 99);
      newItems.push(invoice(acme, `INV-1001-${String(i + 1).padStart(3, "0")}`, due, amount, i === 3 ? 20_000 : 0));
    });
    newItems.push(credit(acme, "credit_note", "CN-1001-001", 20, 35_000));
    newItems.push(invoice(acme, "INV-1001-090", -90, 120_000, 120_000));

    // Globex: 5,000 open invoices spread over the last two years and the next two months.
    const globex = idOf.get("C-1002")!;
    for (let i = 0; i < GLOBEX_INVOICES; i++) {
      const due = Math.round(rand() * 790) - 730;
      const amount = 10_000 + Math.round(rand() * 2_000_000);
      newItems.push(invoice(globex, `INV-1002-${String(i + 1).padStart(5, "0")}`, due, amount));
    }

    // The other customers: a handful of invoices each, some part-paid, some credits.
    for (const { id, code } of inserted) {
      if (id === acme || id === globex) continue;
      const count = 3 + Math.floor(rand() * 13);
      const prefix = code.slice(2);
      for (let n = 1; n <= count; n++) {
        const amount = 20_000 + Math.round(rand() * 900_000);
        const due = Math.round(rand() * 150) - 120;
        const paid = rand() < 0.15 ? Math.round(amount * rand()) : 0;
        newItems.push(invoice(id, `INV-${prefix}-${String(n).padStart(3, "0")}`, due, amount, paid));
      }
      if (rand() < 0.3) newItems.push(credit(id, "credit_note", `CN-${prefix}-001`, 10, 15_000));
      if (rand() < 0.2) newItems.push(credit(id, "payment", `PAY-${prefix}-001`, 3, 25_000));
    }

    for (let i = 0; i < newItems.length; i += INSERT_CHUNK) {
      await tx.insert(items).values(newItems.slice(i, i + INSERT_CHUNK));
    }
    await tx.execute(sql`analyze`);
    return { seeded: true, customers: inserted.length, items: newItems.length };
  });
}
