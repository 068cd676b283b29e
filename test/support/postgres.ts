/**
 * A throwaway Postgres for tests: Debian's `postgresql` binaries (`initdb`, `pg_ctl`), a cluster in a temporary
 * directory owned by an unprivileged user (initdb refuses to run as root), listening on 127.0.0.1 on a free port
 * and on a Unix socket in that directory. `pg_ctl -w` returns once the server accepts connections, so nothing
 * here sleeps. `.ci/run` installs the package when the binaries are missing.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './net.ts';

const run = promisify(execFile);
/** The unprivileged user the cluster runs as when the tests run as root (the package creates it). */
const CLUSTER_USER = 'postgres';

/**
 * Whether the Postgres tests run: without the binaries they are skipped with a warning on a developer's
 * machine, and fail in CI (`CI` set), where .ci/run installs them.
 */
export function postgresAvailable(): boolean {
  try {
    postgresBinDir();
    return true;
  } catch (error) {
    if (process.env.CI) throw error;
    return false;
  }
}

/** A fresh, empty database in the cluster at `adminUrl` (a URL of its `postgres` database); returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Debian keeps the server binaries off PATH, in /usr/lib/postgresql/<version>/bin: the newest one wins. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      'Postgres server binaries not found in /usr/lib/postgresql/*/bin: install Debian\'s "postgresql" package ' +
        '(apt-get install -y postgresql), as .ci/run does.',
    );
  }
  return join(root, newest, 'bin');
}

export interface TestCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication, no password). */
  readonly url: string;
  /** A fresh, empty database in this cluster; returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server at once (`-m immediate`: like a crash, connections are cut). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

export async function startCluster(): Promise<TestCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const asRoot = process.getuid?.() === 0;
  const pgctl = async (args: string[]) => {
    const command = join(bin, 'pg_ctl');
    const [file, argv] = asRoot ? ['runuser', ['-u', CLUSTER_USER, '--', command, ...args]] : [command, args];
    await run(file, argv, { cwd: dir });
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', CLUSTER_USER]);
    const { stdout: gid } = await run('id', ['-g', CLUSTER_USER]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const initdb = [
    join(bin, 'initdb'),
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
  ];
  await (asRoot
    ? run('runuser', ['-u', CLUSTER_USER, '--', ...initdb], { cwd: dir })
    : run(initdb[0] as string, initdb.slice(1), { cwd: dir }));
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => pgctl(['-D', data, '-l', join(dir, 'log'), '-w', '-o', options, 'start']);
  const stop = () => pgctl(['-D', data, '-m', 'immediate', '-w', 'stop']);
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    createDatabase: () => createDatabase(url),
    stop,
    start,
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
