import "server-only";

import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { authConfig } from "./auth.config";
import { signInWithCredentials } from "./signIn";

/** The client address as the first proxy in front of the app saw it. */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || headers.get("x-real-ip") || "unknown").slice(0, 64);
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const user = await signInWithCredentials(credentials, clientIp(request.headers));
        if (!user) throw new CredentialsSignin();
        return { id: String(user.id), email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
});
