/**
 * `npm run bench:load`: 50 collectors working at once against the real production build.
 *
 * On a throw-away PostgreSQL database (BENCH_DATABASE_URL, default the local server): the demo data,
 * Quick Promise configured, 50 collector accounts each with its own customer of 40 open invoices.
 * `next start` on 127.0.0.1:BENCH_PORT (default 3300) from its own build folder (.next-bench).
 * Each officer is signed in without the UI (an Auth.js session cookie minted with the app's secret)
 * and works through the same cycle: four GETs of its customer's statement, then one server-action
 * POST (Quick Promise and Change status in turn) on 2–5 of that customer's invoices (80 % pages,
 * 20 % writes). Two runs of BENCH_DURATION seconds (default 60), BENCH_MODE picks one
 * ("officers" or "saturation"; default both):
 *  1. officers: each officer waits a think time (BENCH_THINK_MS, default 1000-3000 ms, uniform)
 *     after every answer, as a person at a screen does, and asks for compressed answers as a
 *     browser does. This is the issue's scenario; the targets are judged on it.
 *  2. saturation: autocannon, one connection per officer, no think time (a closed loop): the
 *     server's capacity, and what the latency becomes when it is saturated.
 * Prints requests, error rate, latency percentiles for pages and writes, throughput and the
 * server's CPU per request, then checks the database invariants. BENCH_PROFILE_DIR=dir saves the
 * server's CPU profile there. Exits non-zero when an invariant fails (targets are reported as met
 * or missed). Not part of `npm test`: it takes about 3 minutes with the build.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";

import { buildIfNeeded, startServer, waitForHealth } from "./appServer";
import { createBenchDatabase, percentile } from "./benchDb";

/** "min-max" in milliseconds, 0 ≤ min ≤ max ≤ 60 s; anything else gives the default. */
function thinkRange(value: string | undefined, fallback: [number, number]): [number, number] {
  const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value ?? "");
  if (!match) return fallback;
  const [min, max] = [Number(match[1]), Number(match[2])];
  return min <= max && max <= 60_000 ? [min, max] : fallback;
}

function bounded(name: string, fallback: number, min: number, max: number): number {
  const value = process.env[name];
  const n = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isInteger(n)) return fallback;
  return Math.min(Math.max(n, min), max);
}

const HOST = "127.0.0.1";
const PORT = bounded("BENCH_PORT", 3300, 1024, 65_535);
const DURATION_S = bounded("BENCH_DURATION", 60, 5, 600);
const ORIGIN = `http://${HOST}:${PORT}`;
const DIST_DIR = ".next-bench";
const OFFICERS = 50;
const INVOICES_PER_CUSTOMER = 40;
/** Per connection: this many page views, then one write. */
const PAGES_PER_WRITE = 4;
/** Auth.js's cookie name over plain http (no `__Secure-` prefix); also the JWT encryption salt. */
const SESSION_COOKIE = "authjs.session-token";
/** lib/auth.config.ts's default idle timeout (SESSION_IDLE_MINUTES = 120). */
const SESSION_MAX_AGE_S = 120 * 60;
const TARGETS = { errorRate: 0.001, pageP95Ms: 200, writeP95Ms: 300 };
const MODE = (["officers", "saturation"] as const).find((mode) => mode === process.env.BENCH_MODE) ?? "both";
const THINK_MS = thinkRange(process.env.BENCH_THINK_MS, [1_000, 3_000]);
/** autocannon's timeout, and the officers'. */
const TIMEOUT_MS = 10_000;

type Kind = "page" | "quickPromise" | "changeStatus";
const KINDS: readonly Kind[] = ["page", "quickPromise", "changeStatus"];

type Officer = {
  userId: number;
  email: string;
  name: string;
  customerId: number;
  code: string;
  invoiceIds: number[];
  cookie: string;
};

type KindStats = {
  latencies: number[];
  ok: number;
  non2xx: number;
  badBody: number;
  /** Requests that got no answer (an error); of them, the timeouts and connection errors seen. */
  unanswered: number;
  timeouts: number;
  connErrors: number;
  /** Items written by requests answered `"ok":true`. */
  okItems: number;
  /** Items of writes whose outcome is unknown (error answer, timeout, still running at the end). */
  uncertainItems: number;
  uncertainRequests: number;
  samples: string[];
};

type Stats = Record<Kind, KindStats>;

/** Where an officer is in its cycle of page views and writes. */
type Connection = {
  officer: Officer;
  step: number;
  writes: number;
  inflight: { kind: Kind; items: number } | null;
  /** autocannon: the answer of the request in flight, between its onResponse and its 'response' event. */
  answer?: { status: number; body: string };
  /** autocannon: the kind of the last request that got no answer, for the timeout event that follows. */
  lostKind?: Kind;
};

