import path from "node:path";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { addCalendarDays, todayIn } from "@/lib/calendar";

import { storageStateOf, type RoleName } from "./users";

/** The README's pictures are refreshed by `npm run docs:screenshots` (UPDATE_SCREENSHOTS=1). */
const screenshots = process.env.UPDATE_SCREENSHOTS === "1";
const screenshotPath = (name: string) => path.join(import.meta.dirname, "../../docs/screenshots", `${name}.png`);

const statementOf = (page: Page) => page.getByRole("table", { name: "Account statement" });
const rowOf = (page: Page, documentNumber: string) => statementOf(page).getByRole("row").filter({ hasText: documentNumber });

async function pageAs(browser: Browser, role: RoleName): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(role), viewport: { width: 1360, height: 900 } });
  return context.newPage();
}

async function openAcme(page: Page) {
  await page.goto("/customers?q=acme");
  await page.getByRole("link", { name: "ACME Industries" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ACME Industries" })).toBeVisible();
}

async function setPreferences(page: Page, status: string, delay?: string) {
  await page.goto("/admin/item-statuses");
  await expect(page.getByRole("heading", { name: "Manage item status (disputes, etc.)" })).toBeVisible();
  await page.getByRole("link", { name: "Preferences" }).click();
  await page.getByLabel("Quick payment promise status").selectOption({ label: status });
  if (delay) await page.getByLabel("Promised payment date").selectOption({ label: delay });
  await page.getByRole("button", { name: "Validate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Preferences saved" })).toBeVisible();
}

test.describe.configure({ mode: "serial" });

test("Quick Promise: disabled until configured, then one click qualifies two ACME invoices", async ({ browser }) => {
  const collector = await pageAs(browser, "collector");
  const admin = await pageAs(browser, "admin");

  // Before configuration: greyed out, and the description says why and where to configure it.
  await openAcme(collector);
  const button = collector.getByRole("button", { name: "Quick Promise" });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription(/not configured.*Admin › Manage item status \(disputes, etc\.\) › Preferences/);
  await statementOf(collector).getByRole("checkbox", { name: "Select INV-1001-001" }).check();
  await expect(button).toBeDisabled();

  // The admin sets "Promise to pay" + D+3.
  await setPreferences(admin, "Promise to pay", "D+3");
  if (screenshots) await admin.screenshot({ path: screenshotPath("preferences"), fullPage: true });

  // The collector selects two invoices and clicks once.
  await openAcme(collector);
  await expect(button).toBeDisabled(); // nothing selected yet
  await statementOf(collector).getByRole("checkbox", { name: "Select INV-1001-001" }).check();
  await statementOf(collector).getByRole("checkbox", { name: "Select INV-1001-002" }).check();
  await expect(button).toBeEnabled();
  if (screenshots) await collector.screenshot({ path: screenshotPath("statement-before"), fullPage: false });
  await button.click();

  const promiseDate = addCalendarDays(todayIn("Europe/Paris"), 3);
  const confirmation = collector.getByRole("status").filter({ hasText: "Quick Promise applied to 2 items" });
  await expect(confirmation).toBeVisible();
  await expect(confirmation.locator(`time[datetime="${promiseDate}"]`).first()).toBeVisible();
  await expect(confirmation).toContainText("Follow-up due");
  for (const number of ["INV-1001-001", "INV-1001-002"]) {
    await expect(rowOf(collector, number)).toContainText("Promise to pay");
    await expect(rowOf(collector, number).locator(`time[datetime="${promiseDate}"]`)).toBeVisible();
  }
  // The summary shows the promised amount and the next promise date.
  await expect(collector.getByRole("region", { name: "Summary" }).locator(`time[datetime="${promiseDate}"]`)).toBeVisible();
  if (screenshots) await collector.screenshot({ path: screenshotPath("statement-after"), fullPage: false });

  // The History tab shows the application as one grouped entry.
  await collector.getByRole("navigation", { name: "Customer file" }).getByRole("link", { name: "History" }).click();
  const history = collector.getByRole("table", { name: "History" });
  const entry = history.getByRole("row").filter({ hasText: "Quick Promise" }).first();
  await expect(entry).toContainText("INV-1001-001");
  await expect(entry).toContainText("INV-1001-002");

  // The Actions page lists the follow-up, due on the promise date.
  await collector.goto("/actions");
  const followUps = collector
    .getByRole("table", { name: "Actions" })
    .getByRole("row")
    .filter({ hasText: "ACME Industries" })
    .filter({ has: collector.locator(`time[datetime="${promiseDate}"]`) })
    .filter({ hasText: "Check the promised payment" });
  await expect(followUps).toHaveCount(1);

  // Leave the seed's state for the other spec files.
  await setPreferences(admin, "Not configured");
  await collector.context().close();
  await admin.context().close();
});

test("Quick Promise: a double click applies once, and Undo restores the items", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  await setPreferences(admin, "Payment in progress", "D+1");
  const collector = await pageAs(browser, "collector");
  await openAcme(collector);
  await statementOf(collector).getByRole("checkbox", { name: "Select INV-1001-003" }).check();
  const button = collector.getByRole("button", { name: "Quick Promise" });
  await button.dblclick();
  const confirmation = collector.getByRole("status").filter({ hasText: "Quick Promise applied to 1 item" });
  await expect(confirmation).toBeVisible();
  await expect(rowOf(collector, "INV-1001-003")).toContainText("Payment in progress");

  await collector.getByRole("status").getByRole("button", { name: /Undo/ }).click();
  await expect(collector.getByRole("status").filter({ hasText: "Quick Promise undone on 1 item" })).toBeVisible();
  await expect(rowOf(collector, "INV-1001-003")).not.toContainText("Payment in progress");

  // History: one Quick Promise and one undo — a double-applied click would show a second Quick Promise.
  await collector.getByRole("navigation", { name: "Customer file" }).getByRole("link", { name: "History" }).click();
  const entries = collector.getByRole("table", { name: "History" }).getByRole("row").filter({ hasText: "INV-1001-003" });
  await expect(entries).toHaveCount(2);
  await expect(entries.filter({ hasText: "Undo" })).toHaveCount(1);

  await setPreferences(admin, "Not configured");
  await collector.context().close();
  await admin.context().close();
});

test("Quick Promise: a viewer cannot apply it", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  await setPreferences(admin, "Promise to pay", "D+2");
  const viewer = await pageAs(browser, "viewer");
  await openAcme(viewer);
  const box = statementOf(viewer).getByRole("checkbox", { name: "Select INV-1001-004" });
  if (await box.isEnabled()) await box.check();
  await expect(viewer.getByRole("button", { name: "Quick Promise" })).toBeDisabled();
  await setPreferences(admin, "Not configured");
  await viewer.context().close();
  await admin.context().close();
});
