import { describe, expect, it } from "vitest";

import { localeFromAcceptLanguage, resolveLocale } from "@/lib/i18n/locales";

describe("locale resolution", () => {
  it("prefers the user's own choice", () => {
    expect(resolveLocale({ userLocale: "fr", organizationLocale: "en", acceptLanguage: "en" })).toBe("fr");
  });
  it("falls back to the organisation's language", () => {
    expect(resolveLocale({ userLocale: null, organizationLocale: "fr", acceptLanguage: "en" })).toBe("fr");
  });
  it("then to the browser's best supported language", () => {
    expect(resolveLocale({ acceptLanguage: "de-DE,de;q=0.9,fr;q=0.8,en;q=0.5" })).toBe("fr");
  });
  it("then to English", () => {
    expect(resolveLocale({ acceptLanguage: "de,ja" })).toBe("en");
    expect(resolveLocale({})).toBe("en");
  });
  it("ignores unsupported or malformed values", () => {
    expect(resolveLocale({ userLocale: "xx", organizationLocale: "zz" })).toBe("en");
    expect(localeFromAcceptLanguage("fr;q=0,en-GB;q=0.4")).toBe("en");
    expect(localeFromAcceptLanguage(";;;,")).toBeNull();
  });
});
