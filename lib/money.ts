/**
 * Money is stored as integer minor units with an ISO 4217 currency (debit positive, credit
 * negative). These helpers turn it into the major units Intl.NumberFormat expects; no float is
 * ever stored or summed, the division happens only at display time.
 * Shared by server and client components: no server-only import here.
 */

const fractionDigitsCache = new Map<string, number>();

/** Minor-unit exponent of a currency (EUR 2, JPY 0, KWD 3), as Intl knows it. */
export function currencyFractionDigits(currency: string): number {
  const code = currency.trim().toUpperCase();
  let digits = fractionDigitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    fractionDigitsCache.set(code, digits);
  }
  return digits;
}

/** Minor units → the number to give Intl.NumberFormat with style "currency". */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyFractionDigits(currency);
}

/** Adds per-currency totals (minor units) without mutating either side. */
export function addTotals(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const result: Record<string, number> = { ...a };
  for (const [currency, amount] of Object.entries(b)) result[currency] = (result[currency] ?? 0) + amount;
  return result;
}

/** Totals sorted by currency code, zero lines dropped: what a summary line shows. */
export function totalsList(totals: Readonly<Record<string, number>>): { currency: string; amount: number }[] {
  return Object.entries(totals)
    .filter(([, amount]) => amount !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount }));
}
