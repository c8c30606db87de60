/** Reading a whole input for the CLI (a form file, standard input) with a size limit (core/limits.ts). */
import { MAX_CLI_INPUT_BYTES } from '../core/limits.js';
import { ZipingError } from '../core/errors.js';

/**
 * The whole of `input`; past `maxBytes` reading stops and a payload_too_large ZipingError names
 * `what` and the limit. Errors of the stream (a missing file) are thrown as they are.
 */
export async function readCappedBytes(
  input: AsyncIterable<Uint8Array | string>,
  what: string,
  maxBytes = MAX_CLI_INPUT_BYTES,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of input) {
    const bytes =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    seen += bytes.byteLength;
    // Leaving the loop closes the stream: nothing past the limit is read
    if (seen > maxBytes)
      throw new ZipingError('payload_too_large', `${what}超过 ${maxBytes} 字节的上限`, {
        details: { limitBytes: maxBytes },
      });
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** The whole of `input` as UTF-8 text, at most `maxBytes` (see readCappedBytes). */
export async function readCapped(
  input: AsyncIterable<Uint8Array | string>,
  what: string,
  maxBytes = MAX_CLI_INPUT_BYTES,
): Promise<string> {
  return (await readCappedBytes(input, what, maxBytes)).toString('utf8');
}

/** The whole of standard input as UTF-8 text, at most `maxBytes` (default MAX_CLI_INPUT_BYTES). */
export function readStdin(maxBytes = MAX_CLI_INPUT_BYTES): Promise<string> {
  return readCapped(process.stdin, '标准输入', maxBytes);
}
