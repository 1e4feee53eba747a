import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";

import { emailOf, PASSWORD, storageStateOf, type RoleName } from "./users";

/*
 * Security at the HTTP edge of the built app: bypass headers, cross-site posts, session cookies,
 * redirects, caching, security headers and request limits. No test here makes a failed sign-in
 * (the per-IP throttle is shared with the other specs); refused posts never reach the password check.
 */

const EVIL_ORIGIN = "https://evil.example";
const ADMIN_HEADING = /<h1[^>]*>Manage item status \(disputes, etc\.\)<\/h1>/;

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The hidden inputs React renders into a server-action form (action id, bound state, …) and the form's own. */
function hiddenInputs(formHtml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [tag] of formHtml.matchAll(/<input\b[^>]*>/g)) {
    if (!/\btype="hidden"/.test(tag)) continue;
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name) fields[decodeEntities(name)] = decodeEntities(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  return fields;
}

function formContaining(html: string, marker: RegExp): string {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => marker.test(f));
  if (!form) throw new Error(`No form matching ${marker}`);
  return form;
}

/** Every script tag of a page carries the nonce of its own response's CSP. */
function expectOneNonce(csp: string, html: string): void {
  const nonce = /script-src[^;]*'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeDefined();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
}

async function newContext(baseURL: string, storageState?: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, storageState });
}

