"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import type { ActionResult } from "@/lib/serverAction";

import { saveAccountPreferences } from "./actions";

type Props = {
  current: string;
  languages: { value: string; name: string; lang: string }[];
};

export function AccountForm({ current, languages }: Props) {
  const t = useTranslations("account");
  const [state, formAction, pending] = useActionState<ActionResult<{ locale: string | null }> | null, FormData>(
    saveAccountPreferences,
    null,
  );
  return (
    <form action={formAction} className="max-w-sm space-y-4">
      <div>
        <label htmlFor="locale" className="block text-sm font-medium text-slate-700">
          {t("language")}
        </label>
        <select
          id="locale"
          name="locale"
          defaultValue={current}
          aria-describedby="locale-help"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
        >
          {languages.map((language) => (
            <option key={language.value} value={language.value} lang={language.lang}>
              {language.name}
            </option>
          ))}
        </select>
        <p id="locale-help" className="mt-1 text-xs text-slate-600">
          {t("languageHelp")}
        </p>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {t("save")}
      </button>
      <div role="status" className="text-sm">
        {state?.ok ? <span className="text-green-800">{t("saved")}</span> : null}
        {state && !state.ok ? <span className="text-red-700">{state.error}</span> : null}
      </div>
    </form>
  );
}
