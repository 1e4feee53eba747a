import "server-only";

import { randomInt } from "node:crypto";

import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import { z } from "zod";

import { getDb, type Queryable, type Tx } from "@/db/client";
import { userRole, users, type Role } from "@/db/schema";

import { idField, textField } from "./adminValidation";
import { recordAudit } from "./audit";
import { assertAdmin, type Actor } from "./authz";
import { isUniqueViolation } from "./dbErrors";
import { DomainError, NotFoundError } from "./errors";
import { hashPassword } from "./password";
import { parseInput } from "./validation";

export const USER_NAME_MAX = 120;
export const USER_EMAIL_MAX = 254;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export const createUserSchema = z
  .object({
    email: z
      .string({ error: "userEmailInvalid" })
      .trim()
      .toLowerCase()
      .max(USER_EMAIL_MAX, { error: "userEmailInvalid" })
      .pipe(z.email({ error: "userEmailInvalid" })),
    name: textField(1, USER_NAME_MAX, "userNameLength"),
    role: z.enum(userRole.enumValues, { error: "userRoleInvalid" }),
    /** Empty: a password is generated and shown once. Never trimmed: spaces are characters too. */
    password: z
      .union(
        [
          z.literal("").transform(() => null),
          z.null(),
          z
            .string({ error: "userPasswordLength" })
            .min(PASSWORD_MIN, { error: "userPasswordLength" })
            .max(PASSWORD_MAX, { error: "userPasswordLength" }),
        ],
        { error: "userPasswordLength" },
      )
      .default(null),
  })
  .strict();

export const changeUserRoleSchema = z
  .object({ id: idField(), role: z.enum(userRole.enumValues, { error: "userRoleInvalid" }) })
  .strict();
export const userIdSchema = z.object({ id: idField() }).strict();

export type UserListRow = { id: number; email: string; name: string; role: Role; active: boolean; createdAt: Date };

export async function listUsers(actor: Actor | null, db: Queryable = getDb()): Promise<UserListRow[]> {
  assertAdmin(actor);
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(desc(users.active), sql`lower(${users.name})`, asc(users.id));
}

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), in groups of four: ~90 bits. */
export function generatePassword(): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

export type CreatedUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Shown once to the admin when no password was given; never stored in clear. */
  generatedPassword: string | null;
};

export async function createUser(actor: Actor | null, input: unknown): Promise<CreatedUser> {
  assertAdmin(actor);
  const data = parseInput(createUserSchema, input);
  const generatedPassword = data.password === null ? generatePassword() : null;
  // Argon2 takes ~50 ms: hash before the transaction opens, not while it holds a connection.
  const passwordHash = await hashPassword(data.password ?? generatedPassword!);
  try {
    return await getDb().transaction(async (tx) => {
      const [clash] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, data.email));
      if (clash) throw new DomainError("userEmailTaken", { email: data.email }, { field: "email" });
      const [row] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name, role: data.role, passwordHash })
        .returning({ id: users.id });
      await recordAudit(tx, {
        actorId: actor.id,
        event: "user.create",
        entity: "user",
        entityId: row!.id,
        after: { email: data.email, name: data.name, role: data.role, active: true, passwordGenerated: generatedPassword !== null },
      });
      return { id: row!.id, email: data.email, name: data.name, role: data.role, generatedPassword };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("userEmailTaken", { email: data.email }, { cause: error, field: "email" });
    throw error;
  }
}

type LockedUser = { id: number; name: string; role: Role; active: boolean };

/**
 * Locks the target user and every active admin, in id order (so two admin changes cannot
 * deadlock). A concurrent demotion or deactivation of another admin waits here and, once it
 * commits, that admin no longer matches: the count below is the committed truth.
 */
async function lockTargetAndAdmins(tx: Tx, id: number): Promise<{ target: LockedUser; activeAdmins: number }> {
  const rows = await tx
    .select({ id: users.id, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(or(eq(users.id, id), and(eq(users.role, "admin"), eq(users.active, true))))
    .orderBy(asc(users.id))
    .for("update");
  const target = rows.find((row) => row.id === id);
  if (!target) throw new NotFoundError("userNotFound");
  return { target, activeAdmins: rows.filter((row) => row.role === "admin" && row.active).length };
}

/** Takes effect at the user's next request: the session re-reads the role from the database. */
export async function changeUserRole(actor: Actor | null, input: unknown): Promise<{ id: number; role: Role }> {
  assertAdmin(actor);
  const { id, role } = parseInput(changeUserRoleSchema, input);
  return getDb().transaction(async (tx) => {
    const { target, activeAdmins } = await lockTargetAndAdmins(tx, id);
    if (target.role === role) return { id, role };
    if (target.role === "admin" && target.active && activeAdmins <= 1) {
      throw new DomainError("lastAdminDemote", { name: target.name }, { field: "role" });
    }
    await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, id));
    await recordAudit(tx, {
      actorId: actor.id,
      event: "user.role_change",
      entity: "user",
      entityId: id,
      before: { role: target.role },
      after: { role },
    });
    return { id, role };
  });
}

/** The user is signed out at their next request (the session requires an active user). */
export async function deactivateUser(actor: Actor | null, input: unknown): Promise<{ id: number; active: boolean }> {
  assertAdmin(actor);
  const { id } = parseInput(userIdSchema, input);
  return getDb().transaction(async (tx) => {
    const { target, activeAdmins } = await lockTargetAndAdmins(tx, id);
    if (!target.active) return { id, active: false };
    if (target.role === "admin" && activeAdmins <= 1) {
      throw new DomainError("lastAdminDeactivate", { name: target.name });
    }
    await tx.update(users).set({ active: false, updatedAt: new Date() }).where(eq(users.id, id));
    await recordAudit(tx, {
      actorId: actor.id,
      event: "user.deactivate",
      entity: "user",
      entityId: id,
      before: { active: true },
      after: { active: false },
    });
    return { id, active: false };
  });
}

export async function reactivateUser(actor: Actor | null, input: unknown): Promise<{ id: number; active: boolean }> {
  assertAdmin(actor);
  const { id } = parseInput(userIdSchema, input);
  return getDb().transaction(async (tx) => {
    const [target] = await tx
      .select({ active: users.active })
      .from(users)
      .where(eq(users.id, id))
      .for("update");
    if (!target) throw new NotFoundError("userNotFound");
    if (target.active) return { id, active: true };
    await tx.update(users).set({ active: true, updatedAt: new Date() }).where(eq(users.id, id));
    await recordAudit(tx, {
      actorId: actor.id,
      event: "user.reactivate",
      entity: "user",
      entityId: id,
      before: { active: false },
      after: { active: true },
    });
    return { id, active: true };
  });
}
