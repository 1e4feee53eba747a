/** What `npm run demo` and the end-to-end server share: build when stale, start `next start`. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const SOURCES = ["app", "lib", "db", "messages", "public", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestSourceChange(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of SOURCES) {
    if (existsSync(path.join(root, entry))) visit(path.join(root, entry));
  }
  return newest;
}

/** Runs `next build` into distDir unless its build is newer than every source file. */
export function buildIfNeeded(distDir: string, env: NodeJS.ProcessEnv = process.env): void {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestSourceChange()) {
    console.log(`Build in ${distDir} is up to date.`);
    return;
  }
  console.log(`Building the app into ${distDir} (about 30 s on a 2-core machine)…`);
  // `next build` adds its build folder's type folders to tsconfig.json's include list: a
  // throw-away folder (a second e2e port, say) must not leave the project's file changed.
  const tsconfig = path.join(root, "tsconfig.json");
  const tsconfigBefore = readFileSync(tsconfig, "utf8");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...env, NODE_ENV: "production", NEXT_DIST_DIR: distDir },
  });
  if (readFileSync(tsconfig, "utf8") !== tsconfigBefore) writeFileSync(tsconfig, tsconfigBefore);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Starts `next start` (no npx wrapper, so a signal reaches the server itself) and ties our exit to it. */
export function startServer(options: {
  port: number;
  distDir: string;
  env: NodeJS.ProcessEnv;
  /** Interface to listen on (`next start -H`); omitted → Next's default, every interface. */
  hostname?: string;
  /** Node options for the server process itself (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  onExit?: () => void;
}): ChildProcess {
  const args = [...(options.nodeArgs ?? []), "node_modules/next/dist/bin/next", "start", "-p", String(options.port)];
  if (options.hostname) args.push("-H", options.hostname);
  const server = spawn(process.execPath, args, {
    stdio: "inherit",
    env: { ...options.env, NODE_ENV: "production", NEXT_DIST_DIR: options.distDir },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => server.kill(signal));
  }
  server.on("exit", (code) => {
    options.onExit?.();
    process.exit(code ?? 0);
  });
  return server;
}

export async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
