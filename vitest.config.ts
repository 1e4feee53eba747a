import path from "node:path";

import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      "@": root,
      // lib/ and db/ modules are marked server-only; Vitest runs them on the server anyway.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
};

const integration = (name: string, driver: "pglite" | "pg") => ({
  ...shared,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    env: { TEST_DRIVER: driver },
    globalSetup: ["tests/helpers/globalSetup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      integration("integration:pglite", "pglite"),
      // The same integration suite on a real PostgreSQL server when one is given (CI always gives one).
      ...(process.env.TEST_DATABASE_URL ? [integration("integration:postgres", "pg")] : []),
    ],
  },
});
