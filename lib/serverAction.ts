import "server-only";

import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { recordAccessDenied } from "./accessDenied";
import type { Actor } from "./authz";
import { DomainError, ForbiddenError, InvalidInputError, MESSAGE_KEY, NotSignedInError } from "./errors";
import { getActor } from "./session";
import { parseInput } from "./validation";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * FormData → plain object. A field named `name[]` becomes an array; Next's internal
 * `$ACTION_*` fields are dropped so that `.strict()` schemas see only what the form sent.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (key.endsWith("[]")) {
      const name = key.slice(0, -2);
      ((result[name] ??= []) as unknown[]).push(value);
    } else {
      result[key] = value;
    }
  }
  return result;
}

const DATABASE_DOWN_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "57P01", "57P02", "57P03", "08000", "08003", "08006"]);

/** node-postgres's own wording when a connection cannot be made or was lost. */
const DATABASE_DOWN_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|is not queryable|Cannot use a pool after calling end/i;

function isDatabaseDown(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && DATABASE_DOWN_CODES.has(code)) return true;
    if (e instanceof Error && DATABASE_DOWN_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** Turns any failure into words for the officer; the log keeps the cause. */
export async function describeError(error: unknown): Promise<{ error: string; fieldErrors?: Record<string, string> }> {
  const t = await getTranslations("errors");
  if (error instanceof InvalidInputError) {
    // A schema may name the message (a catalogue key); otherwise the generic one for the kind of problem.
    const fieldErrors: Record<string, string> = {};
    for (const [field, problem] of Object.entries(error.problems)) {
      const generic = `field.${problem.code}`;
      fieldErrors[field] =
        MESSAGE_KEY.test(problem.message) && t.has(problem.message)
          ? t(problem.message)
          : t.has(generic)
            ? t(generic, { limit: problem.limit ?? 0 })
            : t("field.invalid");
    }
    // The general sentence on top; each field shows its own problem next to it.
    return { error: t("invalidInput"), fieldErrors };
  }
  if (error instanceof DomainError) {
    const message = t(error.key, error.values);
    return error.field ? { error: message, fieldErrors: { [error.field]: message } } : { error: message };
  }
  if (isDatabaseDown(error)) {
    console.error("[action] database unavailable:", error);
    return { error: t("databaseUnavailable") };
  }
  console.error("[action] unexpected error:", error);
  return { error: t("unexpected") };
}

/**
 * The one shape of every server action: parse (zod) → who is calling → the lib function, which
 * authorises and runs one transaction → typed result. Usable with useActionState
 * (`(previousState, formData)`) and callable directly with an object.
 */
export function createAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, actor: Actor | null) => Promise<T>,
  options: { /** Names the action in the audit log (else Next's action id). */ name?: string } = {},
) {
  return async function run(_previous: unknown, payload: FormData | unknown): Promise<ActionResult<T>> {
    let actor: Actor | null = null;
    try {
      const input = parseInput(schema, payload instanceof FormData ? formDataToObject(payload) : payload);
      actor = await getActor();
      return { ok: true, data: await handler(input, actor) };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof ForbiddenError || error instanceof NotSignedInError) {
        await recordAccessDenied({
          actorId: actor?.id ?? null,
          entity: "action",
          action: options.name ?? (await currentActionId()),
          reason: error.key,
        });
      }
      return { ok: false, ...(await describeError(error)) };
    }
  };
}

/** Next's id of the server action being run (its `Next-Action` header), when there is a request. */
async function currentActionId(): Promise<string | null> {
  try {
    return (await headers()).get("next-action");
  } catch {
    return null;
  }
}
