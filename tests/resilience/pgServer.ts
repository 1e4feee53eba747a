/**
 * A throw-away PostgreSQL server for fault tests: initdb into a temporary directory and pg_ctl on a
 * free port. Never the machine's shared server: these tests stop, restart and kill it.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const BIN = process.env.PG_BIN ?? findBin();

function findBin(): string {
  for (const version of ["17", "16", "15"]) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  return "/usr/lib/postgresql/15/bin";
}

/** initdb refuses to run as root: run the server's tools as the `postgres` OS user then. */
function asPostgres(command: string, args: string[]): string {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], cwd: tmpdir() });
}

export async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port from ${preferred}`);
}

export type PrivatePostgres = {
  port: number;
  url: string;
  stop: (mode?: "fast" | "immediate") => void;
  start: () => void;
  restart: () => void;
  destroy: () => void;
};

export async function startPrivatePostgres(preferredPort = 55432): Promise<PrivatePostgres> {
  const port = await freePort(preferredPort);
  const dir = mkdtempSync(path.join(tmpdir(), "creditdesk-pg-"));
  const dataDir = path.join(dir, "data");
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  asPostgres(path.join(BIN, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off`;
  const logFile = path.join(dir, "server.log");
  const ctl = (...args: string[]) => asPostgres(path.join(BIN, "pg_ctl"), ["-D", dataDir, "-l", logFile, ...args]);
  const start = () => ctl("start", "-w", "-t", "30", "-o", options);
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    process.off("exit", destroy);
    try {
      ctl("stop", "-w", "-t", "30", "-m", "immediate");
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Even if the run is cut short (a hook timing out, Ctrl-C), the server does not outlive it.
  process.once("exit", destroy);
  start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop: (mode = "fast") => ctl("stop", "-w", "-t", "30", "-m", mode),
    restart: () => ctl("restart", "-w", "-t", "30", "-m", "fast", "-o", options),
    destroy,
  };
}
