import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";

import { findOrganizationSettings } from "@/lib/settings";
import { getActor } from "@/lib/session";

import { resolveLocale } from "./locales";

export default getRequestConfig(async () => {
  // Reading the request first keeps the build from prerendering (and opening the database).
  const requestHeaders = await headers();
  const [actor, settings] = await Promise.all([getActor(), findOrganizationSettings()]);
  const locale = resolveLocale({
    userLocale: actor?.locale,
    organizationLocale: settings?.locale,
    acceptLanguage: requestHeaders.get("accept-language"),
  });
  return {
    locale,
    timeZone: settings?.timeZone ?? "UTC",
    messages: (await import(`../../messages/${locale}.json`)).default,
    // A missing message must be visible (and caught by the tests), never a silent raw key.
    getMessageFallback: ({ namespace, key }) => `[missing: ${namespace ? `${namespace}.` : ""}${key}]`,
    onError: (error) => console.error("[i18n]", error.message),
  };
});
