import { describe, expect, it } from "vitest";

import { safeRedirectPath } from "@/lib/redirects";

describe("safeRedirectPath", () => {
  it.each([
    "https://evil.com",
    "//evil.com",
    "/\\evil.com",
    ".evil.com",
    "@evil.com",
    "javascript:alert(1)",
    "http:/evil.com",
    "/%0a/evil.com",
    "\t//evil.com",
    "",
  ])("keeps %j on this site", (value) => {
    const result = safeRedirectPath(value);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(new URL(result, "https://app.example").origin).toBe("https://app.example");
  });

  it("keeps a same-origin path with its query", () => {
    expect(safeRedirectPath("/customers/12?tab=history")).toBe("/customers/12?tab=history");
  });

  it("falls back to the customers page for anything else", () => {
    expect(safeRedirectPath("https://evil.com")).toBe("/customers");
    expect(safeRedirectPath(undefined)).toBe("/customers");
    expect(safeRedirectPath(42)).toBe("/customers");
    expect(safeRedirectPath("/login?callbackUrl=/x")).toBe("/customers");
  });
});
