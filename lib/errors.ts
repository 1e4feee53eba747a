/**
 * Errors a user can act on. `key` names the message in the catalogue (namespace "errors"),
 * `values` fills its placeholders; the server action turns it into words for the officer.
 */
export class DomainError extends Error {
  /** The input field the refusal is about (a label already used…), so a form shows it there. */
  readonly field?: string;

  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
    options?: { cause?: unknown; field?: string },
  ) {
    super(key, options);
    this.name = "DomainError";
    this.field = options?.field;
  }
}

/** The caller may not do this (role, customer, or the record is not theirs to see). */
export class ForbiddenError extends DomainError {
  constructor(key = "forbidden", values: Record<string, string | number> = {}) {
    super(key, values);
    this.name = "ForbiddenError";
  }
}

/** Not found, or not visible to the caller: the two are indistinguishable on purpose. */
export class NotFoundError extends DomainError {
  constructor(key = "notFound", values: Record<string, string | number> = {}) {
    super(key, values);
    this.name = "NotFoundError";
  }
}

export class NotSignedInError extends DomainError {
  constructor() {
    super("notSignedIn");
    this.name = "NotSignedInError";
  }
}

/** A field's first problem: zod's issue code (translated for the user) and its English message (for logs). */
export type FieldProblem = { code: string; message: string; limit?: number };

/** A schema message that is a key of the "errors" catalogue (e.g. "quickPromiseDelayRange"). */
export const MESSAGE_KEY = /^[a-z][A-Za-z0-9]*$/;

/**
 * Input that does not pass its schema; `problems` maps a field path to its first problem. Its key
 * is the first problem's own catalogue key when the schema names one, else "invalidInput".
 */
export class InvalidInputError extends DomainError {
  constructor(readonly problems: Record<string, FieldProblem>) {
    const named = Object.values(problems).find((problem) => MESSAGE_KEY.test(problem.message));
    super(named?.message ?? "invalidInput");
    this.name = "InvalidInputError";
  }
}