/** One request, ready to send. */
type Planned = {
  kind: Kind;
  items: number;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
};

function newStats(): Stats {
  return Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      { latencies: [], ok: 0, non2xx: 0, badBody: 0, unanswered: 0, timeouts: 0, connErrors: 0, okItems: 0, uncertainItems: 0, uncertainRequests: 0, samples: [] },
    ]),
  ) as unknown as Stats;
}

/** Every write made, in the runs and outside them: the database is checked against their sum. */
const allStats: Stats[] = [];
const setupStats = newStats();
allStats.push(setupStats);
const sumOf = (kind: Kind, field: "ok" | "okItems" | "uncertainItems" | "uncertainRequests") =>
  allStats.reduce((n, s) => n + s[kind][field], 0);

function connectionFor(officer: Officer, index: number): Connection {
  // Spread over the cycle and over the two writes, so that pages and writes mix at every moment
  // instead of all officers writing in the same wave.
  return { officer, step: index % (PAGES_PER_WRITE + 1), writes: index % 2, inflight: null };
}

function nextKind(connection: Connection): Kind {
  if (connection.step++ % (PAGES_PER_WRITE + 1) !== PAGES_PER_WRITE) return "page";
  return connection.writes++ % 2 === 0 ? "quickPromise" : "changeStatus";
}

/** An answer that reached us: counted ok or as an error, and the written items as known or uncertain. */
function recordAnswer(stats: Stats, connection: Connection, status: number, body: string, latency: number): void {
  const inflight = connection.inflight;
  if (!inflight) return;
  connection.inflight = null;
  const s = stats[inflight.kind];
  s.latencies.push(latency);
  const ok = inflight.kind === "page" ? pageOk(connection.officer, status, body) : writeOk(inflight.kind, status, body);
  if (ok) {
    s.ok++;
    s.okItems += inflight.items;
    return;
  }
  keepSample(s, `${status} ${body}`);
  if (status < 200 || status >= 300) s.non2xx++;
  else s.badBody++;
  s.uncertainItems += inflight.items;
  if (inflight.kind !== "page") s.uncertainRequests++;
}

/** A request that got no answer: an error, and the items it would have written are uncertain. */
function recordLost(stats: Stats, connection: Connection, detail: "timeouts" | "connErrors" | null): void {
  const inflight = connection.inflight;
  if (!inflight) return;
  stats[inflight.kind].unanswered++;
  if (detail) stats[inflight.kind][detail]++;
  recordUnfinished(stats, connection);
}

/** A request still running when the run ended: not an error, but a write may still commit. */
function recordUnfinished(stats: Stats, connection: Connection): void {
  const inflight = connection.inflight;
  if (!inflight) return;
  connection.inflight = null;
  if (inflight.kind !== "page") {
    stats[inflight.kind].uncertainItems += inflight.items;
    stats[inflight.kind].uncertainRequests++;
  }
}

function errorsOf(s: KindStats): number {
  return s.non2xx + s.badBody + s.unanswered;
}

function keepSample(s: KindStats, text: string): void {
  if (s.samples.length < 5) s.samples.push(text.replace(/\s+/g, " ").slice(0, 400));
}

/** 2–5 distinct ids of the customer's open invoices. */
function pickItems(ids: readonly number[]): number[] {
  const pool = [...ids];
  const count = 2 + randomInt(4);
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

function writeOk(kind: Kind, status: number, body: string): boolean {
  if (status !== 200 || !body.includes('"ok":true') || body.includes('"ok":false')) return false;
  return kind !== "quickPromise" || body.includes('"replayed":false');
}

function pageOk(officer: Officer, status: number, body: string): boolean {
  // The layout shows the customer's code; the statement lists its invoices.
  return status === 200 && body.includes(officer.code) && body.includes(`INV-${officer.code}-`);
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, HOST);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

function loadLine(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
}

function actionIds(): Record<"quickPromise" | "changeStatus", string> {
  const manifest = JSON.parse(
    readFileSync(path.join(process.cwd(), DIST_DIR, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const find = (exportedName: string) => {
    const matches = Object.entries(manifest.node).filter(
      ([, entry]) => entry.exportedName === exportedName && entry.filename === "app/(app)/customers/actions.ts",
    );
    if (matches.length !== 1) throw new Error(`Expected one server action ${exportedName} in the manifest, found ${matches.length}.`);
    return matches[0]![0];
  };
  return { quickPromise: find("applyQuickPromiseAction"), changeStatus: find("changeStatusAction") };
}

function actionHeaders(actionId: string, cookie: string): Record<string, string> {
  return {
    cookie,
    "Next-Action": actionId,
    "Content-Type": "text/plain;charset=UTF-8",
    Accept: "text/x-component",
    Origin: ORIGIN,
  };
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.kill("SIGKILL"), 10_000);
    server.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    server.kill("SIGTERM");
  });
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const pct = (n: number) => `${(n * 100).toFixed(3)} %`;

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const gunzip = promisify(zlib.gunzip);
const brotli = promisify(zlib.brotliDecompress);

/** One request on the officer's own keep-alive connection; the latency runs to the last byte, as autocannon's does. */
function send(agent: http.Agent, planned: Planned): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...planned.headers, "Accept-Encoding": "gzip, br" };
    if (planned.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(planned.body));
    const request = http.request(
      { host: HOST, port: PORT, method: planned.method, path: planned.path, headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = response.headers["content-encoding"];
          const decoded = encoding === "gzip" ? gunzip(raw) : encoding === "br" ? brotli(raw) : Promise.resolve(raw);
          decoded.then((body) => resolve({ status: response.statusCode ?? 0, body: body.toString("utf8") }), reject);
        });
      },
    );
    // Like autocannon's: the whole exchange, not the socket's idle time (a streamed page keeps it busy).
    const timer = setTimeout(() => request.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })), TIMEOUT_MS);
    request.on("close", () => clearTimeout(timer));
    request.on("error", reject);
    request.end(planned.body);
  });
}

