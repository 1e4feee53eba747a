import { expect, test as setup } from "@playwright/test";

import { emailOf, PASSWORD, ROLES, storageStateOf } from "./users";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(emailOf(role));
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
