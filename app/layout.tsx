import type { Metadata } from "next";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";

import { ClientMessages } from "./_components/ClientMessages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  // Every page reads the user and the organisation: nothing is prerendered at build time.
  await connection();
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` } };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ClientMessages part="shell">{children}</ClientMessages>
      </body>
    </html>
  );
}
