import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { signInAttempts } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { authenticate } from "@/lib/signIn";

import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

describe("sign-in abuse", () => {
  it("an unknown email and a wrong password take comparable time (medians within a factor of 2)", async () => {
    // Warm up argon2 and the queries so the first call's cost does not skew either side.
    await authenticate({ email: "warm@example.com", password: "x", ip: "10.50.0.1" });
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, each from its own address and with its own unknown email, so throttling stays out of it.
    for (let i = 0; i < 9; i++) {
      unknown.push(await timed(() => authenticate({ email: `nobody-${i}@example.com`, password: "guess", ip: `10.51.0.${i}` })));
      wrong.push(await timed(() => authenticate({ email: "viewer@example.com", password: `guess-${i}`, ip: `10.52.0.${i}` })));
    }
    const [u, w] = [median(unknown), median(wrong)];
    expect(u, `unknown ${u.toFixed(1)} ms vs wrong ${w.toFixed(1)} ms`).toBeGreaterThan(w / 2);
    expect(u, `unknown ${u.toFixed(1)} ms vs wrong ${w.toFixed(1)} ms`).toBeLessThan(w * 2);
    // Both paths run a real argon2 verification (~tens of ms), not a cheap early return.
    expect(u).toBeGreaterThan(5);
  });

  it("a throttled account answers exactly like a wrong password, and still costs a full verification", async () => {
    const email = "collector@example.com";
    for (let i = 0; i < 10; i++) await authenticate({ email, password: `wrong-${i}`, ip: `10.60.0.${i}` });
    const wrongAnswer = await authenticate({ email: "viewer@example.com", password: "wrong", ip: "10.61.0.1" });
    let throttledAnswer: unknown = "unset";
    const throttledTime = await timed(async () => {
      throttledAnswer = await authenticate({ email, password: DEMO_PASSWORD, ip: "10.60.1.1" });
    });
    expect(throttledAnswer).toBeNull();
    expect(throttledAnswer).toEqual(wrongAnswer);
    expect(throttledTime).toBeGreaterThan(5);
  });

  it("guessing unknown accounts is throttled per account too, so existence cannot be told by throttling", async () => {
    for (let i = 0; i < 10; i++) await authenticate({ email: "ghost@example.com", password: `g-${i}`, ip: `10.70.0.${i}` });
    // The 11th attempt on the unknown account is counted as throttled, as it would be for a real one.
    expect(await authenticate({ email: "ghost@example.com", password: "g", ip: "10.70.1.1" })).toBeNull();
    const [attempts] = await database()
      .db.select({ n: count() })
      .from(signInAttempts)
      .where(eq(signInAttempts.email, "ghost@example.com"));
    expect(attempts?.n).toBe(11);
  });

  it("records a 1 MB email or password attempt without failing (the sign-in form caps them before this)", async () => {
    const big = "x".repeat(1_000_000);
    expect(await authenticate({ email: "viewer@example.com", password: big, ip: "10.80.0.1" })).toBeNull();
  });
});
