/**
 * A small argument reader for the CLI: positional arguments and `--flag value` / `--flag`.
 */
import { ZipingError } from '../core/index.js';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Splits argv into positionals and flags; `valued` names the flags that take a value. */
export function parseArgs(argv: string[], valued: readonly string[], known: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ZipingError('invalid_request', `参数 --${name} 需要一个值`);
      flags.set(name, value);
    } else if (known.includes(name)) {
      flags.set(name, true);
    } else {
      throw new ZipingError('invalid_request', `未知参数 --${name}`);
    }
  }
  return { positional, flags };
}
