/** Runs the real `ziping` command as a user would, for the CLI tests. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = new URL('../../bin/ziping.js', import.meta.url).pathname;

/** Runs `ziping ...args`; never throws, returns the exit code and output. */
export async function ziping(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // A clean environment: the developer's own ZIPING_MODEL must not turn these into model calls
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