/** Run 1: each officer on its own connection, thinking between answers, for DURATION_S seconds. */
async function runOfficers(officers: Officer[], plan: (officer: Officer, kind: Kind) => Planned): Promise<Stats> {
  const stats = newStats();
  const [minThink, maxThink] = THINK_MS;
  const think = () => minThink + Math.random() * (maxThink - minThink);
  const deadline = performance.now() + DURATION_S * 1000;
  await Promise.all(
    officers.map(async (officer, index) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const connection = connectionFor(officer, index);
      // Officers start at random moments of the first think time, not all at once.
      await sleep(Math.random() * maxThink);
      while (performance.now() < deadline && !interrupted && !serverDied) {
        const planned = plan(officer, nextKind(connection));
        connection.inflight = { kind: planned.kind, items: planned.items };
        const start = performance.now();
        try {
          const { status, body } = await send(agent, planned);
          recordAnswer(stats, connection, status, body, performance.now() - start);
        } catch (error) {
          recordLost(stats, connection, (error as { code?: string }).code === "TIMEOUT" ? "timeouts" : "connErrors");
        }
        // An officer whose next request would come after the end stops now: waking them all at the
        // deadline would end the run on a burst no officer makes.
        const pause = think();
        if (performance.now() + pause >= deadline) break;
        await sleep(pause);
      }
      agent.destroy();
    }),
  );
  return stats;
}

/** Run 2: autocannon, one connection per officer, the next request as soon as the answer is in. */
async function runSaturation(officers: Officer[], plan: (officer: Officer, kind: Kind) => Planned): Promise<Stats> {
  const stats = newStats();
  const connections: Connection[] = [];
  const byClient = new WeakMap<autocannon.Client, Connection>();
  const setupClient = (client: autocannon.Client) => {
    const index = connections.length;
    const connection = connectionFor(officers[index % officers.length]!, index);
    connections.push(connection);
    byClient.set(client, connection);
    const emitter = client as unknown as NodeJS.EventEmitter;
    // autocannon reports a connection error before it reconnects (the request is still in flight),
    // but a timeout after it has already asked setupRequest for the next request.
    emitter.on("connError", () => recordLost(stats, connection, "connErrors"));
    emitter.on("timeout", () => {
      if (connection.lostKind) stats[connection.lostKind].timeouts++;
      connection.lostKind = undefined;
    });
    client.setRequests([
      {
        setupRequest: (request) => {
          // Still in flight: the previous request got no answer (timed out, or the server closed the socket).
          if (connection.inflight) {
            connection.lostKind = connection.inflight.kind;
            recordLost(stats, connection, null);
          }
          const planned = plan(connection.officer, nextKind(connection));
          connection.inflight = { kind: planned.kind, items: planned.items };
          return { ...request, method: planned.method, path: planned.path, headers: planned.headers, body: planned.body };
        },
        onResponse: (status, body) => {
          connection.answer = { status, body };
        },
      },
    ]);
  };
  await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      { url: ORIGIN, connections: officers.length, duration: DURATION_S, timeout: TIMEOUT_MS / 1000, setupClient },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    instance.on("response", (client, _statusCode, _bytes, responseTime) => {
      const connection = byClient.get(client);
      if (!connection?.answer) return;
      recordAnswer(stats, connection, connection.answer.status, connection.answer.body, responseTime);
      connection.answer = undefined;
    });
  });
  instance = undefined;
  // Writes sent but not answered when the run stopped may still commit.
  for (const connection of connections) recordUnfinished(stats, connection);
  return stats;
}

