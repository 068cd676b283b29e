/**
 * Vitest global setup: one throwaway Postgres cluster for the whole run (test files each create their own
 * database in it, see `createDatabase`), removed at the end. Tests read its URL with `inject('postgresUrl')`;
 * it is empty when the binaries are missing outside CI, and those tests are skipped.
 */
import type { TestProject } from 'vitest/node';
import { postgresAvailable, startCluster } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!postgresAvailable()) {
    console.warn(
      'Skipping the Postgres tests: no server binaries in /usr/lib/postgresql (apt-get install postgresql).',
    );
    project.provide('postgresUrl', '');
    return async () => undefined;
  }
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.destroy();
}
