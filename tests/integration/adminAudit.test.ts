import { beforeAll, describe, expect, it } from "vitest";

import { auditLog } from "@/db/schema";
import { listAuditLog } from "@/lib/auditLog";
import type { Actor } from "@/lib/authz";
import { ForbiddenError, NotSignedInError } from "@/lib/errors";
import { createItemStatus, updateItemStatus } from "@/lib/itemStatuses";

import { actorOf } from "../helpers/adminFixtures";
import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();
let admin: Actor;

beforeAll(async () => {
  admin = await actorOf(database().db, "admin");
});

describe("audit log", () => {
  it("lists admin changes newest first with who, what, entity and old → new", async () => {
    const { id } = await createItemStatus(admin, { label: "Audited", category: "other", colour: "#475569", sortOrder: 90 });
    await updateItemStatus(admin, { id, label: "Audited twice", category: "other", colour: "#475569", sortOrder: 90 });
    const { entries, page, total } = await listAuditLog(admin);
    expect(page).toBe(1);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(entries[0]).toMatchObject({
      event: "item_status.update",
      entity: "item_status",
      entityId: String(id),
      actor: { id: admin.id, name: admin.name, email: admin.email },
      before: expect.objectContaining({ label: "Audited" }),
      after: expect.objectContaining({ label: "Audited twice" }),
    });
    expect(entries[1]).toMatchObject({ event: "item_status.create", entityId: String(id) });
    expect(entries[0]!.occurredAt).toBeInstanceOf(Date);
  });

  it("pages through the log without gaps or repeats", async () => {
    const { db } = database();
    await db.insert(auditLog).values(
      Array.from({ length: 23 }, (_, i) => ({ actorId: null, event: "test.filler", entity: "test", entityId: String(i) })),
    );
    const first = await listAuditLog(admin, { page: 1, pageSize: 10 });
    const total = first.total;
    expect(first.pageCount).toBe(Math.ceil(total / 10));
    const seen: number[] = [];
    for (let page = 1; page <= first.pageCount; page++) {
      const result = await listAuditLog(admin, { page, pageSize: 10 });
      seen.push(...result.entries.map((e) => e.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    // A page past the end shows the last page; a system event has no actor.
    const beyond = await listAuditLog(admin, { page: 999, pageSize: 10 });
    expect(beyond.page).toBe(first.pageCount);
    expect(first.entries[0]?.actor).toBeNull();
  });

  it("is readable by admins only", async () => {
    const { db } = database();
    await expect(listAuditLog(await actorOf(db, "collector"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAuditLog(await actorOf(db, "viewer"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAuditLog(null)).rejects.toBeInstanceOf(NotSignedInError);
  });
});
