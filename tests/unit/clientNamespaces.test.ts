import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { CLIENT_NAMESPACES, type ClientPart } from "@/lib/i18n/clientNamespaces";

const root = path.join(import.meta.dirname, "../..");
const ALL_PARTS = Object.keys(CLIENT_NAMESPACES) as ClientPart[];

/**
 * Which ClientMessages parts render the client components under a path (first match wins). A
 * nested provider replaces the outer one, so a component must find its namespaces in each.
 */
const PARTS_BY_PATH: [prefix: string, parts: ClientPart[]][] = [
  // The error boundary replaces the whole segment, inner providers included: only the root's remains.
  ["app/(app)/error.tsx", ["shell"]],
  ["app/(auth)/login/", ["login"]],
  ["app/(app)/customers/[customerId]/", ["customerFile"]],
  // ActionsList also renders on the customer file's Actions tab.
  ["app/(app)/actions/", ["actions", "customerFile"]],
  ["app/(app)/account/", ["account"]],
  ["app/(app)/admin/", ["admin"]],
  // Shared components can render anywhere.
  ["app/", ALL_PARTS],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.tsx?$/.test(entry) ? [full] : [];
  });
}

const sources = new Map(
  filesUnder(path.join(root, "app")).map((file) => [path.relative(root, file).split(path.sep).join("/"), readFileSync(file, "utf8")]),
);

/** The app files a module imports (relative or "@/app/…"), resolved to their paths. */
function importsOf(file: string, source: string): string[] {
  return [...source.matchAll(/from\s+["']((?:\.{1,2}\/|@\/app\/)[^"']+)["']/g)].flatMap((match) => {
    const specifier = match[1]!;
    const base = specifier.startsWith("@/") ? specifier.slice(2) : path.posix.join(path.posix.dirname(file), specifier);
    return [`${base}.tsx`, `${base}.ts`, `${base}/index.tsx`].filter((candidate) => sources.has(candidate));
  });
}

/** "use client" modules and everything they import: all of it runs with the client provider's messages. */
const clientFiles = new Set([...sources].filter(([, source]) => /^\s*["']use client["']/.test(source)).map(([file]) => file));
for (const file of clientFiles) for (const imported of importsOf(file, sources.get(file)!)) clientFiles.add(imported);
const clientComponents = [...clientFiles].map((file) => ({ file, source: sources.get(file)! }));

function namespacesOf(source: string): string[] {
  return [...source.matchAll(/useTranslations\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]!.split(".")[0]!);
}

describe("client message namespaces", () => {
  it("finds the client components", () => {
    expect(clientComponents.length).toBeGreaterThan(15);
  });

  it.each(clientComponents.map(({ file, source }) => [file, source]))("%s finds its namespaces in every part that renders it", (file, source) => {
    // A namespace the scan cannot see (no argument, a variable) or the whole catalogue would defeat the check.
    expect(source).not.toMatch(/useTranslations\(\s*\)|useTranslations\(\s*[^"'`\s)]|useMessages\(/);
    const parts = PARTS_BY_PATH.find(([prefix]) => file.startsWith(prefix))![1];
    for (const part of parts) {
      const provided: readonly string[] = CLIENT_NAMESPACES[part];
      for (const namespace of namespacesOf(source)) {
        expect(provided, `${file} uses "${namespace}", missing from CLIENT_NAMESPACES.${part}`).toContain(namespace);
      }
    }
  });

  it.each(ALL_PARTS)("%s carries no namespace that none of its client components uses", (part) => {
    const used = new Set(
      clientComponents
        .filter(({ file }) => PARTS_BY_PATH.find(([prefix]) => file.startsWith(prefix))![1].includes(part))
        .flatMap(({ source }) => namespacesOf(source)),
    );
    expect(CLIENT_NAMESPACES[part].filter((namespace) => !used.has(namespace))).toEqual([]);
  });
});
