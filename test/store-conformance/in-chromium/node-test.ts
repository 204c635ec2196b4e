/**
 * `describe` and `it` of node:test for the store conformance suite in a browser page (the build
 * maps node:test here): tests are collected as the suite declares them, then `run` runs them one
 * after another, in order, and reports each.
 */
type Body = () => unknown;

const tests: { name: string; body: Body }[] = [];
const path: string[] = [];

export function describe(name: string, body: () => void): void {
  path.push(name);
  try {
    body();
  } finally {
    path.pop();
  }
}

export function it(name: string, body: Body): void {
  tests.push({ name: [...path, name].join(' > '), body });
}

export interface TestResult {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

export async function run(): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const t of tests) {
    const start = performance.now();
    try {
      await t.body();
      results.push({ name: t.name, ok: true, ms: performance.now() - start });
    } catch (e) {
      results.push({ name: t.name, ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e), ms: performance.now() - start });
    }
  }
  return results;
}
