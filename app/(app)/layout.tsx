import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { can } from "@/lib/authz";
import { requireActor } from "@/lib/session";

import { NavLink } from "../_components/NavLink";
import { signOutAction } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const t = await getTranslations("nav");
  const tApp = await getTranslations("app");
  const tRoles = await getTranslations("roles");
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {tApp("skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
          <Link href="/customers" className="text-lg font-semibold text-blue-800">
            {tApp("name")}
          </Link>
          <nav aria-label={t("main")} className="flex gap-1">
            <NavLink href="/customers">{t("customers")}</NavLink>
            <NavLink href="/actions">{t("actions")}</NavLink>
            {can(actor, "configure") ? <NavLink href="/admin">{t("admin")}</NavLink> : null}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href="/account" className="text-slate-700 hover:underline" title={t("account")}>
              {t("signedInAs", { name: actor.name, role: tRoles(actor.role) })}
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
                {t("signOut")}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