type Row = { total: number; rate: number; p95: number };
type RunResult = {
  name: string;
  seconds: number;
  stats: Stats;
  serverCpu: number | null;
  ownCpu: number;
  loadBefore: string;
  loadAfter: string;
  pages: Row;
  writes: Row;
  all: Row;
};

function summarise(group: KindStats[], seconds: number) {
  const latencies = group.flatMap((s) => s.latencies);
  const answered = latencies.length;
  const lost = group.reduce((n, s) => n + s.unanswered, 0);
  const errors = group.reduce((n, s) => n + errorsOf(s), 0);
  const total = answered + lost;
  const p = (q: number) => (answered ? percentile(latencies, q) : NaN);
  return {
    total,
    perSecond: total / seconds,
    errors,
    rate: total === 0 ? 0 : errors / total,
    p50: p(50),
    p95: p(95),
    p99: p(99),
    max: answered ? Math.max(...latencies) : NaN,
  };
}

/** Runs one load and records what it cost the server. */
async function measure(name: string, run: () => Promise<Stats>): Promise<RunResult> {
  const loadBefore = loadLine();
  const serverCpuBefore = cpuSecondsOf(server?.pid);
  const ownCpuBefore = process.cpuUsage();
  const started = performance.now();
  const stats = await run();
  const seconds = (performance.now() - started) / 1000;
  const serverCpuAfter = cpuSecondsOf(server?.pid);
  const ownCpu = process.cpuUsage(ownCpuBefore);
  allStats.push(stats);
  const row = (group: KindStats[]) => summarise(group, seconds);
  return {
    name,
    seconds,
    stats,
    serverCpu: serverCpuBefore !== null && serverCpuAfter !== null ? serverCpuAfter - serverCpuBefore : null,
    ownCpu: (ownCpu.user + ownCpu.system) / 1e6,
    loadBefore,
    loadAfter: loadLine(),
    pages: row([stats.page]),
    writes: row([stats.quickPromise, stats.changeStatus]),
    all: row(KINDS.map((kind) => stats[kind])),
  };
}

function report(result: RunResult): void {
  const { stats, seconds } = result;
  console.log(`\n${result.name}: results over ${seconds.toFixed(1)} s (latency = request sent → last byte of the answer)`);
  console.log(
    `${"".padEnd(16)}${"requests".padStart(9)}${"req/s".padStart(9)}${"errors".padStart(8)}${"error rate".padStart(11)}` +
      `${"p50".padStart(9)}${"p95".padStart(9)}${"p99".padStart(9)}${"max".padStart(9)}`,
  );
  const line = (label: string, group: KindStats[]) => {
    const r = summarise(group, seconds);
    console.log(
      `${label.padEnd(16)}${String(r.total).padStart(9)}${r.perSecond.toFixed(1).padStart(9)}${String(r.errors).padStart(8)}${pct(r.rate).padStart(11)}` +
        `${ms(r.p50).padStart(9)}${ms(r.p95).padStart(9)}${ms(r.p99).padStart(9)}${ms(r.max).padStart(9)}`,
    );
  };
  line("pages (GET)", [stats.page]);
  line("Quick Promise", [stats.quickPromise]);
  line("Change status", [stats.changeStatus]);
  line("writes (POST)", [stats.quickPromise, stats.changeStatus]);
  line("all", KINDS.map((kind) => stats[kind]));
  for (const kind of KINDS) {
    const s = stats[kind];
    if (errorsOf(s) === 0) continue;
    console.log(
      `  ${kind} errors: ${s.non2xx} non-2xx, ${s.badBody} bad answers, ${s.unanswered} unanswered (${s.timeouts} timeouts, ${s.connErrors} connection errors)`,
    );
    for (const sample of s.samples) console.log(`    e.g. ${sample}`);
  }
  const answered = KINDS.reduce((n, kind) => n + stats[kind].latencies.length, 0);
  if (result.name === "saturation") {
    const latencies = KINDS.flatMap((kind) => stats[kind].latencies);
    const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
    console.log(
      `Closed loop, no think time: latency ≈ connections / throughput = ${OFFICERS} / ${result.all.total / seconds > 0 ? (result.all.total / seconds).toFixed(1) : "0"} req/s ` +
        `= ${ms((OFFICERS / Math.max(1e-9, result.all.total / seconds)) * 1000)} (mean measured ${ms(mean)}): the server's capacity, not an officer's wait.`,
    );
  }
  const cpu = result.serverCpu;
  console.log(
    `CPU: next-server ${cpu === null ? "n/a" : `${cpu.toFixed(1)} s (${((cpu / seconds) * 100).toFixed(0)} % of one core, ${((cpu / Math.max(1, answered)) * 1000).toFixed(1)} ms per request)`}, ` +
      `load generator ${result.ownCpu.toFixed(1)} s, on ${os.cpus().length} cores. Load average before: ${result.loadBefore}; after: ${result.loadAfter}.`,
  );
}

