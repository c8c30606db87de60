/**
 * The Node entry and `ziping serve`: settings from options and the environment, a clear error
 * for a bad port or a port in use, and a clean stop on SIGTERM that releases the data lock.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ZipingError } from '../../src/core/errors.js';
import { serveCommand } from '../../src/cli/serve-command.js';
import { startNodeServer } from '../../src/entry/node.js';
import { COMMANDS, spawnServer } from '../support/server-process.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});
async function tempDir(): Promise<string> {
  const dir = await makeTempDir('ziping-entry-');
  dirs.push(dir);
  return dir;
}

describe('startNodeServer', () => {
  it('reads HOST, PORT and ZIPING_DATA from the environment and logs one line with the URL', async () => {
    const dir = await tempDir();
    const lines: string[] = [];
    const server = await startNodeServer({
      env: { HOST: '127.0.0.1', PORT: '0', ZIPING_DATA: join(dir, 'store') },
      handleSignals: false,
      log: (line) => lines.push(line),
    });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.port).toBeGreaterThan(0);
      expect(server.dataDir).toBe(join(dir, 'store'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('已启动');
      expect(lines[0]).toContain(`listening on ${server.url}`);
      expect((await fetch(`${server.url}/api`)).status).toBe(200);
      expect((await stat(join(dir, 'store', 'forms'))).isDirectory()).toBe(true);
    } finally {
      await server.close();
    }
    await expect(stat(join(dir, 'store', '.lock'))).rejects.toThrow();
  });

  it('refuses a bad port, and a port in use, with a clear message and no lock left behind', async () => {
    const dir = await tempDir();
    await expect(
      startNodeServer({ env: { PORT: 'eighty', ZIPING_DATA: dir }, handleSignals: false, log: () => undefined }),
    ).rejects.toThrow('端口号无效');
    const first = await startNodeServer({
      port: 0,
      dataDir: join(dir, 'a'),
      handleSignals: false,
      log: () => undefined,
    });
    try {
      const error = await startNodeServer({
        port: first.port,
        dataDir: join(dir, 'b'),
        handleSignals: false,
        log: () => undefined,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZipingError);
      expect((error as ZipingError).message).toContain(`端口 ${first.port} 已被占用`);
      await expect(stat(join(dir, 'b', '.lock'))).rejects.toThrow();
    } finally {
      await first.close();
    }
  });

  it('closes what it opened when a later part of the data folder does not open, leaving no lock', async () => {
    const dir = await tempDir();
    // An audit file that is a folder: the forms and accounts open, the audit log cannot
    await mkdir(join(dir, 'audit.log'), { recursive: true });
    const options = { port: 0, dataDir: dir, handleSignals: false, log: () => undefined };
    const error = await startNodeServer(options).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('EISDIR');
    await expect(stat(join(dir, '.lock'))).rejects.toThrow();
    await rm(join(dir, 'audit.log'), { recursive: true });
    const server = await startNodeServer(options);
    await server.close();
  });
});

describe('ziping serve', () => {
  it('rejects a bad --port and prints usage for --help', async () => {
    await expect(serveCommand(['--port', 'abc'])).rejects.toThrow('端口号无效：abc');
    const out: string[] = [];
    expect(await serveCommand(['--help'], (t) => out.push(t))).toBe(0);
    expect(out.join('\n')).toContain('--data');
  });

  it('serves until SIGTERM, then stops with exit code 0 and releases the lock', async () => {
    const dir = await tempDir();
    const server = await spawnServer(COMMANDS.cliServe(dir));
    expect(server.url, server.stderr()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/api/forms`)).status).toBe(200);
    expect((await stat(join(dir, '.lock'))).isFile()).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await expect(stat(join(dir, '.lock'))).rejects.toThrow();
  });
});