/** The sign-in page's form fields, as rendered for this callbackUrl (the page sanitises it). */
async function signInFields(api: APIRequestContext, callbackUrl?: string): Promise<Record<string, string>> {
  const page = await api.get(callbackUrl === undefined ? "/login" : `/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  expect(page.status()).toBe(200);
  return hiddenInputs(formContaining(await page.text(), /name="password"/));
}

/** Posts the sign-in form the way a browser without JavaScript does (a multipart form post of the action). */
async function postSignIn(
  api: APIRequestContext,
  options: { role: RoleName; fields: Record<string, string>; origin: string; headers?: Record<string, string>; extra?: Record<string, string> },
): Promise<APIResponse> {
  return api.post("/login", {
    multipart: { ...options.fields, email: emailOf(options.role), password: PASSWORD, ...options.extra },
    headers: { Origin: options.origin, ...options.headers },
    maxRedirects: 0,
  });
}

function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value);
}

function sessionCookie(response: APIResponse): string | undefined {
  return setCookies(response).find((cookie) => /^(__Secure-)?authjs\.session-token=/.test(cookie));
}

async function signedInContext(baseURL: string, role: RoleName): Promise<APIRequestContext> {
  const api = await newContext(baseURL);
  const response = await postSignIn(api, { role, fields: await signInFields(api), origin: baseURL });
  expect(response.status()).toBe(303);
  return api;
}

test.describe("authorisation does not depend on the proxy", () => {
  const bypassHeaders = [
    "middleware:middleware:middleware:middleware:middleware",
    "proxy:proxy:proxy:proxy:proxy",
    "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  ];

  for (const value of bypassHeaders) {
    test(`x-middleware-subrequest "${value.split(":")[0]}:…" does not let a signed-out visitor in`, async ({ baseURL }) => {
      const api = await newContext(baseURL!);
      for (const path of ["/admin/item-statuses", "/admin", "/customers"]) {
        const response = await api.get(path, { headers: { "x-middleware-subrequest": value }, maxRedirects: 0 });
        expect(response.status(), path).toBe(307);
        expect(new URL(response.headers()["location"]!, baseURL).pathname, path).toBe("/login");
      }
      // Followed, the redirect ends on the sign-in page, never on the admin page.
      const followed = await api.get("/admin/item-statuses", { headers: { "x-middleware-subrequest": value } });
      expect(new URL(followed.url()).pathname).toBe("/login");
      // (The message catalogue travels with every page, so look for the rendered heading, not the words.)
      expect(await followed.text()).not.toMatch(ADMIN_HEADING);
      await api.dispose();
    });

    test(`x-middleware-subrequest "${value.split(":")[0]}:…" does not let a collector into admin`, async ({ browser, baseURL }) => {
      const api = await newContext(baseURL!, storageStateOf("collector"));
      const response = await api.get("/admin/item-statuses", { headers: { "x-middleware-subrequest": value }, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      const body = await response.text();
      expect(body).toContain("NEXT_HTTP_ERROR_FALLBACK;403");
      expect(body).not.toMatch(ADMIN_HEADING);
      expectOneNonce(response.headers()["content-security-policy"] ?? "", body);
      await api.dispose();

      // The 403 page is drawn by the client: check what a person sees.
      const context = await browser.newContext({ storageState: storageStateOf("collector"), extraHTTPHeaders: { "x-middleware-subrequest": value } });
      const page = await context.newPage();
      const visit = await page.goto("/admin/item-statuses");
      expect(visit?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Manage item status (disputes, etc.)" })).toHaveCount(0);
      await context.close();
    });
  }

  test("the same request as an admin is served (the refusals above are about the role)", async ({ baseURL }) => {
    const api = await newContext(baseURL!, storageStateOf("admin"));
    const response = await api.get("/admin/item-statuses", {
      headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    });
    expect(response.status()).toBe(200);
    expect(await response.text()).toMatch(ADMIN_HEADING);
    await api.dispose();
  });
});

test("a refused admin page is in the audit log once, with who and which path", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await context.newPage();
  const total = async () => {
    await page.goto("/admin/audit");
    const summary = await page.getByText(/^\s*([\d,.\s\u202f]+|No) entr(y|ies)\s*$/).first().textContent();
    return Number((summary ?? "").replace(/\D/g, "") || 0);
  };
  const before = await total();

  // One request, refused by three nested guards (two layouts and the page): one entry.
  const collector = await newContext(baseURL!, storageStateOf("collector"));
  expect((await collector.get("/admin/item-statuses")).status()).toBe(403);
  await collector.dispose();

  expect(await total()).toBe(before + 1);
  const row = page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: "auth.access_denied" }).first();
  await expect(row).toContainText(emailOf("collector"));
  await expect(row).toContainText("/admin/item-statuses");
  await context.close();
});

test.describe("server actions refuse other origins", () => {
  test("sign-in posted from another origin is refused and signs nobody in; from this origin it works", async ({ baseURL }) => {
    const api = await newContext(baseURL!);
    const fields = await signInFields(api, "/account");
    expect(Object.keys(fields).some((name) => name.startsWith("$ACTION_"))).toBe(true);

    const evil = await postSignIn(api, { role: "viewer", fields, origin: EVIL_ORIGIN });
    expect(evil.status()).toBeGreaterThanOrEqual(400);
    expect(evil.headers()["location"]).toBeUndefined();
    expect(sessionCookie(evil)).toBeUndefined();
    const stillOut = await api.get("/account", { maxRedirects: 0 });
    expect(stillOut.status()).toBe(307);

    const same = await postSignIn(api, { role: "viewer", fields, origin: new URL(baseURL!).origin });
    expect(same.status()).toBe(303);
    expect(new URL(same.headers()["location"]!).pathname).toBe("/account");
    expect(sessionCookie(same)).toBeDefined();
    const account = await api.get("/account", { maxRedirects: 0 });
    expect(account.status()).toBe(200);
    expect(await account.text()).toContain(emailOf("viewer"));
    await api.dispose();
  });

  test("sign-out posted from another origin does not sign out; from this origin it does", async ({ baseURL }) => {
    const api = await signedInContext(baseURL!, "viewer");
    const customers = await api.get("/customers");
    const signOutForm = formContaining(await customers.text(), />Sign out</);
    const fields = hiddenInputs(signOutForm);
    const actionField = Object.keys(fields).find((name) => name.startsWith("$ACTION_ID_"));
    expect(actionField, "the Sign out form carries its action id").toBeDefined();

    const evil = await api.post("/customers", { multipart: fields, headers: { Origin: EVIL_ORIGIN }, maxRedirects: 0 });
    expect(evil.status()).toBeGreaterThanOrEqual(400);
    expect(setCookies(evil).some((cookie) => /authjs\.session-token=;|Max-Age=0|Expires=Thu, 01 Jan 1970/.test(cookie))).toBe(false);
    expect((await api.get("/account", { maxRedirects: 0 })).status()).toBe(200);

    const same = await api.post("/customers", { multipart: fields, headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
    expect(same.status()).toBe(303);
    expect(new URL(same.headers()["location"]!, baseURL).pathname).toBe("/login");
    expect((await api.get("/account", { maxRedirects: 0 })).status()).toBe(307);
    await api.dispose();
  });
});

test.describe("session cookie", () => {
  test("over plain HTTP: HttpOnly, SameSite=Lax, Path=/, expiring after the idle timeout", async ({ baseURL }) => {
    const api = await newContext(baseURL!);
    const response = await postSignIn(api, { role: "viewer", fields: await signInFields(api), origin: baseURL! });
    const cookie = sessionCookie(response)!;
    expect(cookie).toMatch(/^authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
    expect(cookie).not.toMatch(/;\s*Domain=/i);
    const expires = Date.parse(/;\s*Expires=([^;]+)/i.exec(cookie)![1]!);
    // SESSION_IDLE_MINUTES defaults to 120: the cookie lives that long from now, not longer than the 12 h cap.
    expect(expires - Date.now()).toBeGreaterThan(115 * 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(121 * 60_000);
    await api.dispose();
  });

  test("behind HTTPS (x-forwarded-proto: https): Secure with the __Secure- prefix, and honoured on the next request", async ({ baseURL }) => {
    const api = await newContext(baseURL!);
    const response = await postSignIn(api, {
      role: "viewer",
      fields: await signInFields(api),
      origin: baseURL!,
      headers: { "x-forwarded-proto": "https" },
    });
    expect(response.status()).toBe(303);
    const cookie = sessionCookie(response)!;
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
    expect(setCookies(response).some((c) => c.startsWith("authjs.session-token="))).toBe(false);
    await api.dispose();

    const [pair] = cookie.split(";");
    const fresh = await newContext(baseURL!);
    const account = await fresh.get("/account", { headers: { cookie: pair!, "x-forwarded-proto": "https" }, maxRedirects: 0 });
    expect(account.status()).toBe(200);
    expect(await account.text()).toContain(emailOf("viewer"));
    await fresh.dispose();
  });
});

test.describe("redirects after sign-in stay on this site", () => {
  const hostile = ["https://evil.com", "//evil.com", "/\\evil.com", ".evil.com", "@evil.com", "%", "/%E0%A4%A", "/%", `/${"a".repeat(5_000)}`];

  test("GET /login with a malformed or hostile callbackUrl answers 200", async ({ baseURL }) => {
    const api = await newContext(baseURL!);
    for (const value of hostile) {
      const response = await api.get(`/login?callbackUrl=${encodeURIComponent(value)}`);
      expect(response.status(), value).toBe(200);
    }
    // Not encoded at all: a bare `%` and a truncated UTF-8 sequence in the query string.
    for (const raw of ["/login?callbackUrl=%", "/login?callbackUrl=%E0%A4%A", "/login?callbackUrl=%%%", "/login?callbackUrl=%00"]) {
      expect((await api.get(raw)).status(), raw).toBe(200);
    }
    await api.dispose();
  });

  for (const value of hostile) {
    test(`a real sign-in with callbackUrl ${JSON.stringify(value.length > 40 ? `${value.slice(0, 12)}… (${value.length} chars)` : value)} ends on this site`, async ({ baseURL }) => {
      const origin = new URL(baseURL!).origin;
      // As the page renders it, and as an attacker would post it straight to the action.
      const api = await newContext(baseURL!);
      const rendered = await signInFields(api, value);
      const posts = [rendered, ...(value.length <= 2048 ? [{ ...rendered, callbackUrl: value }] : [])];
      for (const fields of posts) {
        const response = await postSignIn(api, { role: "viewer", fields, origin });
        expect(response.status()).toBe(303);
        const target = new URL(response.headers()["location"]!, baseURL);
        expect(target.origin).toBe(origin);
        expect(target.pathname.startsWith("//")).toBe(false);
        const landing = await api.get(target.toString(), { maxRedirects: 5 });
        expect(landing.status(), target.toString()).toBeLessThan(500);
        expect(new URL(landing.url()).origin).toBe(origin);
      }
      await api.dispose();
    });
  }

  test("in the browser, hostile callbackUrls land on the customers page", async ({ browser, baseURL }) => {
    for (const value of ["https://evil.com", "/\\evil.com", "/%E0%A4%A"]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(value)}`);
      await page.getByLabel("Email").fill(emailOf("viewer"));
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(`${baseURL}/customers`);
      await context.close();
    }
  });

  test("a malformed path answers 400, not 500", async ({ baseURL }) => {
    const api = await newContext(baseURL!, storageStateOf("viewer"));
    for (const path of ["/customers/%E0%A4%A", "/%E0%A4%A", "/admin/%"]) {
      expect((await api.get(path, { maxRedirects: 0 })).status(), path).toBe(400);
    }
    await api.dispose();
  });
});

