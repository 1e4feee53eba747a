import { describe, expect, it } from "vitest";

import { assertAdmin, assertCanAct, assertCanRead, can, canActOnCustomer, type Actor } from "@/lib/authz";
import { ForbiddenError, NotSignedInError } from "@/lib/errors";

const actor = (role: Actor["role"], id = 1): Actor => ({ id, role, email: `${role}@x`, name: role, locale: null });

describe("role checks", () => {
  it("lets viewers read only", () => {
    expect(can(actor("viewer"), "read")).toBe(true);
    expect(can(actor("viewer"), "act")).toBe(false);
    expect(() => assertCanAct(actor("viewer"))).toThrow(ForbiddenError);
  });
  it("lets collectors act but not configure", () => {
    expect(() => assertCanAct(actor("collector"))).not.toThrow();
    expect(() => assertAdmin(actor("collector"))).toThrow(ForbiddenError);
  });
  it("lets admins do everything", () => {
    expect(() => assertAdmin(actor("admin"))).not.toThrow();
    expect(() => assertCanAct(actor("admin"))).not.toThrow();
  });
  it("refuses anonymous callers", () => {
    expect(can(null, "read")).toBe(false);
    expect(() => assertCanRead(null)).toThrow(NotSignedInError);
  });
  it("restricts collectors to their customers only when the organisation says so", () => {
    const mine = { collectorId: 7 };
    const theirs = { collectorId: 8 };
    const open = { collectorsOwnCustomersOnly: false };
    const restricted = { collectorsOwnCustomersOnly: true };
    expect(canActOnCustomer(actor("collector", 7), theirs, open)).toBe(true);
    expect(canActOnCustomer(actor("collector", 7), theirs, restricted)).toBe(false);
    expect(canActOnCustomer(actor("collector", 7), mine, restricted)).toBe(true);
    expect(canActOnCustomer(actor("admin", 1), theirs, restricted)).toBe(true);
    expect(canActOnCustomer(actor("viewer", 8), theirs, open)).toBe(false);
  });
});
