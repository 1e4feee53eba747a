import type { z } from "zod";

import { InvalidInputError, type FieldProblem } from "./errors";

/** Parses input at a lib boundary; a refusal names each field's first problem and writes nothing. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
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
