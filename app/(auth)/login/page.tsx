import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/app/_components/ClientMessages";
import { safeRedirectPath } from "@/lib/redirects";
import { getActor } from "@/lib/session";

import { LoginForm } from "./LoginForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("submit") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeRedirectPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl);
  if (await getActor()) redirect(target);
  const t = await getTranslations("login");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
        <ClientMessages part="login">
          <LoginForm callbackUrl={target} />
        </ClientMessages>
      </div>
    </main>
  );
}
