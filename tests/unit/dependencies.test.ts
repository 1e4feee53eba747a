import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

/**
 * The framework versions we ship must be free of the known critical advisories. The audit endpoint
 * of the registry is not always reachable from CI, so the ranges are written down here.
 */
type Version = [major: number, minor: number, patch: number];
type Range = { from: Version; to: Version }; // inclusive

/** Affected ranges per package, with the advisory that puts them there. */
const ADVISORIES: { id: string; packages: string[]; affected: Range[] }[] = [
  {
    // Middleware authorisation bypass with `x-middleware-subrequest`; fixed in 12.3.5, 13.5.9, 14.2.25, 15.2.3.
    id: "CVE-2025-29927",
    packages: ["next"],
    affected: [
      { from: [11, 1, 4], to: [12, 3, 4] },
      { from: [13, 0, 0], to: [13, 5, 8] },
      { from: [14, 0, 0], to: [14, 2, 24] },
      { from: [15, 0, 0], to: [15, 2, 2] },
    ],
  },
  {
    // React Server Components remote code execution (react-server-dom-* 19.0.0, 19.1.0, 19.1.1, 19.2.0;
    // React shipped 19.0.1, 19.1.2, 19.2.1 for every package of the release).
    id: "CVE-2025-55182",
    packages: ["react", "react-dom", "react-server-dom-webpack", "react-server-dom-turbopack", "react-server-dom-parcel"],
    affected: [
      { from: [19, 0, 0], to: [19, 0, 0] },
      { from: [19, 1, 0], to: [19, 1, 1] },
      { from: [19, 2, 0], to: [19, 2, 0] },
    ],
  },
  {
    // The same flaw as Next.js ships it (CVE-2025-66478); fixed in 15.0.5, 15.1.9, 15.2.6, 15.3.6, 15.4.8, 15.5.7, 16.0.7.
    id: "CVE-2025-55182 (next)",
    packages: ["next"],
    affected: [
      { from: [15, 0, 0], to: [15, 0, 4] },
      { from: [15, 1, 0], to: [15, 1, 8] },
      { from: [15, 2, 0], to: [15, 2, 5] },
      { from: [15, 3, 0], to: [15, 3, 5] },
      { from: [15, 4, 0], to: [15, 4, 7] },
      { from: [15, 5, 0], to: [15, 5, 6] },
      { from: [16, 0, 0], to: [16, 0, 6] },
    ],
  },
  {
    // Later server-function denial of service advisories (CVE-2025-55184 … CVE-2026-23870), cumulative fix
    // in react-server-dom-* 19.0.6, 19.1.7, 19.2.6.
    id: "React Server Components DoS series (to CVE-2026-23870)",
    packages: ["react-server-dom-webpack", "react-server-dom-turbopack", "react-server-dom-parcel"],
    affected: [
      { from: [19, 0, 0], to: [19, 0, 5] },
      { from: [19, 1, 0], to: [19, 1, 6] },
      { from: [19, 2, 0], to: [19, 2, 5] },
    ],
  },
  {
    // Next.js security release of May 2026 (middleware/proxy bypasses, SSRF, …): cumulative fix in
    // 15.5.18 and 16.2.6; 13.x and 14.x get no fix.
    id: "Next.js May 2026 security release",
    packages: ["next"],
    affected: [
      { from: [13, 0, 0], to: [15, 5, 17] },
      { from: [16, 0, 0], to: [16, 2, 5] },
    ],
  },
];

function parseVersion(version: string): { base: Version; prerelease: boolean } | null {
  const match = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!match) return null;
  return { base: [Number(match[1]), Number(match[2]), Number(match[3])], prerelease: Boolean(match[4]) };
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The advisories that cover this exact version. A prerelease (canary) counts as its base version;
 * anything that is not an exact version (a range, a tag) is refused: pins must be exact.
 */
