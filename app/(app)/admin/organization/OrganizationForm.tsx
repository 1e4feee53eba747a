"use client";

import { useTranslations } from "next-intl";

import { updateOrganizationAction } from "../actions";
import { Field, FormStatus, inputClass, primaryButtonClass, useAdminForm } from "../_components/adminForm";

export function OrganizationForm({
  profile,
  timeZones,
  currencies,
  locales,
}: {
  profile: { name: string; timeZone: string; currency: string; locale: string; collectorsOwnCustomersOnly: boolean };
  timeZones: string[];
  currencies: { code: string; name: string }[];
  locales: { code: string; name: string }[];
}) {
  const t = useTranslations("organization");
  const { state, pending, formProps, fieldError } = useAdminForm(updateOrganizationAction);
  const restrictionError = fieldError("collectorsOwnCustomersOnly");
  return (
    <form {...formProps} className="space-y-5">
      <Field name="name" label={t("name")} error={fieldError("name")}>
        {(props) => <input {...props} type="text" required maxLength={120} defaultValue={profile.name} className={inputClass} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field name="timeZone" label={t("timeZone")} hint={t("timeZoneHint")} error={fieldError("timeZone")}>
          {(props) => (
            <select {...props} defaultValue={profile.timeZone} className={inputClass}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="currency" label={t("currency")} hint={t("currencyHint")} error={fieldError("currency")}>
          {(props) => (
            <select {...props} defaultValue={profile.currency} className={inputClass}>
              {currencies.map((currency) => (
                <option key={currency.code} value={currency.code}>
                  {currency.code} — {currency.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="locale" label={t("locale")} hint={t("localeHint")} error={fieldError("locale")}>
          {(props) => (
            <select {...props} defaultValue={profile.locale} className={inputClass}>
              {locales.map((locale) => (
                <option key={locale.code} value={locale.code} lang={locale.code}>
                  {locale.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div>
        <div className="flex items-start gap-3">
          <input
            id="collectorsOwnCustomersOnly"
            name="collectorsOwnCustomersOnly"
            type="checkbox"
            defaultChecked={profile.collectorsOwnCustomersOnly}
            aria-describedby={`collectorsOwnCustomersOnly-hint${restrictionError ? " collectorsOwnCustomersOnly-error" : ""}`}
            aria-invalid={restrictionError ? true : undefined}
            className="mt-1 h-4 w-4 rounded border-slate-300"
          />
          <div>
            <label htmlFor="collectorsOwnCustomersOnly" className="text-sm font-medium text-slate-700">
              {t("restriction")}
            </label>
            <p id="collectorsOwnCustomersOnly-hint" className="text-xs text-slate-500">
              {t("restrictionHint")}
            </p>
            {restrictionError ? (
              <p id="collectorsOwnCustomersOnly-error" className="mt-1 text-sm text-red-700">
                {restrictionError}
              </p>
            ) : null}
          </div>
        </div>
      </div>
      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} aria-busy={pending} className={primaryButtonClass}>
          {t("save")}
        </button>
        <FormStatus state={state} success={t("saved")} className="flex-1" />
      </div>
    </form>
  );
}