test.describe("private pages are never cached by shared caches", () => {
  test("signed-in pages carry Cache-Control private and no-store", async ({ baseURL }) => {
    for (const role of ["collector", "admin"] as const) {
      const api = await newContext(baseURL!, storageStateOf(role));
      for (const path of ["/customers", "/actions", "/account", ...(role === "admin" ? ["/admin/item-statuses"] : [])]) {
        const response = await api.get(path, { maxRedirects: 0 });
        expect(response.status(), `${role} ${path}`).toBe(200);
        const cacheControl = response.headers()["cache-control"] ?? "";
        expect(cacheControl, `${role} ${path}`).toContain("private");
        expect(cacheControl, `${role} ${path}`).toContain("no-store");
      }
      await api.dispose();
    }
    const health = await (await newContext(baseURL!)).get("/api/health");
    expect(health.headers()["cache-control"]).toContain("no-store");
  });

  test("two users requesting the same URL each see only their own account", async ({ baseURL }) => {
    const [collector, viewer] = await Promise.all([
      newContext(baseURL!, storageStateOf("collector")),
      newContext(baseURL!, storageStateOf("viewer")),
    ]);
    const [a, b] = await Promise.all([collector.get("/account"), viewer.get("/account")]);
    const [textA, textB] = [await a.text(), await b.text()];
    expect(textA).toContain(emailOf("collector"));
    expect(textA).not.toContain(emailOf("viewer"));
    expect(textB).toContain(emailOf("viewer"));
    expect(textB).not.toContain(emailOf("collector"));
    await Promise.all([collector.dispose(), viewer.dispose()]);
  });
});

