import NextAuth from "next-auth";
import { NextResponse } from "next/server";

import { authConfig } from "@/lib/auth.config";

const { auth } = NextAuth(authConfig);

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];

/** next.config.ts's serverActions.bodySizeLimit ("2mb"): a bigger body gets a 413 here instead of Next's 500. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

function isWellFormed(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Redirects signed-out visitors to the sign-in page and sets the per-request CSP nonce.
 * It is a convenience, not the security boundary: every page, action and data function
 * checks the user itself.
 */
export const proxy = auth((request) => {
  const { pathname, search } = request.nextUrl;
  // A path that does not percent-decode would make the router fail with a 500 further on.
  if (!isWellFormed(pathname)) return new NextResponse("Bad Request", { status: 400, headers: { "Content-Type": "text/plain" } });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return new NextResponse("Payload Too Large", { status: 413, headers: { "Content-Type": "text/plain" } });
  }
  if (!request.auth && !isPublic(pathname)) {
    const login = new URL("/login", request.nextUrl.origin);
    if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // For the access-denied audit entry of a page (always set here, so a client cannot choose it).
  headers.set("x-request-path", pathname.slice(0, 512));
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
