"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

/** The customer file's tabs: links in a navigation landmark, the current one marked. */
export function CustomerTabs({ customerId }: { customerId: number }) {
  const t = useTranslations("customerFile");
  const pathname = usePathname();
  const base = `/customers/${customerId}`;
  const tabs = [
    { href: base, label: t("tabs.statement") },
    { href: `${base}/actions`, label: t("tabs.actions") },
    { href: `${base}/history`, label: t("tabs.history") },
  ];
  return (
    <nav aria-label={t("tabsLabel")} className="border-b border-slate-200">
      <ul className="-mb-px flex gap-1">
        {tabs.map((tab) => {
          const current = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-4 py-2 text-sm font-medium ${
                  current ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
