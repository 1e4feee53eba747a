import { z } from "zod";

import { InvalidInputError, type FieldProblem } from "./errors";

/** PostgreSQL's `integer`: the largest id a record can have. */
export const MAX_RECORD_ID = 2_147_483_647;

/** A record's id, from code (a number) or a form (digits). */
export const recordId = z.coerce.number().int().positive().max(MAX_RECORD_ID);

/** Free text a user may leave empty: trimmed, at most `max` characters, null when empty. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === "" ? null : value))
    .nullish();
}

/** Parses input at a lib boundary; a refusal names each field's first problem and writes nothing. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const nul = pathsWithNul(parsed.data);
    if (nul.length === 0) return parsed.data;
    throw new InvalidInputError(
      Object.fromEntries(nul.map((path) => [path, { code: "invalid_format", message: "Contains a NUL character." }])),
    );
  }
  const problems: Record<string, FieldProblem> = {};
  for (const issue of parsed.error.issues) {
    const limit = "minimum" in issue ? issue.minimum : "maximum" in issue ? issue.maximum : undefined;
    problems[issue.path.map(String).join(".") || "_"] ??= {
      code: issue.code,
      message: issue.message,
      ...(limit === undefined ? {} : { limit: Number(limit) }),
    };
  }
  throw new InvalidInputError(problems);
}

/**
 * PostgreSQL cannot store U+0000 in text: a string holding one would fail inside the transaction
 * as a database error. Refused here as invalid input instead. Paths of the strings that hold one.
 */
export function pathsWithNul(value: unknown, path = "", depth = 0): string[] {
  if (typeof value === "string") return value.includes("\u0000") ? [path || "_"] : [];
  if (depth > 8 || value === null || typeof value !== "object") return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    found.push(...pathsWithNul(child, path ? `${path}.${key}` : key, depth + 1));
    if (found.length >= 10) break;
  }
  return found;
}
