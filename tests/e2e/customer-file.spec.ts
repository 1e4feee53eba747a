import { expect, test, type Page } from "@playwright/test";

import { storageStateOf } from "./users";

/** Today in the demo organisation's time zone, plus some days, as YYYY-MM-DD. */
function parisDate(plusDays = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date.toISOString().slice(0, 10);
}

async function openCustomer(page: Page, search: string, name: string) {
  await page.goto("/customers");
  const field = page.getByLabel("Search customers");
  await field.fill(search);
  await field.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${search}`));
  await page.getByRole("table", { name: "Customers" }).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

const statementOf = (page: Page) => page.getByRole("table", { name: "Account statement" });
const rowOf = (page: Page, documentNumber: string) => statementOf(page).getByRole("row").filter({ hasText: documentNumber });

test.describe("collector", () => {
  test.use({ storageState: storageStateOf("collector") });

  test("finds ACME, filters, disputes two items with a comment and sees it in the rows and the history", async ({ page }) => {
    await openCustomer(page, "acme", "ACME Industries");
    const tabs = page.getByRole("navigation", { name: "Customer file" });
    await expect(tabs.getByRole("link", { name: "Reminders and disputes" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("region", { name: "Summary" })).toContainText("C-1001");

    // "All items" also lists the paid invoice; it and the credit note cannot be selected.
    await page.getByLabel("Show").selectOption("all");
    await expect(page).toHaveURL(/scope=all/);
    await expect(rowOf(page, "INV-1001-090")).toBeVisible();
    await expect(statementOf(page).getByRole("checkbox", { name: "Select INV-1001-090" })).toBeDisabled();
    await expect(statementOf(page).getByRole("checkbox", { name: "Select CN-1001-001" })).toBeDisabled();
    await page.getByLabel("Show").selectOption("open");
    await expect(rowOf(page, "INV-1001-090")).toHaveCount(0);
    await expect(rowOf(page, "INV-1001-005").locator("time").first()).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);

    const changeStatus = page.getByRole("button", { name: "Change status" });
    await expect(changeStatus).toBeDisabled();
    await statementOf(page).getByRole("checkbox", { name: "Select INV-1001-005" }).check();
    await statementOf(page).getByRole("checkbox", { name: "Select INV-1001-006" }).check();
    await expect(page.getByRole("region", { name: "Selection" })).toContainText("2 items selected");
    await expect(changeStatus).toBeEnabled();

    // Escape closes the dialog and gives the focus back to the button.
    await changeStatus.click();
    const dialog = page.getByRole("dialog", { name: "Change status" });
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(changeStatus).toBeFocused();

    await changeStatus.click();
    await dialog.getByLabel("Status").selectOption({ label: "Dispute – price" });
    await dialog.getByLabel("Comment").fill("Customer disputes the unit price");
    await dialog.getByRole("button", { name: "Apply" }).click();

    await expect(page.getByRole("status").filter({ hasText: "Status changed on 2 items" })).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(rowOf(page, "INV-1001-005")).toContainText("Dispute – price");
    await expect(rowOf(page, "INV-1001-006")).toContainText("Dispute – price");
    await expect(page.getByRole("region", { name: "Selection" })).toContainText("No items selected");

    // The status filter now finds exactly those two.
    await page.getByLabel("Filter by status").selectOption({ label: "Dispute – price" });
    await expect(statementOf(page).getByRole("row")).toHaveCount(3); // header + 2

    await tabs.getByRole("link", { name: "History" }).click();
    await expect(page).toHaveURL(/\/history$/);
    const entry = page.getByRole("table", { name: "History" }).getByRole("row").filter({ hasText: "Customer disputes the unit price" });
    await expect(entry).toContainText("INV-1001-005");
    await expect(entry).toContainText("INV-1001-006");
    await expect(entry).toContainText("Dispute – price");
    await expect(entry).toContainText("Change status");
    await expect(entry).toContainText("Colin Collector");
  });

  test("keeps what was typed when the server refuses, then promises to pay and finds the follow-up in Actions", async ({ page }) => {
    await openCustomer(page, "ACME", "ACME Industries");
    await statementOf(page).getByRole("checkbox", { name: "Select INV-1001-007" }).check();
    await page.getByRole("button", { name: "Change status" }).click();
    const dialog = page.getByRole("dialog", { name: "Change status" });
    await dialog.getByLabel("Status").selectOption({ label: "Promise to pay" });
    await dialog.getByLabel("Promise date").fill(parisDate(-2));
    await dialog.getByLabel("Comment").fill("Will pay after the board meeting");
    await dialog.getByRole("button", { name: "Apply" }).click();
    await expect(dialog.getByText("The promise date cannot be in the past.")).toBeVisible();
    await expect(dialog.getByLabel("Comment")).toHaveValue("Will pay after the board meeting");
    await expect(dialog.getByLabel("Status")).toHaveValue(/\d+/);

    const promiseDate = parisDate(20);
    await dialog.getByLabel("Promise date").fill(promiseDate);
    await dialog.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Status changed on 1 item" })).toContainText("Follow-up due");
    const row = rowOf(page, "INV-1001-007");
    await expect(row).toContainText("Promise to pay");
    await expect(row.locator(`time[datetime="${promiseDate}"]`)).toBeVisible();
    await expect(page.getByRole("region", { name: "Summary" }).locator(`time[datetime="${promiseDate}"]`)).toBeVisible();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Actions" }).click();
    const actions = page.getByRole("table", { name: "Actions" });
    const followUp = actions
      .getByRole("row")
      .filter({ hasText: "ACME Industries" })
      .filter({ has: page.locator(`time[datetime="${promiseDate}"]`) });
    await expect(followUp).toContainText("Check the promised payment");
    await expect(followUp).toContainText("Call");
    await expect(followUp).toContainText("Colin Collector");
    await expect(followUp.getByRole("link", { name: "ACME Industries" })).toHaveAttribute("href", /\/customers\/\d+$/);

    await followUp.getByRole("button", { name: "Mark done" }).click();
    const confirm = page.getByRole("dialog", { name: /Mark .* done/ });
    await confirm.getByLabel("Note").fill("Customer confirmed the transfer");
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("status").filter({ hasText: "marked done" })).toBeVisible();
    await expect(followUp).toHaveCount(0);

    await page.getByRole("navigation", { name: "State" }).getByRole("link", { name: "Done" }).click();
    await expect(page).toHaveURL(/state=done/);
    const done = page
      .getByRole("table", { name: "Actions" })
      .getByRole("row")
      .filter({ has: page.locator(`time[datetime="${promiseDate}"]`) });
    await expect(done).toContainText("Customer confirmed the transfer");
    await expect(done).toContainText("Done");
  });

  test("selects all 5000 Globex items across pages; the selection follows the pages and resets with the filter", async ({ page }) => {
    await openCustomer(page, "globex", "Globex Corporation");
    await expect(statementOf(page).getByRole("row")).toHaveCount(101); // header + 100
    await page.getByRole("button", { name: "Select all 5000 matching items" }).click();
    const selection = page.getByRole("region", { name: "Selection" });
    await expect(selection).toContainText("5000 items selected");
    await expect(page.getByRole("button", { name: "Change status" })).toBeEnabled();

    await page.getByRole("navigation", { name: "Statement pages" }).getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(selection).toContainText("5000 items selected");
    await expect(statementOf(page).getByRole("checkbox", { name: "Select INV-1002" }).first()).toBeChecked();
    await statementOf(page).getByRole("checkbox").nth(1).uncheck();
    await expect(selection).toContainText("4999 items selected");

    await page.getByLabel("Sort by").selectOption("amount_desc");
    await expect(page).toHaveURL(/sort=amount_desc/);
    await expect(selection).toContainText("4999 items selected");

    await page.getByLabel("Filter by status").selectOption("none");
    await expect(page).toHaveURL(/status=none/);
    await expect(selection).toContainText("No items selected");
  });

  test("an unknown or malformed customer id is a 404", async ({ page }) => {
    expect((await page.goto("/customers/999999"))?.status()).toBe(404);
    expect((await page.goto("/customers/abc"))?.status()).toBe(404);
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("reads the account but sees Change status disabled, even with a selection", async ({ page }) => {
    await page.goto("/customers");
    await expect(page.getByRole("link", { name: "All customers" })).toHaveAttribute("aria-current", "page");
    await page.getByRole("table", { name: "Customers" }).getByRole("link", { name: "ACME Industries" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "ACME Industries" })).toBeVisible();
    const changeStatus = page.getByRole("button", { name: "Change status" });
    await expect(changeStatus).toBeDisabled();
    await statementOf(page).getByRole("checkbox", { name: "Select INV-1001-012" }).check();
    await expect(changeStatus).toBeDisabled();
    await expect(page.getByText("Your role can read the account but not change it.").first()).toBeVisible();

    await page.goto("/actions");
    await expect(page.getByRole("heading", { level: 1, name: "Actions" })).toBeVisible();
  });
});
