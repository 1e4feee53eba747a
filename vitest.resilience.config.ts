import path from "node:path";

import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

/**
 * Fault tests (`npm run test:resilience`): each file starts its own PostgreSQL server and stops,
 * restarts or kills it. Kept out of `npm test`; files run one after the other.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    name: "resilience",
    include: ["tests/resilience/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
