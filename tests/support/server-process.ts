/**
 * Spawns Ziping servers as child processes (the real `ziping serve` command or the small
 * child-server script), so tests can kill them with SIGKILL and restart them on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** Set once the server printed its URL. */
  url: string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
}

/** The command lines the tests run: the child-server script, or the real CLI. */
export const COMMANDS = {
  childServer: (dataDir: string): string[] => ['bin/run-ts.js', 'tests/support/child-server.ts', dataDir],
  cliServe: (dataDir: string): string[] => ['bin/ziping.js', 'serve', '--port', '0', '--data', dataDir],
};

/** Starts `node <args>` in the repository root and waits for a listening URL or the process's end. */
export function spawnServer(args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => resolve(code ?? signal ?? -1));
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 20 s; stderr: ${stderr}`));
    }, 20_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /(?:ZIPING_URL |listening on )(http:\/\/[^\s]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, stderr: () => stderr, exited });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      // Not listening: hand back the ended process so the test can read why.
      resolve({ child, url: '', stderr: () => stderr, exited });
    });
  });
}
