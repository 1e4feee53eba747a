import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/app/_components/ClientMessages";
import { requireCapability } from "@/lib/pageGuards";

import { NavLink } from "../../_components/NavLink";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireCapability("configure");
  const t = await getTranslations("admin");
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <nav aria-label={t("nav")} className="md:w-56 md:shrink-0">
        <p className="mb-2 px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("title")}</p>
        <ul className="flex flex-wrap gap-1 md:flex-col">
          <li>
            <NavLink href="/admin/item-statuses">{t("itemStatuses")}</NavLink>
          </li>
          <li>
            <NavLink href="/admin/action-templates">{t("actionTemplates")}</NavLink>
          </li>
          <li>
            <NavLink href="/admin/organization">{t("organization")}</NavLink>
          </li>
          <li>
            <NavLink href="/admin/users">{t("users")}</NavLink>
          </li>
          <li>
            <NavLink href="/admin/audit">{t("audit")}</NavLink>
          </li>
        </ul>
      </nav>
      <div className="min-w-0 flex-1">
        <ClientMessages part="admin">{children}</ClientMessages>
      </div>
    </div>
  );
}
