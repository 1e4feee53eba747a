import { readFileSync } from "node:fs";
import path from "node:path";

import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

const root = path.resolve(import.meta.dirname, "../..");
const ADMIN_LIBS = [
  "lib/adminValidation.ts",
  "lib/itemStatuses.ts",
  "lib/actionTemplates.ts",
  "lib/quickPromiseSettings.ts",
  "lib/organization.ts",
  "lib/users.ts",
];
const NAMESPACES = ["admin", "itemStatuses", "preferences", "actionTemplates", "organization", "users", "audit"] as const;
const CATALOGUES = { en, fr } as Record<string, Record<string, unknown>>;

/** The message keys the admin lib modules throw or attach to a field. */
function keysUsedByAdminLibs(): string[] {
  const keys = new Set<string>();
  const patterns = [
    /(?:DomainError|NotFoundError)\(\s*"([a-zA-Z]+)"/g,
    /error: "([a-zA-Z]+)"/g,
    /(?:Field|textField|intField|optionalIntField|optionalIdField|idField|checkboxField)\([^()"]*"([a-zA-Z]+)"\)/g,
  ];
  for (const file of ADMIN_LIBS) {
    const source = readFileSync(path.join(root, file), "utf8");
    for (const pattern of patterns) for (const match of source.matchAll(pattern)) keys.add(match[1]!);
  }
  return [...keys].sort();
}

function leaves(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    leaves(child, prefix ? `${prefix}.${key}` : key),
  );
}

/** Values for every placeholder a message names (numbers for plurals, text otherwise). */
function sampleValues(message: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [, name, kind] of message.matchAll(/\{\s*(\w+)\s*(?:,\s*(\w+))?/g)) {
    values[name!] = kind === "plural" || name === "count" || name === "days" || name === "offset" ? 2 : "x";
  }
  for (const [, tag] of message.matchAll(/<(\w+)>/g)) values[tag!] = () => "tag";
  return values;
}

describe("admin messages", () => {
  it("every key the admin lib modules use exists in the errors namespace of each catalogue", () => {
    const used = keysUsedByAdminLibs();
    expect(used.length).toBeGreaterThan(30);
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      const errors = catalogue.errors as Record<string, unknown>;
      const missing = used.filter((key) => typeof errors[key] !== "string");
      expect(missing, `${locale} is missing`).toEqual([]);
    }
  });

  it("English and French have the same admin keys", () => {
    for (const namespace of NAMESPACES) {
      const enKeys = leaves(en[namespace]).map(([key]) => key);
      const frKeys = leaves((fr as Record<string, unknown>)[namespace]).map(([key]) => key);
      expect(frKeys, namespace).toEqual(enKeys);
    }
  });

  it("every admin message formats in both languages", () => {
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      const errors: string[] = [];
      // Keys are computed here, so the translator is used untyped.
      const t = createTranslator({
        locale,
        messages: catalogue,
        onError: (error) => errors.push(`${locale}: ${error.message}`),
      }) as unknown as { (key: string, values: object): string; markup: (key: string, values: object) => string };
      const keys = [
        ...NAMESPACES.flatMap((namespace) => leaves(catalogue[namespace]).map(([key]) => `${namespace}.${key}`)),
        ...keysUsedByAdminLibs().map((key) => `errors.${key}`),
      ];
      for (const key of keys) {
        const message = leaves(catalogue).find(([k]) => k === key)![1];
        const values = sampleValues(message);
        const output = /<\w+>/.test(message) ? t.markup(key, values) : t(key, values);
        expect(output, key).not.toContain("{");
      }
      expect(errors).toEqual([]);
    }
  });

  it("keeps the contract's English names", () => {
    expect(en.itemStatuses.title).toBe("Manage item status (disputes, etc.)");
    expect(en.itemStatuses.tabStatuses).toBe("Statuses");
    expect(en.itemStatuses.tabPreferences).toBe("Preferences");
    expect(en.preferences.status).toBe("Quick payment promise status");
    expect(en.preferences.delay).toBe("Promised payment date");
    expect(en.preferences.submit).toBe("Validate");
    expect(en.preferences.saved).toBe("Preferences saved");
    expect(en.preferences.notConfigured).toBe("Quick Promise is not configured");
    expect([0, 1, 2, 3, 4, 5].map((days) => en.preferences.delayOption.replace("{days}", String(days)))).toEqual([
      "D+0",
      "D+1",
      "D+2",
      "D+3",
      "D+4",
      "D+5",
    ]);
  });
});
