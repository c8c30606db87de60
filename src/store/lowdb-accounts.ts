/**
 * The accounts of the lowdb store (Node only): `accounts.json` in the data folder, beside `forms/`,
 * written whole through lowdb (a temp file renamed over the old one, so a crash leaves the old or
 * the new file, never half of one), each change durable before it is seen. The form store's lock
 * on the folder covers this file too: open it only while holding that lock (the server, or
 * `ziping users` with the server stopped). A file that does not load is quarantined like a form's.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { AccountsDocumentSchema, EMPTY_ACCOUNTS, type AccountsDocument } from './accounts-document.js';
import { MemoryAccountRepository } from './memory-accounts.js';
import { quarantineFile, type QuarantinedFile } from './quarantine.js';

export const ACCOUNTS_FILE = 'accounts.json';

/** The document in `text`, or a reason in Chinese why it is not one. */
function parseAccounts(text: string): AccountsDocument | string {
  try {
    const parsed = AccountsDocumentSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : `账号文件格式不对：${parsed.error.issues[0]?.message ?? ''}`;
  } catch (error) {
    return `不是有效的 JSON（${(error as Error).message}）`;
  }
}

export class LowdbAccountRepository extends MemoryAccountRepository {
  readonly #db: Low<AccountsDocument>;

  private constructor(db: Low<AccountsDocument>, doc: AccountsDocument) {
    super(doc);
    this.#db = db;
  }

  /** Opens `dir/accounts.json` (none yet: no users); a file that does not load is moved aside and reported. */
  static async open(
    dir: string,
    onQuarantine: (entry: QuarantinedFile) => void = () => undefined,
  ): Promise<LowdbAccountRepository> {
    const file = join(dir, ACCOUNTS_FILE);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    let doc = EMPTY_ACCOUNTS;
    if (text !== null) {
      const parsed = parseAccounts(text);
      if (typeof parsed === 'string') onQuarantine(await quarantineFile(dir, file, parsed));
      else doc = parsed;
    }
    return new LowdbAccountRepository(new Low<AccountsDocument>(new JSONFile(file), doc), doc);
  }

  /** Writes the whole document (atomically) before the change is seen. */
  protected override async commit(doc: AccountsDocument): Promise<void> {
    this.#db.data = doc;
    await this.#db.write();
  }
}
