import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { todayIn } from "@/lib/calendar";
import { requireCapability } from "@/lib/pageGuards";
import { getQuickPromisePreferences, QUICK_PROMISE_DELAYS } from "@/lib/quickPromiseSettings";
import { getOrganizationSettings } from "@/lib/settings";

import { PreferencesForm } from "./PreferencesForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("preferences");
  return { title: t("title") };
}

export default async function QuickPromisePreferencesPage() {
  const actor = await requireCapability("configure");
  const [preferences, settings] = await Promise.all([getQuickPromisePreferences(actor), getOrganizationSettings()]);
  const t = await getTranslations("preferences");
  const { config } = preferences;
  return (
    <section aria-labelledby="quick-promise-preferences" className="max-w-3xl space-y-6">
      <div>
        <h2 id="quick-promise-preferences" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <div
        className={`rounded-md border px-4 py-3 text-sm ${
          config.configured ? "border-green-200 bg-green-50 text-green-900" : "border-amber-200 bg-amber-50 text-amber-900"
        }`}
      >
        {config.configured ? (
          <p>{t("configured", { label: config.status.label, days: config.delayDays })}</p>
        ) : (
          <>
            <p className="font-medium">{t("notConfigured")}</p>
            <p className="mt-1">{t("notConfiguredHint")}</p>
          </>
        )}
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <PreferencesForm
          statusId={preferences.statusId}
          delayDays={preferences.delayDays}
          delays={[...QUICK_PROMISE_DELAYS]}
          options={preferences.options}
          today={todayIn(settings.timeZone)}
          timeZone={settings.timeZone}
        />
      </div>
    </section>
  );
}
