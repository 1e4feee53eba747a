import { hash, verify } from "@node-rs/argon2";

// Argon2id is the library's default algorithm; OWASP's minimum cost for it (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of a random string: verifying against it costs the same as a real check. */
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$l2LCT1ifh5VSEY80sT7WUg$sIsdUd+fHEPAy4h8SonmRXjCpcHcKiP8UarNB9lOFh0";

/**
 * Verifies a password; with no stored hash (unknown email) it still runs a full argon2
 * verification so that both failures take the same time.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  try {
    const ok = await verify(storedHash ?? DUMMY_HASH, password);
    return Boolean(storedHash) && ok;
  } catch {
    return false;
  }
}
