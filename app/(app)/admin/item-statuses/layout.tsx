import { getTranslations } from "next-intl/server";

import { requireCapability } from "@/lib/pageGuards";

import { TabLink } from "../_components/TabLink";

export default async function ItemStatusesLayout({ children }: { children: React.ReactNode }) {
  await requireCapability("configure");
  const t = await getTranslations("itemStatuses");
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <nav aria-label={t("tabs")} className="mt-4 flex gap-2 border-b border-slate-200">
        <TabLink href="/admin/item-statuses" exclude={["/admin/item-statuses/preferences"]}>
          {t("tabStatuses")}
        </TabLink>
        <TabLink href="/admin/item-statuses/preferences">{t("tabPreferences")}</TabLink>
      </nav>
      <div className="mt-6">{children}</div>
    </div>
  );
}
