import { expect, test, type Page } from "@playwright/test";

import { storageStateOf } from "./users";

async function chooseLanguage(page: Page, label: "Language" | "Langue", name: string, saved: RegExp) {
  await page.goto("/account");
  await page.getByLabel(label).selectOption({ label: name });
  await page.getByRole("button", { name: label === "Language" ? "Save" : "Enregistrer" }).click();
  await expect(page.getByRole("status").filter({ hasText: saved })).toBeVisible();
}

async function expectNoMissingMessages(page: Page) {
  await expect(page.locator("body")).not.toContainText("[missing:");
}

test.describe("languages", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("an admin switches to French and sees the statement, Quick Promise and the preferences in French", async ({ page }) => {
    await page.goto("/account");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByLabel("Language").locator("option")).toHaveText(["English", "Français"]);
    await chooseLanguage(page, "Language", "Français", /enregistrées/);
    try {
      await page.reload();
      await expect(page.locator("html")).toHaveAttribute("lang", "fr");
      await expect(page.getByRole("navigation", { name: "Principale" }).getByRole("link", { name: "Clients" })).toBeVisible();

      await page.goto("/customers?q=acme");
      await expectNoMissingMessages(page);
      await page.getByRole("link", { name: "ACME Industries" }).click();
      await expect(page.getByRole("table", { name: "Relevé de compte" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Promesse rapide" })).toBeDisabled();
      await expect(page.getByRole("button", { name: "Promesse rapide" })).toHaveAccessibleDescription(/n'est pas configurée/);
      await expect(page.getByRole("button", { name: "Modifier le statut" })).toBeVisible();
      // Dates keep their calendar value and read in French (e.g. "19 sept. 2026").
      const firstDue = page.getByRole("table", { name: "Relevé de compte" }).locator("time").first();
      await expect(firstDue).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);
      await expect(firstDue).toHaveText(/\d{1,2} \S+\.? \d{4}/);
      // Amounts in euros, French style: "2 210,80 €".
      await expect(page.getByRole("table", { name: "Relevé de compte" })).toContainText(/\d,\d{2}\s€/);
      await expectNoMissingMessages(page);

      await page.goto("/admin/item-statuses/preferences");
      await expect(page.getByLabel("Statut de promesse de paiement rapide")).toBeVisible();
      await expect(page.getByLabel("Date de paiement promise")).toBeVisible();
      await expect(page.getByRole("button", { name: "Valider" })).toBeVisible();
      await expectNoMissingMessages(page);

      for (const path of ["/actions", "/admin/item-statuses", "/admin/action-templates", "/admin/organization", "/admin/users", "/admin/audit"]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", "fr");
        await expectNoMissingMessages(page);
      }
    } finally {
      await chooseLanguage(page, "Langue", "English", /saved/);
    }
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("every page renders in English without a missing message", async ({ page }) => {
    for (const path of ["/customers", "/actions", "/account", "/admin/item-statuses", "/admin/item-statuses/preferences", "/admin/action-templates", "/admin/organization", "/admin/users", "/admin/audit"]) {
      await page.goto(path);
      await expectNoMissingMessages(page);
    }
    await page.goto("/customers?q=globex");
    await page.getByRole("link", { name: "Globex Corporation" }).click();
    for (const tab of ["Actions", "History", "Reminders and disputes"]) {
      await page.getByRole("navigation", { name: "Customer file" }).getByRole("link", { name: tab }).click();
      await expectNoMissingMessages(page);
    }
  });
});

test("a signed-out visitor gets the sign-in page in the browser's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "fr-FR", extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9" } });
  const page = await context.newPage();
  await page.goto("/login");
  // The organisation's language (English in the demo) comes before the browser's.
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await context.close();
});
