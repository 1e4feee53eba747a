import type { NextAuthConfig } from "next-auth";
import type {} from "next-auth/jwt";

import type { Role } from "@/db/schema";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; name?: string | null; email?: string | null };
    /** This sign-in's id: signing out revokes it. */
    sessionId: string;
    /** Seconds since epoch when this sign-in ends at the latest. */
    endsAt: number;
  }
  interface User {
    role?: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sid?: string;
    /** Seconds since epoch when the user signed in: bounds the absolute session lifetime. */
    signedInAt?: number;
  }
}

/** A whole number from the environment, clamped to [min, max]; anything else gives the default (never unbounded). */
function bounded(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isInteger(n)) return fallback;
  return Math.min(Math.max(n, min), max);
}

const idleMinutes = bounded(process.env.SESSION_IDLE_MINUTES, 120, 5, 720);
const maxHours = bounded(process.env.SESSION_MAX_HOURS, 12, 1, 12);

/**
 * The part of the Auth.js configuration that needs no database: shared by the proxy and the
 * server. The proxy only redirects; the data layer re-checks the user on every request.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  trustHost: true,
  session: { strategy: "jwt", maxAge: idleMinutes * 60, updateAge: 0 },
  jwt: { maxAge: idleMinutes * 60 },
  providers: [],
  logger: {
    // A wrong password is an expected outcome, already in the audit log: not an error to print.
    error(error) {
      if (error.name === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user) {
        token.uid = String(user.id);
        token.role = user.role;
        token.signedInAt = now;
        token.sid = crypto.randomUUID();
      }
      // Absolute lifetime: past it the token is dropped and the user signs in again.
      if (!token.signedInAt || now - token.signedInAt > maxHours * 3600) return null;
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = {
          ...session.user,
          id: token.uid,
          role: token.role,
        };
        session.sessionId = token.sid ?? "";
        session.endsAt = (token.signedInAt ?? 0) + maxHours * 3600;
      }
      return session;
    },
    redirect({ url, baseUrl }) {
      if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {
        // fall through to the home page
      }
      return baseUrl;
    },
  },
} satisfies NextAuthConfig;