test.describe("security headers", () => {
  function nonceOf(csp: string): string {
    const nonce = /script-src[^;]*'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeDefined();
    return nonce!;
  }

  test("pages carry a nonce-based CSP, frame-ancestors 'none', nosniff and a Referrer-Policy", async ({ baseURL }) => {
    const anonymous = await newContext(baseURL!);
    const signedIn = await newContext(baseURL!, storageStateOf("collector"));
    for (const [api, path] of [
      [anonymous, "/login"],
      [signedIn, "/customers"],
      [signedIn, "/account"],
    ] as const) {
      const response = await api.get(path);
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? "";
      expect(scriptSrc, path).toContain("'strict-dynamic'");
      expect(scriptSrc, path).toMatch(/'nonce-[^']+'/);
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, path).not.toContain("'unsafe-eval'");
      expect(csp, path).toMatch(/(?:^|;)\s*frame-ancestors 'none'/);
      expect(csp, path).toMatch(/(?:^|;)\s*object-src 'none'/);
      expect(csp, path).toMatch(/(?:^|;)\s*base-uri 'self'/);
      expect(csp, path).toMatch(/(?:^|;)\s*form-action 'self'/);
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["x-powered-by"], path).toBeUndefined();

      // Every script tag of the page carries this response's nonce.
      expectOneNonce(csp, await response.text());
    }
    await Promise.all([anonymous.dispose(), signedIn.dispose()]);
  });

  test("the nonce is new on every request", async ({ baseURL }) => {
    const api = await newContext(baseURL!);
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) nonces.add(nonceOf((await api.get("/login")).headers()["content-security-policy"] ?? ""));
    expect(nonces.size).toBe(3);
    await api.dispose();
  });

  async function visitWithoutViolations(
    page: import("@playwright/test").Page,
    visit: () => Promise<void>,
  ): Promise<void> {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (/content security policy/i.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const holder = window as unknown as { __cspViolations?: string[] };
        (holder.__cspViolations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await visit();
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
    expect([...problems, ...violations]).toEqual([]);
  }

  /** React attaches its fiber to hydrated elements: proof that the page's scripts ran under the CSP. */
  async function expectHydrated(page: import("@playwright/test").Page, selector: string) {
    await expect
      .poll(() => page.evaluate((s) => Object.keys(document.querySelector(s) ?? {}).some((k) => k.startsWith("__react")), selector))
      .toBe(true);
  }

  test("the sign-in page loads and hydrates in Chromium without CSP violations", async ({ page }) => {
    await visitWithoutViolations(page, async () => {
      await page.goto("/login");
      await expectHydrated(page, "form");
    });
  });

  test("the app's pages load, hydrate and navigate in Chromium without CSP violations", async ({ browser }) => {
    for (const role of ["collector", "admin"] as const) {
      const context = await browser.newContext({ storageState: storageStateOf(role) });
      const page = await context.newPage();
      await visitWithoutViolations(page, async () => {
        await page.goto("/customers");
        await expectHydrated(page, "header form");
        // A client-side navigation runs the router's scripts too.
        await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Actions" }).click();
        await expect(page).toHaveURL(/\/actions$/);
        await page.goto("/account");
        await expectHydrated(page, "main form");
        const acme = await page.goto("/customers");
        expect(acme?.status()).toBe(200);
        const link = page.getByRole("link", { name: "ACME Industries" });
        if (await link.count()) {
          await link.first().click();
          await expect(page.getByRole("heading", { name: "ACME Industries" })).toBeVisible();
        }
        if (role === "admin") {
          await page.goto("/admin/item-statuses");
          await expect(page.getByRole("heading", { name: "Manage item status (disputes, etc.)" })).toBeVisible();
        }
      });
      await context.close();
    }
  });
});

test.describe("request limits", () => {
  test("a server-action body over the 2 MB limit is refused with 413, not a 500, and signs nobody in", async ({ baseURL }) => {
    const api = await newContext(baseURL!);
    const fields = await signInFields(api);
    const big = "x".repeat(3 * 1024 * 1024);
    const form = await postSignIn(api, { role: "viewer", fields, origin: baseURL!, extra: { password: big } });
    expect(form.status()).toBe(413);
    expect(sessionCookie(form)).toBeUndefined();

    const actionId = JSON.parse(Object.entries(fields).find(([name]) => /^\$ACTION_\d+:0$/.test(name))![1]).id as string;
    const fetchAction = await api.post("/login", {
      headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Origin: new URL(baseURL!).origin },
      data: big,
      maxRedirects: 0,
    });
    expect(fetchAction.status()).toBe(413);
    await api.dispose();
  });
});
