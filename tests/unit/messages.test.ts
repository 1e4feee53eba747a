import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/locales";

const dir = path.join(import.meta.dirname, "../../messages");
const load = (locale: string) => JSON.parse(readFileSync(path.join(dir, `${locale}.json`), "utf8")) as Record<string, unknown>;

function flatten(tree: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") for (const [k, v] of flatten(value as Record<string, unknown>, name)) out.set(k, v);
    else out.set(name, value as string);
  }
  return out;
}

/** The names of an ICU message's arguments ({count}, {count, plural, …}, <tag>…</tag>). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)) names.add(match[1]!);
  for (const match of message.matchAll(/<([A-Za-z][\w]*)>/g)) names.add(`<${match[1]}>`);
  return [...names].sort();
}

const reference = flatten(load(DEFAULT_LOCALE));

describe("message catalogues", () => {
  it("exist for every supported language and nothing else", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));
    expect(files.sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    describe(locale, () => {
      const catalogue = flatten(load(locale));

      it("has every key of the English reference", () => {
        expect([...reference.keys()].filter((key) => !catalogue.has(key))).toEqual([]);
      });

      it("has no key the reference lacks", () => {
        expect([...catalogue.keys()].filter((key) => !reference.has(key))).toEqual([]);
      });

      it("uses the same arguments in every message", () => {
        const mismatched = [...reference].filter(
          ([key, message]) => catalogue.has(key) && argumentsOf(catalogue.get(key)!).join() !== argumentsOf(message).join(),
        );
        expect(mismatched.map(([key]) => key)).toEqual([]);
      });
    });
  }

  it("has no empty message", () => {
    for (const locale of LOCALES) {
      const empty = [...flatten(load(locale))].filter(([, value]) => typeof value !== "string" || value.trim() === "");
      expect(empty.map(([key]) => `${locale}:${key}`)).toEqual([]);
    }
  });

  it("keeps the contract's English names", () => {
    expect(reference.get("login.email")).toBe("Email");
    expect(reference.get("login.password")).toBe("Password");
    expect(reference.get("login.submit")).toBe("Sign in");
    expect(reference.get("login.invalid")).toBe("Invalid email or password");
    expect(reference.get("nav.signOut")).toBe("Sign out");
    expect(reference.get("forbidden.title")).toBe("You do not have access to this page");
    expect(reference.get("quickPromise.button")).toBe("Quick Promise");
    expect(reference.get("account.language")).toBe("Language");
  });
});
