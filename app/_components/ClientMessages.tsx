import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

import { CLIENT_NAMESPACES, type ClientPart } from "@/lib/i18n/clientNamespaces";

/**
 * Hands the client components below the messages of their part of the app only (a nested
 * provider replaces the outer one for its subtree). Locale, time zone and formats pass as usual.
 */
export async function ClientMessages({ part, children }: { part: ClientPart; children: React.ReactNode }) {
  const messages = await getMessages();
  const picked = Object.fromEntries(CLIENT_NAMESPACES[part].map((namespace) => [namespace, messages[namespace]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
