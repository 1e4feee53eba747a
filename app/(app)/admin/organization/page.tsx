import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";

import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { getOrganizationProfile } from "@/lib/organization";
import { requireCapability } from "@/lib/pageGuards";

import { OrganizationForm } from "./OrganizationForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("organization");
  return { title: t("title") };
}

/** Known values first; the stored one is kept even if this runtime does not list it. */
function withCurrent(values: string[], current: string): string[] {
  return values.includes(current) ? values : [current, ...values];
}

export default async function OrganizationPage() {
  const actor = await requireCapability("configure");
  const [profile, locale] = await Promise.all([getOrganizationProfile(actor), getLocale()]);
  const t = await getTranslations("organization");
  const currencyNames = new Intl.DisplayNames([locale], { type: "currency" });
  const currencies = withCurrent(Intl.supportedValuesOf("currency"), profile.currency).map((code) => ({
    code,
    name: currencyNames.of(code) ?? code,
  }));
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <OrganizationForm
          profile={profile}
          timeZones={withCurrent(Intl.supportedValuesOf("timeZone"), profile.timeZone)}
          currencies={currencies}
          locales={LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] }))}
        />
      </div>
    </div>
  );
}
