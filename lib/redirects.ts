const FALLBACK = "/customers";
const BASE = "http://credit-desk.invalid";

/**
 * Turns an untrusted callbackUrl into a path on this site. Anything that would leave the
 * origin (absolute URLs, protocol-relative `//host`, `/\host`, odd schemes) falls back.
 */
export function safeRedirectPath(value: unknown, fallback = FALLBACK): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, BASE);
    if (url.origin !== BASE) return fallback;
    if (url.pathname.startsWith("/login") || url.pathname.startsWith("/api/")) return fallback;
    // A path that does not percent-decode (`/%E0%A4%A`) leads nowhere useful: go home instead.
    decodeURIComponent(url.pathname);
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