function advisoriesFor(name: string, version: string): string[] {
  const parsed = parseVersion(version);
  if (!parsed) return [`not an exact version: ${version}`];
  return ADVISORIES.filter(
    (advisory) =>
      advisory.packages.includes(name) &&
      advisory.affected.some((range) => compare(parsed.base, range.from) >= 0 && compare(parsed.base, range.to) <= 0),
  ).map((advisory) => advisory.id);
}

const root = path.resolve(import.meta.dirname, "../..");
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8"));
const WATCHED = ["next", "react", "react-dom", "react-server-dom-webpack", "react-server-dom-turbopack", "react-server-dom-parcel"];

describe("framework versions", () => {
  it.each([
    ["next", "15.2.2", "CVE-2025-29927"],
    ["next", "14.2.24", "CVE-2025-29927"],
    ["next", "15.5.6", "CVE-2025-55182 (next)"],
    ["next", "16.0.6", "CVE-2025-55182 (next)"],
    ["next", "16.2.5", "Next.js May 2026 security release"],
    ["react", "19.2.0", "CVE-2025-55182"],
    ["react-dom", "19.1.1", "CVE-2025-55182"],
    ["react-server-dom-webpack", "19.0.0", "CVE-2025-55182"],
    ["react-server-dom-turbopack", "19.2.5", "React Server Components DoS series (to CVE-2026-23870)"],
  ])("knows that %s %s is affected by %s", (name, version, advisory) => {
    expect(advisoriesFor(name, version)).toContain(advisory);
  });

  it.each([
    ["next", "14.2.25", "CVE-2025-29927"],
    ["next", "15.2.3", "CVE-2025-29927"],
    ["next", "16.0.7", "CVE-2025-55182 (next)"],
    ["react", "19.2.1", "CVE-2025-55182"],
    ["react-dom", "19.1.2", "CVE-2025-55182"],
  ])("knows that %s %s is fixed for %s", (name, version, advisory) => {
    expect(advisoriesFor(name, version)).not.toContain(advisory);
  });

  it("refuses a range instead of an exact pin", () => {
    expect(advisoriesFor("next", "^16.0.0")).not.toEqual([]);
  });

  it("package.json pins next, react and react-dom exactly, at versions without known critical advisories", () => {
    const pkg = readJson("package.json");
    const pinned = { ...pkg.devDependencies, ...pkg.dependencies } as Record<string, string>;
    for (const name of ["next", "react", "react-dom"]) {
      expect(pinned[name], `${name} is a dependency`).toBeDefined();
      expect(advisoriesFor(name, pinned[name]!), `${name}@${pinned[name]}`).toEqual([]);
    }
  });

  it("package-lock.json resolves no vulnerable next, react, react-dom or react-server-dom-* anywhere in the tree", () => {
    const lock = readJson("package-lock.json");
    const found: string[] = [];
    for (const [location, entry] of Object.entries(lock.packages as Record<string, { version?: string }>)) {
      const name = location.split("node_modules/").pop()!;
      if (!WATCHED.includes(name) || !entry.version) continue;
      found.push(name);
      expect(advisoriesFor(name, entry.version), `${location}@${entry.version}`).toEqual([]);
    }
    expect(found).toEqual(expect.arrayContaining(["next", "react", "react-dom"]));
  });

  it("the installed next, react and the React server runtime that Next.js bundles are not vulnerable", () => {
    for (const name of ["next", "react", "react-dom"]) {
      const { version } = readJson(`node_modules/${name}/package.json`);
      expect(advisoriesFor(name, version), `installed ${name}@${version}`).toEqual([]);
    }
    // Next.js vendors its own react-server-dom build; its version is stamped in the compiled React.
    const vendored = path.join(root, "node_modules/next/dist/compiled/react/cjs/react.production.js");
    if (existsSync(vendored)) {
      const version = /"(19\.\d+\.\d+-[0-9A-Za-z.-]+)"/.exec(readFileSync(vendored, "utf8"))?.[1];
      expect(version, "vendored React version").toBeDefined();
      expect(advisoriesFor("react-server-dom-webpack", version!), `vendored react-server-dom ${version}`).toEqual([]);
    }
  });
});
