import { expect, test, type Page } from "@playwright/test";

import { storageStateOf } from "./users";

async function openPreferences(page: Page) {
  await page.goto("/admin/item-statuses");
  await expect(page.getByRole("heading", { level: 1, name: "Manage item status (disputes, etc.)" })).toBeVisible();
  await page.getByRole("navigation", { name: "Item status sections" }).getByRole("link", { name: "Preferences" }).click();
  await expect(page).toHaveURL(/\/admin\/item-statuses\/preferences$/);
}

test.describe("admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("reaches every admin page from the admin navigation", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/item-statuses$/);
    const nav = page.getByRole("navigation", { name: "Administration" });
    const pages = [
      ["Action templates", /\/admin\/action-templates$/, "Action templates"],
      ["Organisation", /\/admin\/organization$/, "Organisation"],
      ["Users", /\/admin\/users$/, "Users"],
      ["Audit log", /\/admin\/audit$/, "Audit log"],
      ["Item statuses", /\/admin\/item-statuses$/, "Manage item status (disputes, etc.)"],
    ] as const;
    for (const [link, url, heading] of pages) {
      await nav.getByRole("link", { name: link }).click();
      await expect(page).toHaveURL(url);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    }
    const tabs = page.getByRole("navigation", { name: "Item status sections" });
    await expect(tabs.getByRole("link", { name: "Statuses" })).toHaveAttribute("aria-current", "page");
    const table = page.getByRole("table", { name: "Item statuses" });
    await expect(table.getByRole("rowheader", { name: "Promise to pay" })).toBeVisible();
    await expect(table.getByRole("row", { name: /Promise to pay/ })).toContainText("Check promised payment");
  });

  test("configures Quick Promise, keeps it after a reload, and turns it off again", async ({ page }) => {
    await openPreferences(page);
    await expect(page.getByText("Quick Promise is not configured")).toBeVisible();
    const status = page.getByLabel("Quick payment promise status");
    const delay = page.getByLabel("Promised payment date");
    await expect(delay.locator("option")).toHaveText(["D+0", "D+1", "D+2", "D+3", "D+4", "D+5"]);
    await expect(status.locator("option").first()).toHaveText("Not configured");

    await status.selectOption({ label: "Promise to pay" });
    await delay.selectOption({ label: "D+3" });
    // The chosen status's template is shown beside it, and what a click will do is explained.
    await expect(page.getByText("Action template: Check promised payment (Call).")).toBeVisible();
    await expect(page.getByRole("link", { name: "Manage action templates" })).toHaveAttribute("href", "/admin/action-templates");
    await expect(page.getByText("The selected items get the status “Promise to pay”.")).toBeVisible();
    await expect(page.getByText(/today \+ 3 days/)).toBeVisible();
    await page.getByRole("button", { name: "Validate" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Preferences saved" })).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Quick payment promise status").locator("option:checked")).toHaveText("Promise to pay");
    await expect(page.getByLabel("Promised payment date").locator("option:checked")).toHaveText("D+3");
    await expect(page.getByText("Quick Promise is configured: status “Promise to pay”, promised payment date D+3.")).toBeVisible();
    await expect(page.getByText("Quick Promise is not configured")).toHaveCount(0);

    // Other specs expect the demo state: Quick Promise not configured.
    await page.getByLabel("Quick payment promise status").selectOption({ label: "Not configured" });
    await page.getByRole("button", { name: "Validate" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Preferences saved" })).toBeVisible();
    await page.reload();
    await expect(page.getByText("Quick Promise is not configured")).toBeVisible();
    await expect(page.getByLabel("Quick payment promise status").locator("option:checked")).toHaveText("Not configured");
  });

  test("the server refuses a delay beyond D+5 even when the browser sends one, and says so next to the control", async ({ page }) => {
    await openPreferences(page);
    await page.getByLabel("Quick payment promise status").selectOption({ label: "Promise to pay" });
    const delay = page.getByLabel("Promised payment date");
    await delay.evaluate((select: HTMLSelectElement) => {
      const option = select.options[select.options.length - 1]!;
      option.value = "9";
      select.value = "9";
    });
    await page.getByRole("button", { name: "Validate" }).click();
    const message = "The promised payment date must be between D+0 and D+5.";
    await expect(page.getByText(message)).toBeVisible();
    await expect(delay).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("status").filter({ hasText: "Preferences saved" })).toHaveCount(0);
    // What the admin chose is still there.
    await expect(page.getByLabel("Quick payment promise status").locator("option:checked")).toHaveText("Promise to pay");
    await page.reload();
    await expect(page.getByText("Quick Promise is not configured")).toBeVisible();
  });

  test("creates an action template and a status that uses it, refuses a duplicate name, then deletes both", async ({ page }) => {
    const templateName = `E2E call back ${Date.now()}`;
    const statusLabel = `E2E awaiting call ${Date.now()}`;

    await page.goto("/admin/action-templates");
    const newTemplate = page.getByRole("region", { name: "New action template" });
    await newTemplate.getByLabel("Name").fill(templateName);
    await newTemplate.getByLabel("Channel").selectOption({ label: "Call" });
    await newTemplate.getByLabel("Title").fill("Call back about the promise");
    await newTemplate.getByLabel("Instructions").fill("Ask when the payment was sent.");
    await newTemplate.getByLabel("Due offset (days)").fill("2");
    await newTemplate.getByRole("button", { name: "Create template" }).click();
    await expect(newTemplate.getByRole("status")).toHaveText(`Template “${templateName}” created.`);
    const templates = page.getByRole("table", { name: "Action templates" });
    await expect(templates.getByRole("row", { name: new RegExp(templateName) })).toContainText("2 days after");
    await expect(newTemplate.getByLabel("Name")).toHaveValue("");

    // The same name in other capitals is refused next to the Name field; what was typed stays.
    await newTemplate.getByLabel("Name").fill(templateName.toUpperCase());
    await newTemplate.getByLabel("Title").fill("Another title");
    await newTemplate.getByLabel("Due offset (days)").fill("1");
    await newTemplate.getByRole("button", { name: "Create template" }).click();
    await expect(newTemplate.getByText(`A template called “${templateName.toUpperCase()}” already exists`).first()).toBeVisible();
    await expect(newTemplate.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await expect(newTemplate.getByLabel("Name")).toHaveValue(templateName.toUpperCase());
    await expect(newTemplate.getByLabel("Title")).toHaveValue("Another title");

    await page.goto("/admin/item-statuses");
    const newStatus = page.getByRole("region", { name: "New status" });
    await newStatus.getByLabel("Label").fill(statusLabel);
    await newStatus.getByLabel("Category").selectOption({ label: "Promise" });
    await newStatus.getByText("Teal").click();
    await expect(newStatus.getByRole("radio", { name: "Teal" })).toBeChecked();
    await newStatus.getByLabel("Action template").selectOption({ label: templateName });
    await newStatus.getByRole("button", { name: "Create status" }).click();
    await expect(newStatus.getByRole("status")).toHaveText(`Status “${statusLabel}” created.`);
    const statuses = page.getByRole("table", { name: "Item statuses" });
    const row = statuses.getByRole("row", { name: new RegExp(statusLabel) });
    await expect(row).toContainText(templateName);
    await expect(row).toContainText("Teal");
    await expect(row).toContainText("Promise");

    // While the status uses the template, the template can be neither archived nor deleted.
    await page.goto("/admin/action-templates");
    await page.getByRole("link", { name: `Edit ${templateName}` }).click();
    await expect(page.getByText(/cannot be archived while the active status/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);

    // Clean up through the UI: the status first (unused, so deletable), then the template.
    await page.goto("/admin/item-statuses");
    await page.getByRole("link", { name: `Edit ${statusLabel}` }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("button", { name: "Yes, delete it" }).click();
    await expect(page).toHaveURL(/\/admin\/item-statuses\?notice=deleted$/);
    await expect(page.getByRole("status").filter({ hasText: "Status deleted." })).toBeVisible();
    await expect(page.getByRole("table", { name: "Item statuses" }).getByRole("rowheader", { name: statusLabel })).toHaveCount(0);

    await page.goto("/admin/action-templates");
    await page.getByRole("link", { name: `Edit ${templateName}` }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("button", { name: "Yes, delete it" }).click();
    await expect(page).toHaveURL(/\/admin\/action-templates\?notice=deleted$/);
    await expect(page.getByRole("status").filter({ hasText: "Template deleted." })).toBeVisible();
  });

  test("saves the organisation settings, and the audit log shows the change first, with old → new", async ({ page }) => {
    await page.goto("/admin/organization");
    await expect(page.getByLabel("Organisation name")).toHaveValue("Demo Company");
    await expect(page.getByLabel("Time zone").locator("option:checked")).toHaveText("Europe/Paris");
    await expect(page.getByLabel("Default currency")).toHaveValue("EUR");
    const restriction = page.getByLabel("Collectors act only on their own customers");
    await expect(restriction).not.toBeChecked();
    await restriction.check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Organisation settings saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Collectors act only on their own customers")).toBeChecked();
    // Back to the demo state.
    await page.getByLabel("Collectors act only on their own customers").uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Organisation settings saved." })).toBeVisible();

    await page.goto("/admin/audit");
    const table = page.getByRole("table", { name: "Audit log" });
    const newest = table.getByRole("row").nth(1);
    await expect(newest).toContainText("Alice Admin");
    await expect(newest).toContainText("Organisation settings changed");
    await expect(newest).toContainText("collectorsOwnCustomersOnly");
    await expect(newest).toContainText("true → false");
    const times = await table.locator("time").evaluateAll((elements) => elements.map((e) => e.getAttribute("datetime") ?? ""));
    expect(times.length).toBeGreaterThan(1);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test("creates a user with a generated password, changes their role, and a deactivation signs them out at their next request", async ({
    page,
    browser,
  }) => {
    const stamp = Date.now();
    const email = `e2e.${stamp}@example.com`;
    const name = `E2E Person ${stamp}`;
    await page.goto("/admin/users");
    const newUser = page.getByRole("region", { name: "New user" });
    await newUser.getByLabel("Email").fill(email);
    await newUser.getByLabel("Name").fill(name);
    await newUser.getByLabel("Role").selectOption({ label: "viewer" });
    await newUser.getByRole("button", { name: "Create user" }).click();
    await expect(newUser.getByRole("status")).toContainText(`User ${email} created.`);
    const password = (await newUser.getByRole("status").locator("code").textContent()) ?? "";
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);

    await page.getByLabel(`Role of ${name}`, { exact: true }).selectOption({ label: "collector" });
    await page.getByRole("button", { name: `Change the role of ${name}` }).click();
    await expect(page.getByText(`${name} is now collector.`)).toBeVisible();

    // The new user signs in with the generated password…
    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const theirPage = await other.newPage();
    await theirPage.goto("/login");
    await theirPage.getByLabel("Email").fill(email);
    await theirPage.getByLabel("Password").fill(password);
    await theirPage.getByRole("button", { name: "Sign in" }).click();
    await expect(theirPage).toHaveURL(/\/customers$/);
    await expect(theirPage.getByText(`Signed in as ${name} (collector)`)).toBeVisible();

    // …and is signed out at their next request once deactivated.
    await page.getByRole("button", { name: `Deactivate ${name}` }).click();
    await expect(page.getByText(`${name} is deactivated and will be signed out at their next request.`)).toBeVisible();
    await expect(page.getByRole("button", { name: `Reactivate ${name}` })).toBeVisible();
    await theirPage.goto("/customers");
    await expect(theirPage).toHaveURL(/\/login/);
    await other.close();
  });

  test("refuses to demote the last active admin, next to the role control", async ({ page }) => {
    await page.goto("/admin/users");
    const role = page.getByLabel("Role of Alice Admin", { exact: true });
    await role.selectOption({ label: "viewer" });
    await page.getByRole("button", { name: "Change the role of Alice Admin" }).click();
    await expect(
      page.getByText("Alice Admin is the last active administrator, so their role cannot be changed.", { exact: false }).first(),
    ).toBeVisible();
    await expect(role).toHaveAttribute("aria-invalid", "true");
    await page.reload();
    await expect(page.getByLabel("Role of Alice Admin", { exact: true }).locator("option:checked")).toHaveText("admin");
  });
});

test.describe("collector", () => {
  test.use({ storageState: storageStateOf("collector") });

  test("opening an admin page gets the 403 page", async ({ page }) => {
    for (const url of ["/admin/item-statuses", "/admin/item-statuses/preferences", "/admin/users", "/admin/audit"]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Manage item status (disputes, etc.)" })).toHaveCount(0);
    }
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("opening the preferences gets the 403 page", async ({ page }) => {
    const response = await page.goto("/admin/item-statuses/preferences");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });
});
