/**
 * `ziping users add|revoke|restore|token|password|list` (issue #12): manages the accounts of a data
 * directory (or of ZIPING_DATABASE_URL). `add` prints the new API token once, as the last line, for scripts:
 *   TOKEN="$(npx ziping users add 张三 --unit 某市财政局/某市科委 --role 填报人 | tail -n 1)"
 * With the lowdb store the server must be stopped (both would write accounts.json; the folder's
 * lock refuses the second); while it runs, administrators use the page or the API instead.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ROLE_LABELS, requireRole } from '../core/access/roles.js';
import { ZipingError } from '../core/errors.js';
import { PASSWORD_LIMITS } from '../core/limits.js';
import { addUser, newToken, restoreUser, revokeUser, setUserPassword } from '../app/access/user-admin.js';
import { DEFAULT_DATA_DIR } from '../entry/node.js';
import type { AccountRepository } from '../store/accounts.js';
import { LowdbAccountRepository } from '../store/lowdb-accounts.js';
import { MemoryAccountRepository } from '../store/memory-accounts.js';
import { secretHash } from '../app/access/secrets.js';
import { acquireStoreLock } from '../store/lock-file.js';
import { parseArgs } from './args.js';
import { readCapped } from './read-input.js';

export const USERS_USAGE = [
  'ziping users add NAME --unit PATH --role 填报人|审核人|管理员 [--password-stdin] [--data DIR]',
  '      新建用户，最后一行打印 API 令牌（只显示一次）',
  'ziping users add NAME --unit PATH --role 管理员 --sql [--password-stdin]',
  '      不写入数据，打印给 Cloudflare D1 执行的 SQL（wrangler d1 execute），最后一行是令牌',
  'ziping users revoke NAME [--data DIR]   停用该用户：吊销其全部令牌并结束其登录，直到恢复',
  'ziping users restore NAME [--data DIR]  恢复已吊销的用户（旧令牌仍无效，需要时用 token 另发）',
  'ziping users token NAME [--data DIR]    为该用户新发一个令牌（最后一行）',
  'ziping users password NAME [--data DIR] 从标准输入读新密码，设为该用户的登录密码',
  'ziping users list [--data DIR]          列出用户（名、角色、单位、在用或已停用）',
].join('\n  ');

interface OpenAccounts {
  accounts: AccountRepository;
  close(): Promise<void>;
}

/** The accounts of ZIPING_DATABASE_URL, else of the data directory (taking its lock). */
async function openAccounts(dataDir: string): Promise<OpenAccounts> {
  const url = process.env.ZIPING_DATABASE_URL;
  if (url) {
    const { PostgresFormRepository } = await import('../store/postgres-repository.js');
    const schema = process.env.ZIPING_DATABASE_SCHEMA || undefined;
    const store = await PostgresFormRepository.open({ connectionString: url, ...(schema ? { schema } : {}) });
    return { accounts: store.accounts(), close: () => store.close() };
  }
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const lock = await acquireStoreLock(dir);
  const accounts = await LowdbAccountRepository.open(dir);
  return {
    accounts,
    async close() {
      await accounts.close();
      await lock.release();
    },
  };
}

/**
 * Bytes of stdin read for a password: more than the longest password can take (4 bytes a character,
 * a line break), so the password check names a password that is too long; past it reading stops.
 */
const MAX_PASSWORD_STDIN_BYTES = PASSWORD_LIMITS.maxChars * 4 + 8;

/** A password from stdin (read no further than its limit), without the final line break. */
async function readPasswordStdin(): Promise<string> {
  return (await readCapped(process.stdin, '密码（标准输入）', MAX_PASSWORD_STDIN_BYTES)).replace(/\r?\n$/, '');
}

/** Runs one `users` subcommand; resolves with the exit code. */
export async function usersCommand(
  args: string[],
  out: (text: string) => void = (t) => console.log(t),
): Promise<number> {
  const { positional, flags } = parseArgs(args, ['unit', 'role', 'data'], ['password-stdin', 'help', 'sql']);
  const [action, name, ...extra] = positional;
  if (flags.has('help') || !action || extra.length > 0 || (action !== 'list' && !name)) {
    out(`用法：\n  ${USERS_USAGE}`);
    return flags.has('help') ? 0 : 64;
  }
  if (flags.has('sql') && action === 'add') return printD1Sql(name ?? '', flags, out);
  const data = flags.get('data');
  const open = await openAccounts(typeof data === 'string' ? data : process.env.ZIPING_DATA || DEFAULT_DATA_DIR);
  try {
    return await runAction(open.accounts, action, name ?? '', flags, out);
  } finally {
    await open.close();
  }
}

