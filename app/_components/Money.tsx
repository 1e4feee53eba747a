import { useFormatter } from "next-intl";

import { toMajorUnits, totalsList } from "@/lib/money";

/** An amount stored in minor units, shown with its currency in the reader's locale. */
export function Money({ amount, currency, className }: { amount: number; currency: string; className?: string }) {
  const format = useFormatter();
  return (
    <span className={`tabular-nums whitespace-nowrap ${className ?? ""}`}>
      {format.number(toMajorUnits(amount, currency), { style: "currency", currency })}
    </span>
  );
}

/**
 * Totals per currency (one line each); a zero in `fallbackCurrency` when there is nothing, so a
 * summary never shows an empty cell.
 */
export function MoneyTotals({
  totals,
  fallbackCurrency,
  className,
}: {
  totals: Readonly<Record<string, number>>;
  fallbackCurrency: string;
  className?: string;
}) {
  const lines = totalsList(totals);
  if (lines.length === 0) return <Money amount={0} currency={fallbackCurrency} className={className} />;
  return (
    <span className="inline-flex flex-col">
      {lines.map((line) => (
        <Money key={line.currency} amount={line.amount} currency={line.currency} className={className} />
      ))}
    </span>
  );
}
