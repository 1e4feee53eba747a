import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { preparedSql } from "@/db/preparedSql";
import { customers } from "@/db/schema";

import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();

const customerByCode = preparedSql<{ id: number; name: string }, { code: string }>(
  "test_customer_by_code",
  sql`select ${customers.id} as "id", ${customers.name} as "name" from ${customers} where ${customers.code} = ${sql.placeholder("code")}`,
);

describe("preparedSql", () => {
  it("runs with its placeholders filled, again and again on the same connection", async () => {
    const { db } = database();
    const first = await customerByCode(db, { code: "C-1001" });
    const second = await customerByCode(db, { code: "C-1002" });
    const none = await customerByCode(db, { code: "no such customer" });
    expect(first).toEqual([{ id: expect.any(Number), name: "ACME Industries" }]);
    expect(second.map((row) => row.name)).toEqual(["Globex Corporation"]);
    expect(none).toEqual([]);
  });

  it("runs inside the caller's transaction", async () => {
    const { db } = database();
    const rename = preparedSql<{ name: string }, { code: string }>(
      "test_rename_customer",
      sql`update ${customers} set name = 'Renamed' where code = ${sql.placeholder("code")} returning name`,
    );
    await expect(
      db.transaction(async (tx) => {
        expect(await rename(tx, { code: "C-1001" })).toEqual([{ name: "Renamed" }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await customerByCode(db, { code: "C-1001" }))[0]?.name).toBe("ACME Industries");
  });

  it("refuses a name already used for another statement", () => {
    expect(() => preparedSql("test_customer_by_code", sql`select 1`)).toThrow(/already in use/);
    expect(() =>
      preparedSql(
        "test_customer_by_code",
        sql`select ${customers.id} as "id", ${customers.name} as "name" from ${customers} where ${customers.code} = ${sql.placeholder("code")}`,
      ),
    ).not.toThrow();
  });
});
