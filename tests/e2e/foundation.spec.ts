import { expect, test } from "@playwright/test";

import { emailOf, PASSWORD, storageStateOf } from "./users";

test.describe("signed out", () => {
  test("a visitor of an app page lands on the sign-in page and returns there after signing in", async ({ page }) => {
    await page.goto("/actions");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Factions$/);
    await page.getByLabel("Email").fill(emailOf("collector"));
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/actions$/);
  });

  test("wrong credentials show the generic message and keep the email typed", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(emailOf("viewer"));
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Invalid email or password")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(emailOf("viewer"));
  });

  test("an off-site callbackUrl ends on this site", async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent("//evil.com/x")}`);
    await page.getByLabel("Email").fill(emailOf("viewer"));
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/customers`);
  });

  test("health answers ok", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

test.describe("collector", () => {
  test.use({ storageState: storageStateOf("collector") });

  test("sees Customers and Actions but no Admin link, and gets the 403 page on an admin URL", async ({ page }) => {
    await page.goto("/customers");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Actions" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });

  test("an unknown page shows the 404 page", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("sees the Admin link", async ({ page }) => {
    await page.goto("/customers");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
  });
});

test("signing out ends the session, even for a copy of the old cookie", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(emailOf("viewer"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/customers$/);
  const stolen = await context.storageState();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const replay = await browser.newContext({ storageState: stolen });
  const again = await replay.newPage();
  await again.goto("/customers");
  await expect(again).toHaveURL(/\/login/);
  await replay.close();
  await context.close();
});
