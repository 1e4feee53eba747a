import { describe, expect, it } from "vitest";

import { addTotals, currencyFractionDigits, toMajorUnits, totalsList } from "@/lib/money";

describe("money", () => {
  it("knows each currency's minor-unit exponent", () => {
    expect(currencyFractionDigits("EUR")).toBe(2);
    expect(currencyFractionDigits("jpy")).toBe(0);
    expect(currencyFractionDigits("KWD")).toBe(3);
    expect(currencyFractionDigits("EUR ")).toBe(2);
  });

  it("turns minor units into the major units Intl formats, credits negative", () => {
    expect(toMajorUnits(123_456, "EUR")).toBe(1_234.56);
    expect(toMajorUnits(-35_000, "EUR")).toBe(-350);
    expect(toMajorUnits(500, "JPY")).toBe(500);
    expect(toMajorUnits(1_500, "KWD")).toBe(1.5);
    expect(new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(toMajorUnits(799_129, "EUR"))).toBe("€7,991.29");
  });

  it("adds totals per currency without touching its arguments, and lists the non-zero ones in order", () => {
    const a = { EUR: 100, USD: 5 };
    const sum = addTotals(a, { EUR: -100, GBP: 7 });
    expect(sum).toEqual({ EUR: 0, USD: 5, GBP: 7 });
    expect(a).toEqual({ EUR: 100, USD: 5 });
    expect(totalsList(sum)).toEqual([
      { currency: "GBP", amount: 7 },
      { currency: "USD", amount: 5 },
    ]);
  });
});
