/**
 * vitest globalSetup: one PostgreSQL server for the whole run (see `postgres-server.ts`). Test
 * files read its admin URL with `inject('pgAdminUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  project.provide('pgAdminUrl', server.adminUrl);
  return () => server.stop();
}
