/**
 * Errors a user can act on. `key` names the message in the catalogue (namespace "errors"),
 * `values` fills its placeholders; the server action turns it into words for the officer.
 */
export class DomainError extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(key, options);
    this.name = "DomainError";
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

/** Input that does not pass its schema; `fieldErrors` maps a field path to its first problem. */
export class InvalidInputError extends DomainError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("invalidInput");
    this.name = "InvalidInputError";
  }
}
