/**
 * The `ziping` command line: one entry that dispatches to a command and turns every error into
 * one clear Chinese line (never a stack trace).
 */
import { formatFieldIssues, ZipingError } from '../core/index.js';
import { CHECK_USAGE, checkCommand } from './check-command.js';
import { DRAFT_USAGE, draftCommand } from './draft-command.js';
import { IMPORT_USAGE, importCommand } from './import-command.js';
import { PROFILES_USAGE, profilesCommand } from './profiles-command.js';
import { SCORE_USAGE, scoreCommand } from './score-command.js';

type Command = (argv: string[], out: (text: string) => void) => Promise<number>;

const COMMANDS: Record<string, { run: () => Promise<Command>; usage: string }> = {
  score: { run: async () => scoreCommand, usage: SCORE_USAGE },
  draft: { run: async () => draftCommand, usage: DRAFT_USAGE },
  check: { run: async () => checkCommand, usage: CHECK_USAGE },
  profiles: { run: async () => profilesCommand, usage: PROFILES_USAGE },
  export: {
    run: async () => (await import('./export-command.js')).exportCommand,
    usage:
      'ziping export FILE [--xlsx OUT] [--docx OUT] [--parts both|table|report] [--profile ID]   导出自评表、自评报告',
  },
  import: { run: async () => importCommand, usage: IMPORT_USAGE },
  doctor: {
    run: async () => (await import('./doctor-command.js')).doctorCommand,
    usage: 'ziping doctor [--data DIR] [--json]   检查数据目录，列出并解释被隔离的文件',
  },
  users: {
    run: async () => (await import('./users-command.js')).usersCommand,
    usage: 'ziping users add|revoke|token|list …   管理团队账号（ziping users --help 查看详情）',
  },
  serve: {
    run: async () => (await import('./serve-command.js')).serveCommand,
    usage: 'ziping serve [--host H] [--port P] [--data DIR]   启动服务（默认 127.0.0.1:8787）',
  },
};

function usage(): string {
  return ['绩效自评助手 ziping', '', '用法：', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(
  argv: string[],
  out = (t: string) => console.log(t),
  err = (t: string) => console.error(t),
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(usage());
    return name ? 0 : 64;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`未知命令“${name}”\n\n${usage()}`);
    return 64;
  }
  try {
    const run = await command.run();
    return await run(rest, out);
  } catch (error) {
    if (error instanceof ZipingError) {
      err(`错误：${error.message}`);
      if (error.issues && error.issues.length > 1) err(formatFieldIssues(error.issues));
      return error.code === 'invalid_request' ? 64 : 1;
    }
    err(`内部错误：${(error as Error).message ?? String(error)}`);
    return 70;
  }
}
