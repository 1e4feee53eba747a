"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { addCalendarDays } from "@/lib/calendar";

import { saveQuickPromisePreferencesAction } from "../../actions";
import { Field, FormStatus, inputClass, primaryButtonClass, useAdminForm } from "../../_components/adminForm";

type Option = {
  id: number;
  label: string;
  colour: string;
  actionTemplate: { id: number; name: string; channel: "call" | "email" | "letter" | "task"; title: string; dueOffsetDays: number } | null;
};

export function PreferencesForm({
  statusId,
  delayDays,
  delays,
  options,
  today,
  timeZone,
}: {
  statusId: number | null;
  delayDays: number | null;
  delays: number[];
  options: Option[];
  /** Today in the organisation's time zone (YYYY-MM-DD). */
  today: string;
  timeZone: string;
}) {
  const t = useTranslations("preferences");
  const tChannel = useTranslations("actionTemplates.channel");
  const format = useFormatter();
  const { state, pending, formProps, fieldError } = useAdminForm(saveQuickPromisePreferencesAction);
  // Mirrors the two selects so the explanation follows what the admin is choosing.
  const [chosenStatus, setChosenStatus] = useState(statusId === null ? "" : String(statusId));
  const [chosenDelay, setChosenDelay] = useState(String(delayDays ?? delays[0] ?? 0));
  const selected = options.find((o) => String(o.id) === chosenStatus) ?? null;
  const delay = Number(chosenDelay);
  const promiseDate = addCalendarDays(today, delay);
  const template = selected?.actionTemplate ?? null;
  const followUpDate = template ? addCalendarDays(promiseDate, template.dueOffsetDays) : null;
  // Calendar dates carry no time zone: format them as the date they name.
  const day = (date: string) => (
    <time dateTime={date}>{format.dateTime(new Date(`${date}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" })}</time>
  );

  return (
    <form {...formProps} className="space-y-6">
      <div className="grid gap-6 sm:grid-cols-2">
        <div>
          <Field name="statusId" label={t("status")} error={fieldError("statusId")}>
            {(props) => (
              <select
                {...props}
                defaultValue={chosenStatus}
                onChange={(event) => setChosenStatus(event.target.value)}
                className={inputClass}
              >
                <option value="">{t("notConfiguredOption")}</option>
                {options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p className="mt-2 text-sm text-slate-600" aria-live="polite">
            {selected ? (
              template ? (
                <>
                  {t("template", { name: template.name, channel: tChannel(template.channel) })}{" "}
                  <Link href="/admin/action-templates" className="text-blue-700 hover:underline">
                    {t("manageTemplates")}
                  </Link>
                </>
              ) : (
                <>
                  {t("noTemplate")}{" "}
                  <Link href="/admin/action-templates" className="text-blue-700 hover:underline">
                    {t("manageTemplates")}
                  </Link>
                </>
              )
            ) : null}
          </p>
        </div>
        <Field name="delayDays" label={t("delay")} hint={t("delayHint")} error={fieldError("delayDays")}>
          {(props) => (
            <select
              {...props}
              defaultValue={chosenDelay}
              onChange={(event) => setChosenDelay(event.target.value)}
              className={inputClass}
            >
              {delays.map((days) => (
                <option key={days} value={days}>
                  {t("delayOption", { days })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <div className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
        <h3 className="font-medium text-slate-900">{t("explainTitle")}</h3>
        {selected ? (
          <ol className="mt-2 list-decimal space-y-1 pl-5">
            <li>{t("explainStatus", { label: selected.label })}</li>
            <li>
              {t.rich("explainDate", {
                days: delay,
                timeZone,
                today: () => day(today),
                date: () => day(promiseDate),
              })}
            </li>
            <li>
              {template && followUpDate
                ? t.rich("explainFollowUp", {
                    title: template.title,
                    channel: tChannel(template.channel),
                    offset: template.dueOffsetDays,
                    date: () => day(followUpDate),
                  })
                : t("explainNoFollowUp")}
            </li>
          </ol>
        ) : (
          <p className="mt-2">{t("explainOff")}</p>
        )}
      </div>

      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} aria-busy={pending} className={primaryButtonClass}>
          {t("submit")}
        </button>
        <FormStatus state={state} success={t("saved")} className="flex-1" />
      </div>
    </form>
  );
}
