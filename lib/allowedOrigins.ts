/**
 * ALLOWED_ORIGINS → the hosts Next.js accepts server-action posts from besides the app's own.
 *
 * Next compares the request's Origin host (`host[:port]`) with this list and also accepts wildcard
 * patterns (`*.example.com`). We keep exact hosts only: a wildcard lets any subdomain — including
 * one an attacker can get (a customer's tenant, a preview deployment) — post actions with the
 * user's cookies. An entry written as a URL (`https://proxy.example.com`) is reduced to its host;
 * anything else that is not a plain host is dropped.
 */
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?::\d{1,5})?$/;

export function parseAllowedOrigins(value: string | undefined | null): string[] {
  const hosts = new Set<string>();
  for (const raw of (value ?? "").split(",")) {
    let entry = raw.trim().toLowerCase();
    if (entry.length === 0 || entry.length > 253 || entry.includes("*")) continue;
    if (entry.includes("://")) {
      try {
        const url = new URL(entry);
        if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) continue;
        if (url.pathname !== "/" || url.search || url.hash) continue;
        entry = url.host;
      } catch {
        continue;
      }
    }
    if (HOST.test(entry)) hosts.add(entry);
  }
  return [...hosts];
}
