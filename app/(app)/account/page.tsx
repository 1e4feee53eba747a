import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";

import { ClientMessages } from "@/app/_components/ClientMessages";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { requireActor } from "@/lib/session";

import { AccountForm } from "./AccountForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const actor = await requireActor();
  const [t, locale] = await Promise.all([getTranslations("account"), getLocale()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("signedInAs", { name: actor.name, email: actor.email })}</p>
      </div>
      <ClientMessages part="account">
        <AccountForm
          current={actor.locale ?? locale}
          languages={LOCALES.map((value) => ({ value, name: LOCALE_NAMES[value], lang: value }))}
        />
      </ClientMessages>
    </div>
  );
}
