import { STATUS_PALETTE } from "@/lib/itemStatuses";

/** A status colour in words ("Blue"), or its code when it is not one of the palette's. */
export function colourName(hex: string, t: (key: string, values?: Record<string, string>) => string): string {
  const known = STATUS_PALETTE.find((c) => c.hex === hex);
  return known ? t(`colours.${known.key}`) : t("colours.custom", { hex });
}