// ---------------------------------------------------------------------------------------------

const started = performance.now();
const cpus = os.cpus().length;
console.log(`Load test: ${OFFICERS} officers, ${DURATION_S} s, on ${cpus} cores. Load average before: ${loadLine()}`);

if (await portInUse(PORT)) {
  console.error(`Port ${PORT} is already in use on ${HOST}: set BENCH_PORT to a free port.`);
  process.exit(1);
}

let interrupted = false;
let instance: autocannon.Instance | undefined;
let server: ChildProcess | undefined;
let serverStopping = false;
let serverDied: string | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupted = true;
    instance?.stop();
  });
}
const checkInterrupted = () => {
  if (interrupted) throw new Error("Interrupted.");
  if (serverDied) throw new Error(serverDied);
};

// Build first: a failed build exits the process, and nothing has been created yet.
buildIfNeeded(DIST_DIR);
const ids = actionIds();

const { database, url, drop } = await createBenchDatabase("creditdesk_load");
const { db } = database;
const failures: string[] = [];
try {
  // --- 1. data: Quick Promise configured, 50 collectors, each with its own customer --------------
  await db.execute(sql`update organization_settings set
    quick_promise_status_id = (select id from item_statuses where label = 'Promise to pay'),
    quick_promise_delay_days = 3
    where id = 1`);
  const { rows: statusRows } = await db.execute<{ id: number; label: string }>(
    sql`select id, label from item_statuses where label in ('Promise to pay', 'Payment in progress')`,
  );
  const paymentInProgressId = statusRows.find((r) => r.label === "Payment in progress")!.id;
  const { rows: hashRows } = await db.execute<{ password_hash: string }>(
    sql`select password_hash from users where email = 'collector@example.com'`,
  );
  await db.execute(sql`
    insert into users (email, name, password_hash, role)
    select format('load-officer-%s@example.com', lpad(n::text, 2, '0')), format('Load Officer %s', lpad(n::text, 2, '0')),
           ${hashRows[0]!.password_hash}, 'collector'
    from generate_series(1, ${OFFICERS}::int) as n`);
  await db.execute(sql`
    insert into customers (code, name, collector_id, currency, contact_email)
    select format('L-%s', lpad(n::text, 3, '0')), format('Load Customer %s', lpad(n::text, 3, '0')), id, 'EUR',
           format('ar@load-%s.example', n)
    from (select id, row_number() over (order by id) as n from users where email like 'load-officer-%') officers`);
  await db.execute(sql`
    insert into items (customer_id, type, document_number, document_date, due_date, amount, outstanding, currency)
    select c.id, 'invoice', format('INV-%s-%s', c.code, lpad(k::text, 3, '0')), due - 30, due, amount, amount, 'EUR'
    from customers c
    cross join generate_series(1, ${INVOICES_PER_CUSTOMER}::int) as k
    cross join lateral (
      select current_date + ((k * 37) % 100 - 70) as due, 10000 + ((c.id * 7919 + k * 104729) % 900000) as amount
    ) x
    where c.code like 'L-%'`);
  await db.execute(sql`analyze`);
  const { rows: officerRows } = await db.execute<{
    user_id: number;
    email: string;
    name: string;
    customer_id: number;
    code: string;
    invoice_ids: number[];
  }>(sql`
    select u.id as user_id, u.email, u.name, c.id as customer_id, c.code,
           array_agg(i.id order by i.id) as invoice_ids
    from users u
    join customers c on c.collector_id = u.id
    join items i on i.customer_id = c.id and i.type = 'invoice' and i.outstanding > 0
    where u.email like 'load-officer-%'
    group by u.id, u.email, u.name, c.id, c.code
    order by u.id`);
  if (officerRows.length !== OFFICERS || officerRows.some((r) => r.invoice_ids.length !== INVOICES_PER_CUSTOMER)) {
    throw new Error(`Expected ${OFFICERS} officers with ${INVOICES_PER_CUSTOMER} open invoices each.`);
  }
  console.log(`Database ready: demo data + ${OFFICERS} collectors, ${OFFICERS} customers, ${OFFICERS * INVOICES_PER_CUSTOMER} open invoices.`);

  // --- 2. the app -----------------------------------------------------------------------------
  const authSecret = randomBytes(32).toString("base64url");
  const serverEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, AUTH_SECRET: authSecret };
  // A stray AUTH_URL (https://…) would switch Auth.js to `__Secure-` cookies; PGlite settings do not apply.
  for (const name of ["AUTH_URL", "NEXTAUTH_URL", "DATABASE_DIR", "PORT"]) delete serverEnv[name];
  checkInterrupted();
  // BENCH_PROFILE_DIR=dir: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  server = startServer({ port: PORT, hostname: HOST, distDir: DIST_DIR, env: serverEnv, nodeArgs });
  // startServer ends this process when the server exits; here the server is stopped on purpose
  // before the invariants are checked and the database dropped, so that listener is replaced.
  server.removeAllListeners("exit");
  server.on("exit", (code, signal) => {
    if (serverStopping) return;
    serverDied = `The server exited during the test (code ${code}, signal ${signal}).`;
    instance?.stop();
  });
  if (!(await waitForHealth(`${ORIGIN}/api/health`, 60_000))) throw new Error("The app did not become healthy within 60 s.");
  checkInterrupted();

  // --- 3. sign the officers in without the UI ---------------------------------------------------
  const signedInAt = Math.floor(Date.now() / 1000);
  const mint = (row: (typeof officerRows)[number], secret: string) =>
    encode({
      token: {
        sub: String(row.user_id),
        name: row.name,
        email: row.email,
        uid: String(row.user_id),
        role: "collector",
        sid: randomUUID(),
        signedInAt,
      },
      secret,
      salt: SESSION_COOKIE,
      maxAge: SESSION_MAX_AGE_S,
    });
  const officers: Officer[] = await Promise.all(
    officerRows.map(async (row) => ({
      userId: row.user_id,
      email: row.email,
      name: row.name,
      customerId: row.customer_id,
      code: row.code,
      invoiceIds: row.invoice_ids,
      cookie: `${SESSION_COOKIE}=${await mint(row, authSecret)}`,
    })),
  );
  // Control: a cookie sealed with another secret must be refused, or the check below proves nothing.
  console.log("Control: a cookie sealed with another secret (the server logs the expected [auth] JWTSessionError)…");
  const forged = await fetch(`${ORIGIN}/customers/${officers[0]!.customerId}`, {
    headers: { cookie: `${SESSION_COOKIE}=${await mint(officerRows[0]!, randomBytes(32).toString("base64url"))}` },
    redirect: "manual",
  });
  await forged.arrayBuffer();
  if (forged.status !== 307 || !forged.headers.get("location")?.includes("/login")) {
    throw new Error(`A forged cookie got ${forged.status} ${forged.headers.get("location") ?? ""}, expected a redirect to /login.`);
  }
  let accepted = 0;
  for (let i = 0; i < officers.length; i += 10) {
    await Promise.all(
      officers.slice(i, i + 10).map(async (officer) => {
        const response = await fetch(`${ORIGIN}/customers/${officer.customerId}`, {
          headers: { cookie: officer.cookie },
          redirect: "manual",
        });
        const body = await response.text();
        if (!pageOk(officer, response.status, body)) {
          throw new Error(
            `The minted cookie of ${officer.email} was not accepted: ${response.status} ${response.headers.get("location") ?? ""}`,
          );
        }
        accepted++;
      }),
    );
  }
  console.log(`Sign-in without the UI: ${accepted}/${officers.length} minted cookies accepted (statement 200); a forged one redirected to /login.`);

  /** The next request of an officer's cycle: its statement, or a write on 2–5 of its invoices. */
  const plan = (officer: Officer, kind: Kind): Planned => {
    const path = `/customers/${officer.customerId}`;
    if (kind === "page") return { kind, items: 0, method: "GET", path, headers: { cookie: officer.cookie } };
    const itemIds = pickItems(officer.invoiceIds);
    const payload =
      kind === "quickPromise"
        ? { customerId: officer.customerId, itemIds, idempotencyKey: randomUUID() }
        : { customerId: officer.customerId, itemIds, statusId: paymentInProgressId };
    return { kind, items: itemIds.length, method: "POST", path, headers: actionHeaders(ids[kind], officer.cookie), body: JSON.stringify([null, payload]) };
  };

  /** One write through HTTP outside the runs; counted in the database cross-check, not in the runs' figures. */
  const writeOnce = async (officer: Officer, kind: "quickPromise" | "changeStatus"): Promise<number> => {
    const planned = plan(officer, kind);
    const start = performance.now();
    const response = await fetch(`${ORIGIN}${planned.path}`, {
      method: planned.method,
      headers: planned.headers,
      body: planned.body,
      redirect: "manual",
    });
    const body = await response.text();
    const elapsed = performance.now() - start;
    if (!writeOk(kind, response.status, body)) {
      throw new Error(`The ${kind} server action failed outside the run: ${response.status} ${body.slice(0, 500)}`);
    }
    setupStats[kind].ok++;
    setupStats[kind].okItems += planned.items;
    return elapsed;
  };
  // One write of each kind first: proves the action ids and the call format.
  await writeOnce(officers[0]!, "quickPromise");
  await writeOnce(officers[0]!, "changeStatus");
  console.log("Server actions over HTTP: Quick Promise and Change status answered ok.");
  checkInterrupted();

  // Service time: the same requests one at a time, so the run's figures can be read against it.
  const baselinePages: number[] = [];
  const baselineWrites: number[] = [];
  for (let i = 0; i < 20; i++) {
    const officer = officers[i % officers.length]!;
    const start = performance.now();
    const response = await fetch(`${ORIGIN}/customers/${officer.customerId}`, { headers: { cookie: officer.cookie }, redirect: "manual" });
    const body = await response.text();
    baselinePages.push(performance.now() - start);
    if (!pageOk(officer, response.status, body)) throw new Error(`A page failed outside the run: ${response.status}`);
  }
  for (let i = 0; i < 10; i++) {
    baselineWrites.push(await writeOnce(officers[1 + i]!, i % 2 === 0 ? "quickPromise" : "changeStatus"));
  }
  console.log(
    `One request at a time: pages p50 ${ms(percentile(baselinePages, 50))}, max ${ms(Math.max(...baselinePages))} (20); ` +
      `writes p50 ${ms(percentile(baselineWrites, 50))}, max ${ms(Math.max(...baselineWrites))} (10).`,
  );
  checkInterrupted();

  // Warm-up, not measured: one request at a time used one pooled database connection; a server
  // that has been up for a while holds its whole pool, each connection with its statements prepared.
  const warmUpStarted = performance.now();
  for (let round = 0; round < 3; round++) {
    await Promise.all(
      officers.slice(0, 20).map(async (officer, index) => {
        if ((index + round) % 2 === 0) return writeOnce(officer, index % 4 < 2 ? "quickPromise" : "changeStatus");
        const response = await fetch(`${ORIGIN}/customers/${officer.customerId}`, { headers: { cookie: officer.cookie }, redirect: "manual" });
        if (!pageOk(officer, response.status, await response.text())) throw new Error(`A page failed during the warm-up: ${response.status}`);
      }),
    );
  }
  console.log(`Warm-up: 3 rounds of 20 concurrent requests in ${ms(performance.now() - warmUpStarted)}, not measured.`);
  checkInterrupted();

  // --- 4. the runs ------------------------------------------------------------------------------
  const results: RunResult[] = [];
  if (MODE !== "saturation") {
    const [min, max] = THINK_MS;
    console.log(
      `\nRun 1, officers: ${DURATION_S} s, ${OFFICERS} officers, each waiting ${min}–${max} ms (uniform) after every answer, ` +
        `${PAGES_PER_WRITE} page views then 1 write, compressed answers…`,
    );
    results.push(await measure("officers", () => runOfficers(officers, plan)));
  }
  checkInterrupted();
  if (MODE !== "officers") {
    console.log(`\nRun ${results.length + 1}, saturation: ${DURATION_S} s, autocannon, ${OFFICERS} connections, one officer each, no think time…`);
    results.push(await measure("saturation", () => runSaturation(officers, plan)));
  }
  checkInterrupted();

  // --- 5. figures -------------------------------------------------------------------------------
  for (const result of results) report(result);
  // The targets are about officers at work; the saturation run measures capacity.
  const judged = results.find((result) => result.name === "officers");
  if (judged) {
    const targets = [
      [`error rate < ${pct(TARGETS.errorRate)}`, judged.all.rate < TARGETS.errorRate, pct(judged.all.rate)],
      [`pages p95 < ${TARGETS.pageP95Ms} ms`, judged.pages.p95 < TARGETS.pageP95Ms, ms(judged.pages.p95)],
      [`writes p95 < ${TARGETS.writeP95Ms} ms`, judged.writes.p95 < TARGETS.writeP95Ms, ms(judged.writes.p95)],
    ] as const;
    console.log("\nTargets, on the officers run");
    for (const [label, met, value] of targets) console.log(`  ${met ? "met   " : "MISSED"}  ${label.padEnd(24)} (${value})`);
  } else {
    console.log("\nTargets: judged on the officers run, which BENCH_MODE=saturation skips.");
  }

  // --- 6. invariants, once nothing can write any more ---------------------------------------------
  serverStopping = true;
  await stopServer(server);
  const { rows: [facts] } = await db.execute<{
    items_off: number;
    items_changed: number;
    events: number;
    qp_events: number;
    cs_events: number;
    applications: number;
    applications_with_action: number;
    distinct_application_actions: number;
    actions: number;
    actions_of_applications: number;
    actions_without_items: number;
    applications_items_mismatch: number;
    applications_events_mismatch: number;
  }>(sql`
    select
      (select count(*)::int from items i
         left join (select item_id, count(*)::int as n from item_events group by item_id) e on e.item_id = i.id
         where coalesce(e.n, 0) <> i.version) as items_off,
      (select count(*)::int from items where version > 0) as items_changed,
      (select count(*)::int from item_events) as events,
      (select count(*)::int from item_events where source = 'quick_promise') as qp_events,
      (select count(*)::int from item_events where source = 'change_status') as cs_events,
      (select count(*)::int from quick_promise_applications) as applications,
      (select count(*)::int from quick_promise_applications where action_id is not null) as applications_with_action,
      (select count(distinct action_id)::int from quick_promise_applications) as distinct_application_actions,
      (select count(*)::int from actions) as actions,
      (select count(*)::int from actions a
         where exists (select 1 from quick_promise_applications q where q.action_id = a.id)) as actions_of_applications,
      (select count(*)::int from actions a
         where not exists (select 1 from action_items ai where ai.action_id = a.id)) as actions_without_items,
      (select count(*)::int from quick_promise_applications q
         where exists (select item_id from action_items where action_id = q.action_id
                       except select item_id from item_events where quick_promise_application_id = q.id)
            or exists (select item_id from item_events where quick_promise_application_id = q.id
                       except select item_id from action_items where action_id = q.action_id)
            or (select count(*) from action_items where action_id = q.action_id) <> q.item_count) as applications_items_mismatch,
      (select count(*)::int from quick_promise_applications q
         where (select count(*) from item_events e where e.quick_promise_application_id = q.id) <> q.item_count)
        as applications_events_mismatch`);
  const f = facts!;
  const within = (value: number, kind: Kind) => value >= sumOf(kind, "okItems") && value <= sumOf(kind, "okItems") + sumOf(kind, "uncertainItems");
  const okQuickPromises = sumOf("quickPromise", "ok");
  const uncertainQuickPromises = sumOf("quickPromise", "uncertainRequests");
  const invariants: [string, boolean, string][] = [
    ["every item: item_events = items.version", f.items_off === 0, `${f.items_changed} items changed, ${f.events} events, ${f.items_off} items off`],
    [
      "one action per Quick Promise application",
      f.applications_with_action === f.applications &&
        f.distinct_application_actions === f.applications &&
        f.actions_of_applications === f.applications &&
        f.actions === f.applications,
      `${f.applications} applications, ${f.applications_with_action} with an action, ${f.distinct_application_actions} distinct actions, ${f.actions} actions in all`,
    ],
    ["each application's action_items = its items", f.applications_items_mismatch === 0, `${f.applications_items_mismatch} applications differ`],
    ["each application's events = its item count", f.applications_events_mismatch === 0, `${f.applications_events_mismatch} applications differ`],
    ["no action without action_items", f.actions_without_items === 0, `${f.actions_without_items} actions`],
    [
      "Quick Promise events = items answered ok",
      within(f.qp_events, "quickPromise"),
      `${f.qp_events} in the database, ${sumOf("quickPromise", "okItems")} answered ok (+ up to ${sumOf("quickPromise", "uncertainItems")} of unanswered/failed requests)`,
    ],
    [
      "Change status events = items answered ok",
      within(f.cs_events, "changeStatus"),
      `${f.cs_events} in the database, ${sumOf("changeStatus", "okItems")} answered ok (+ up to ${sumOf("changeStatus", "uncertainItems")} of unanswered/failed requests)`,
    ],
    [
      "applications = Quick Promises answered ok",
      f.applications >= okQuickPromises && f.applications <= okQuickPromises + uncertainQuickPromises,
      `${f.applications} in the database, ${okQuickPromises} answered ok (+ up to ${uncertainQuickPromises} unanswered/failed)`,
    ],
  ];
  console.log("\nDatabase invariants after the run");
  for (const [label, ok, detail] of invariants) {
    console.log(`  ${ok ? "ok    " : "FAILED"}  ${label.padEnd(44)} ${detail}`);
    if (!ok) failures.push(label);
  }
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
  console.error(`\nThe load test failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  serverStopping = true;
  if (server) await stopServer(server);
  await drop();
}

console.log(
  `\n${failures.length ? `FAILED: ${failures.join("; ")}` : "All invariants hold."} ` +
    `Total time ${((performance.now() - started) / 1000).toFixed(0)} s; load average now: ${loadLine()}.`,
);
process.exit(failures.length ? 1 : 0);
