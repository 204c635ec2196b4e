/** Ends a hosted server made in a test: closes it, then drops its directory's and every case's schema, then stops the test PostgreSQL. */
import type { Directory } from '../../src/hosted/directory.js';
import { dropSchemas, type TestPostgres } from './postgres.js';

export async function endHostedServer(s: { close: () => Promise<void>; directory: Directory; pgs: TestPostgres; dirSchema: string }): Promise<void> {
  const schemas = (await s.directory.allCases()).map((c) => c.schema_name);
  await s.close();
  await dropSchemas(s.pgs.url, [...schemas, s.dirSchema]);
  await s.pgs.stop();
}
