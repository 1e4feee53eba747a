import "server-only";

import { z } from "zod";

import { MAX_RECORD_ID } from "./validation";

/**
 * Zod building blocks for the admin forms. Their error messages are keys of the "errors"
 * catalogue namespace, so a server action shows each one next to its control in the user's
 * language, and a lib function called directly (parseInput) throws an InvalidInputError with that key.
 * Each accepts what a form sends (strings) and what code sends (numbers, booleans, null), and
 * accepts its own output again (lib functions re-parse what the action already parsed).
 */

/** A whole number within [min, max], from a number or a string of digits. */
export function intField(min: number, max: number, error: string) {
  return z
    .union([z.number({ error }), z.string({ error }).trim().regex(/^-?\d{1,10}$/, { error })], { error })
    .transform(Number)
    .pipe(z.number({ error }).int({ error }).min(min, { error }).max(max, { error }));
}

/** A database id (positive 32-bit integer). */
export function idField(error = "invalidInput") {
  return intField(1, MAX_RECORD_ID, error);
}

/** An optional whole number: "" or null (a select's empty option) means none. */
export function optionalIntField(min: number, max: number, error: string) {
  const empty = z.union([z.literal("", { error }), z.null({ error })], { error }).transform(() => null);
  return z.union([empty, intField(min, max, error)], { error });
}

export function optionalIdField(error = "invalidInput") {
  return optionalIntField(1, MAX_RECORD_ID, error);
}

/** Trimmed text of bounded length. */
export function textField(min: number, max: number, error: string) {
  return z.string({ error }).trim().min(min, { error }).max(max, { error });
}

/**
 * A checkbox: a form sends "on" (or the input's value) when ticked and nothing when not, so a
 * missing field means false. Code may pass a boolean.
 */
export function checkboxField(error = "invalidInput") {
  return z
    .union([z.boolean({ error }), z.enum(["on", "true", "false", "1", "0"], { error })], { error })
    .optional()
    .transform((value) => value === true || value === "on" || value === "true" || value === "1");
}
