import type { z } from "zod";

import { InvalidInputError } from "./errors";

/** Parses input at a lib boundary; a refusal names each field's first problem and writes nothing. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    fieldErrors[issue.path.map(String).join(".") || "_"] ??= issue.message;
  }
  throw new InvalidInputError(fieldErrors);
}
