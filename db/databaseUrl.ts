/** The same PostgreSQL server URL, naming another database (tests and benchmarks make their own). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
