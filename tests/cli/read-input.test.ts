/**
 * What the CLI reads whole (a form file, standard input) stops at MAX_CLI_INPUT_BYTES (core/limits.ts):
 * the function on chunked input, and the real command with its standard input piped; a file to
 * import is read only up to the import limit (src/io/import/limits.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_CLI_INPUT_BYTES } from '../../src/core/limits.js';
import { readCapped } from '../../src/cli/read-input.js';
import { IMPORT_LIMITS } from '../../src/io/import/limits.js';
import { ziping } from '../support/cli.js';
import { SEED_PATH } from '../support/seed.js';

const BIN = new URL('../../bin/ziping.js', import.meta.url).pathname;

/** Runs `ziping ...args` with `input` written to its standard input (what it reads before stopping is enough). */
function zipingWithStdin(
  input: Buffer,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const child = spawn(process.execPath, [BIN, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  // The command may stop reading (and exit) before all of it is written: that pipe error is expected
  child.stdin.on('error', () => {});
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('readCapped', () => {
  const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

  it.each([
    [['{"year":', '2022}'], 13, '{"year":2022}'],
    // 项 is three bytes cut across two chunks: decoded once the whole is read
    [['项', '目'].flatMap((c) => [Buffer.from(c).subarray(0, 1), Buffer.from(c).subarray(1)]), 6, '项目'],
  ])('reads %j whole within %i bytes', async (parts, max, text) => {
    expect(await readCapped(Readable.from(parts.map((p) => Buffer.from(p))), '标准输入', max)).toBe(text);
  });

  it('stops past the limit with payload_too_large naming the input and the limit', async () => {
    await expect(readCapped(chunks('{"year":', '2022}'), '标准输入', 12)).rejects.toMatchObject({
      code: 'payload_too_large',
      message: '标准输入超过 12 字节的上限',
      details: { limitBytes: 12 },
    });
  });
});

describe('ziping score - (a form on standard input)', () => {
  it('scores the seed read from standard input', async () => {
    const { code, stdout } = await zipingWithStdin(readFileSync(SEED_PATH), 'score', '-', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ total: 87.5, selfTotal: 89, grade: '良' });
  });

  it('refuses standard input past MAX_CLI_INPUT_BYTES in one line', async () => {
    const { code, stderr } = await zipingWithStdin(Buffer.alloc(MAX_CLI_INPUT_BYTES + 1, 0x20), 'score', '-');
    expect(code).toBe(1);
    expect(stderr).toContain(`标准输入超过 ${MAX_CLI_INPUT_BYTES} 字节的上限`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('ziping import FILE', () => {
  it('refuses a file over the import limit with the importer’s error (reading stops one byte past it)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ziping-import-')), 'big.txt');
    writeFileSync(file, Buffer.alloc(IMPORT_LIMITS.maxFileBytes + 10, 0x20));
    const { code, stderr } = await ziping('import', file);
    expect(code).toBe(1);
    expect(stderr).toContain(`文件超过 ${IMPORT_LIMITS.maxFileBytes} 字节的导入上限`);
  });
});
