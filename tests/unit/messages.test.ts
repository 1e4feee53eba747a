import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
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

/** The names of an ICU message's arguments ({count}, {count, plural, …}, <tag>…</tag>), parsed. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.type === TYPE.tag ? `<${element.value}>` : element.value);
      if (element.type === TYPE.tag) visit(element.children);
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const option of Object.values(element.options)) visit(option.value);
      }
    }
  };
  visit(parse(message));
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

  it("parses every message as ICU", () => {
    for (const locale of LOCALES) {
      const broken = [...flatten(load(locale))].filter(([, message]) => {
        try {
          parse(message);
          return false;
        } catch {
          return true;
        }
      });
      expect(broken.map(([key]) => `${locale}:${key}`)).toEqual([]);
    }
  });

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
