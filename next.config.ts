import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

import { parseAllowedOrigins } from "./lib/allowedOrigins";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** Hosts allowed to post server actions besides the app's own (exact hosts, e.g. behind a reverse proxy). */
const allowedOrigins = parseAllowedOrigins(process.env.ALLOWED_ORIGINS);

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files by URL and argon2 is a native addon: keep both out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  // Lets tests build into their own folder without disturbing a running demo.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  agentRules: false,
  experimental: {
    authInterrupts: true,
    serverActions: { allowedOrigins, bodySizeLimit: "2mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