/** The new user's fields from the flags (the password from stdin when asked). */
async function newUserInput(name: string, flags: Map<string, string | true>) {
  const unit = flags.get('unit');
  const password = flags.has('password-stdin') ? await readPasswordStdin() : undefined;
  const roleFlag = flags.get('role');
  const role = requireRole(typeof roleFlag === 'string' ? roleFlag : '', '--role ');
  return { name, unit: typeof unit === 'string' ? unit : '', role, password };
}

const sqlText = (value: string | null): string => (value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`);

/**
 * `users add … --sql`: the statements that create the user in a D1 database (the Worker has no
 * command line), checked and hashed exactly as `add` does, with the token on the last line.
 */
async function printD1Sql(name: string, flags: Map<string, string | true>, out: (text: string) => void) {
  const scratch = new MemoryAccountRepository();
  const at = new Date();
  const { token } = await addUser(scratch, await newUserInput(name, flags), at);
  const user = (await scratch.userByName(name.trim()))!;
  const values = [user.id, user.name, user.unit, user.role, user.passwordHash, user.createdAt].map(sqlText);
  out(`INSERT INTO users (id, name, unit, role, password_hash, created_at) VALUES (${values.join(', ')});`);
  const tokenValues = [await secretHash(token), user.id, at.toISOString()].map(sqlText);
  out(`INSERT INTO api_tokens (hash, user_id, created_at) VALUES (${tokenValues.join(', ')});`);
  out(token);
  return 0;
}

/** What one subcommand gets: the store, the user's name, the flags, the output and the time. */
interface ActionInput {
  accounts: AccountRepository;
  name: string;
  flags: Map<string, string | true>;
  out: (text: string) => void;
  now: Date;
}

/** The subcommands other than `add --sql`, each printing what it did. */
const ACTIONS: Readonly<Record<string, (input: ActionInput) => Promise<void>>> = {
  async add({ accounts, name, flags, out, now }) {
    const { user, token } = await addUser(accounts, await newUserInput(name, flags), now);
    out(`已创建用户 ${user.name}（${ROLE_LABELS[user.role]}，${user.unit}）。API 令牌只显示这一次，请妥善保存：`);
    out(token);
  },
  async revoke({ accounts, name, out, now }) {
    const count = await revokeUser(accounts, name, now);
    out(`已吊销用户 ${name} 的 ${count} 个令牌，并结束其全部登录；该账户已停用，恢复用 ziping users restore。`);
  },
  async restore({ accounts, name, out }) {
    await restoreUser(accounts, name);
    out(`已恢复用户 ${name}：可以再用密码登录；旧令牌仍无效，需要时用 ziping users token 另发。`);
  },
  async password({ accounts, name, out }) {
    await setUserPassword(accounts, name, await readPasswordStdin());
    out(`已设置用户 ${name} 的登录密码。`);
  },
  async token({ accounts, name, out, now }) {
    const token = await newToken(accounts, name, now);
    out(`已为用户 ${name} 新发令牌（只显示这一次）：`);
    out(token);
  },
  async list({ accounts, out }) {
    for (const u of await accounts.listUsers()) {
      const state = u.disabledAt === null ? '在用' : `已停用（${u.disabledAt}）`;
      out(`${u.name}\t${ROLE_LABELS[u.role]}\t${u.unit}\t${state}`);
    }
  },
};

async function runAction(
  accounts: AccountRepository,
  action: string,
  name: string,
  flags: Map<string, string | true>,
  out: (text: string) => void,
): Promise<number> {
  const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!run) {
    const names = Object.keys(ACTIONS);
    const message = `未知的 users 子命令“${action}”（应为 ${names.slice(0, -1).join('、')} 或 ${names.at(-1)}）`;
    throw new ZipingError('invalid_request', message);
  }
  await run({ accounts, name, flags, out, now: new Date() });
  return 0;
}
