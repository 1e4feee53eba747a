import { afterEach, describe, expect, it, vi } from "vitest";

import { parseAllowedOrigins } from "@/lib/allowedOrigins";

describe("ALLOWED_ORIGINS", () => {
  it("is empty when unset or blank", () => {
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(parseAllowedOrigins("")).toEqual([]);
    expect(parseAllowedOrigins(" , ,")).toEqual([]);
  });

  it("keeps exact hosts, with or without a port, lower-cased and without duplicates", () => {
    expect(parseAllowedOrigins(" proxy.example.com, Credit.Example.com:8443 ,proxy.example.com,localhost:3000")).toEqual([
      "proxy.example.com",
      "credit.example.com:8443",
      "localhost:3000",
    ]);
  });

  it("reduces an origin written as a URL to its host", () => {
    expect(parseAllowedOrigins("https://proxy.example.com, http://10.0.0.5:8080/")).toEqual([
      "proxy.example.com",
      "10.0.0.5:8080",
    ]);
  });

  it.each([
    "*",
    "**",
    "*.example.com",
    "**.example.com",
    "proxy.*.com",
    "https://*.example.com",
    "evil.example.com/path",
    "https://evil.example.com/path",
    "https://user:pass@evil.example.com",
    "javascript:alert(1)",
    "ftp://files.example.com",
    "evil example.com",
    "-bad-.example.com",
    "example..com",
    "a".repeat(300),
  ])("drops %j", (entry) => {
    expect(parseAllowedOrigins(`${entry},ok.example.com`)).toEqual(["ok.example.com"]);
  });
});

describe("next.config.ts", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("gives Next.js the filtered list as serverActions.allowedOrigins, with the 2 MB body limit", async () => {
    vi.stubEnv("ALLOWED_ORIGINS", "*.evil.example, proxy.example.com, https://edge.example.com");
    vi.resetModules();
    const { default: config } = await import("@/next.config");
    expect(config.experimental?.serverActions?.allowedOrigins).toEqual(["proxy.example.com", "edge.example.com"]);
    expect(config.experimental?.serverActions?.bodySizeLimit).toBe("2mb");
  });
});
