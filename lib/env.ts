import { z } from "zod";

/**
 * The validated environment: the only module that reads process.env.
 * Read lazily so that scripts and tests can set variables before first use.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Set → node-postgres pool on that server; unset → embedded PGlite. */
  DATABASE_URL: z.url().optional(),
  /** PGlite data directory when DATABASE_URL is unset. */
  DATABASE_DIR: z.string().min(1).default(".data/pglite"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  AUTH_SECRET: z.string().min(32).optional(),
  /** Idle timeout: a session unused this long ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(720).default(120),
  /** Absolute lifetime: a session ends this long after sign-in, used or not. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(12).default(12),
  /** Sign-in throttling: failures allowed per account and per IP within the window. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  NEXT_PHASE: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${detail}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
