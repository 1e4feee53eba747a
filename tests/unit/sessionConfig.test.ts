import type { JWT } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";

/** lib/auth.config.ts reads the environment when it loads: load it afresh for each setting. */
async function loadConfig(env: Record<string, string | undefined> = {}) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  const { authConfig } = await import("@/lib/auth.config");
  const jwt = (params: { token: JWT; user?: { id: string; role: "admin" | "collector" | "viewer" } }) =>
    (authConfig.callbacks.jwt as (p: unknown) => JWT | null)(params);
  return { authConfig, jwt };
}

const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);
const token = (signedInAt: number | undefined): JWT => ({ uid: "7", role: "collector", sid: crypto.randomUUID(), signedInAt });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe("session lifetime", () => {
  it("a new sign-in gets a session id and its sign-in time", async () => {
    const { jwt } = await loadConfig();
    const issued = jwt({ token: {}, user: { id: "7", role: "admin" } });
    expect(issued).toMatchObject({ uid: "7", role: "admin", signedInAt: now() });
    expect(issued?.sid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a token younger than the absolute lifetime (12 h by default)", async () => {
    const { jwt } = await loadConfig();
    expect(jwt({ token: token(now() - 11 * HOUR) })).not.toBeNull();
    expect(jwt({ token: token(now() - 12 * HOUR + 5) })).not.toBeNull();
  });

  it("drops a token older than the absolute lifetime, however recently it was used", async () => {
    const { jwt } = await loadConfig();
    expect(jwt({ token: token(now() - 12 * HOUR - 1) })).toBeNull();
    expect(jwt({ token: token(now() - 30 * 24 * HOUR) })).toBeNull();
  });

  it("drops a token without a sign-in time", async () => {
    const { jwt } = await loadConfig();
    expect(jwt({ token: token(undefined) })).toBeNull();
  });

  it("ends a session at the limit even when the clock moves on from the sign-in", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-03T08:00:00Z"));
    const { jwt } = await loadConfig({ SESSION_MAX_HOURS: "8" });
    const issued = jwt({ token: {}, user: { id: "7", role: "viewer" } })!;
    vi.setSystemTime(new Date("2026-12-03T15:59:00Z"));
    expect(jwt({ token: issued })).not.toBeNull();
    vi.setSystemTime(new Date("2026-12-03T16:00:01Z"));
    expect(jwt({ token: issued })).toBeNull();
  });

  it("never allows more than 12 h, and a malformed SESSION_MAX_HOURS falls back to 12 h rather than no limit", async () => {
    for (const value of ["48", "abc", "", "Infinity", "1e9"]) {
      const { jwt } = await loadConfig({ SESSION_MAX_HOURS: value });
      expect(jwt({ token: token(now() - 12 * HOUR - 1) }), `SESSION_MAX_HOURS=${value}`).toBeNull();
    }
  });

  it("the idle timeout is the token's and the cookie's max age, from SESSION_IDLE_MINUTES", async () => {
    const defaults = await loadConfig();
    expect(defaults.authConfig.session.maxAge).toBe(120 * 60);
    expect(defaults.authConfig.jwt.maxAge).toBe(120 * 60);
    // Re-issued on every request, so the idle clock restarts at each use.
    expect(defaults.authConfig.session.updateAge).toBe(0);
    const short = await loadConfig({ SESSION_IDLE_MINUTES: "30" });
    expect(short.authConfig.session.maxAge).toBe(30 * 60);
    expect(short.authConfig.jwt.maxAge).toBe(30 * 60);
    const malformed = await loadConfig({ SESSION_IDLE_MINUTES: "forever" });
    expect(malformed.authConfig.session.maxAge).toBe(120 * 60);
    const huge = await loadConfig({ SESSION_IDLE_MINUTES: "100000" });
    expect(huge.authConfig.session.maxAge).toBe(720 * 60);
  });

  it("uses the JWT strategy with Auth.js's default cookies (HttpOnly, SameSite=Lax, Path=/, Secure and __Secure- on https)", async () => {
    const { authConfig } = await loadConfig();
    expect(authConfig.session.strategy).toBe("jwt");
    // No cookie override: Auth.js decides Secure and the prefix from the request's protocol.
    expect("cookies" in authConfig).toBe(false);
    expect("useSecureCookies" in authConfig).toBe(false);
  });
});
