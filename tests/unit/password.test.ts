import { describe, expect, it } from "vitest";

import { hashPassword, verifyPassword } from "@/lib/password";

describe("passwords", () => {
  it("hashes with argon2id and verifies", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "correct horse")).toBe(true);
    expect(await verifyPassword(hash, "wrong")).toBe(false);
  });

  it("fails without a stored hash, after doing the same work", async () => {
    const hash = await hashPassword("x");
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    const unknown = await time(() => verifyPassword(null, "x"));
    const wrong = await time(() => verifyPassword(hash, "y"));
    expect(await verifyPassword(null, "x")).toBe(false);
    // Same algorithm and cost: within a factor of three of each other, far from a cheap early return.
    expect(unknown).toBeGreaterThan(wrong / 3);
    expect(unknown).toBeLessThan(wrong * 3);
  });
});
