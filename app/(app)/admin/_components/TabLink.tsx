"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A tab of a page section: current on its own path and the paths below it, except those that
 * belong to a sibling tab (the Statuses tab is not current on …/preferences).
 */
export function TabLink({ href, exclude = [], children }: { href: string; exclude?: string[]; children: React.ReactNode }) {
  const pathname = usePathname();
  const within = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
  const current = within(href) && !exclude.some(within);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
        current ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800"
      }`}
    >
      {children}
    </Link>
  );
}
