import "server-only";

import { getTranslations } from "next-intl/server";
import type { z } from "zod";

import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { createAction, formDataToObject, type ActionResult } from "@/lib/serverAction";

/**
 * Which form control a refusal is about, so the form shows it next to that control.
 * (Presentation only: the rules and their messages live in lib/.)
 */
const FIELD_OF_ERROR: Record<string, string> = {
  statusLabelTaken: "label",
  statusTemplateNotFound: "actionTemplateId",
  statusTemplateArchived: "actionTemplateId",
  statusUnarchiveTemplateArchived: "actionTemplateId",
  templateNameTaken: "name",
  quickPromiseStatusNotFound: "statusId",
  quickPromiseStatusArchived: "statusId",
  userEmailTaken: "email",
  lastAdminDemote: "role",
};

type Outcome<T> = { done: true; data: T } | { done: false; key: string; values: Record<string, string | number> };

type Translate = Awaited<ReturnType<typeof getTranslations<"errors">>>;

/** The admin schemas name a catalogue key per field; otherwise the generic message for the issue's kind. */
function fieldMessage(issue: z.core.$ZodIssue, t: Translate): string {
  if (/^[a-z][A-Za-z0-9]*$/.test(issue.message) && t.has(issue.message)) return t(issue.message);
  const limit = "minimum" in issue ? Number(issue.minimum) : "maximum" in issue ? Number(issue.maximum) : 0;
  const generic = `field.${issue.code}`;
  return t.has(generic) ? t(generic, { limit }) : t("fieldInvalid");
}

/**
 * createAction (parse → actor → lib → typed result) for the admin forms, plus what those forms
 * need: each field's problem in the words its schema names (translated here, in the user's
 * language), and a refusal about one field (a label already used…) attached to that field.
 */
export function adminAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, actor: Actor | null) => Promise<T>,
) {
  const run = createAction(schema, async (input, actor): Promise<Outcome<T>> => {
    try {
      return { done: true, data: await handler(input, actor) };
    } catch (error) {
      if (error instanceof DomainError && FIELD_OF_ERROR[error.key]) {
        return { done: false, key: error.key, values: error.values };
      }
      throw error;
    }
  });
  return async function action(previous: unknown, input: FormData | unknown): Promise<ActionResult<T>> {
    const raw = input instanceof FormData ? formDataToObject(input) : input;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const t = await getTranslations("errors");
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        fieldErrors[issue.path.map(String).join(".") || "_"] ??= fieldMessage(issue, t);
      }
      return { ok: false, error: t("invalidInput"), fieldErrors };
    }
    // createAction parses again (and refuses what the database cannot store), then authorises.
    const result = await run(previous, raw);
    if (!result.ok) return result;
    if (result.data.done) return { ok: true, data: result.data.data };
    const t = await getTranslations("errors");
    const message = t(result.data.key, result.data.values);
    return { ok: false, error: message, fieldErrors: { [FIELD_OF_ERROR[result.data.key]!]: message } };
  };
}
