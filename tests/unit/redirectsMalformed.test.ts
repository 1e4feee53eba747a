import { describe, expect, it } from "vitest";

import { safeRedirectPath } from "@/lib/redirects";

describe("safeRedirectPath with malformed values", () => {
  it.each(["%", "/%", "/%E0%A4%A", "/customers/%E0%A4%A", "/%ZZ", "/a%"])("sends %j to the customers page, not to a path the router cannot decode", (value) => {
    expect(safeRedirectPath(value)).toBe("/customers");
  });

  it("refuses very long values", () => {
    expect(safeRedirectPath(`/${"a".repeat(5_000)}`)).toBe("/customers");
  });

  it("keeps a well-formed encoded path", () => {
    expect(safeRedirectPath("/customers?q=%C3%A9")).toBe("/customers?q=%C3%A9");
    expect(safeRedirectPath("/customers/12%20")).toBe("/customers/12%20");
  });
});
