/**
 * `ziping doctor [--data DIR] [--json]`: explains the state of a data directory (issue #8) — the
 * files moved to quarantine and why, files that would be moved at the next start, and whether a
 * server holds the directory. Reads only: safe while the server runs, and it takes no lock.
 */
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../entry/node.js';
import { examineDataDir, type DoctorReport } from '../store/lowdb-doctor.js';
import { parseArgs } from './args.js';

export const DOCTOR_USAGE =
  'ziping doctor [--data DIR] [--json]   检查数据目录：列出并解释被隔离的文件（服务运行时也可用）';

function lockLines(report: DoctorReport): string[] {
  const lock = report.lock;
  if (!lock) return ['服务状态：没有服务在使用这个目录（无锁文件）。'];
  if (lock.alive)
    return [
      `服务状态：进程 ${lock.pid}${lock.host ? `（主机 ${lock.host}）` : ''} 正在使用这个目录（自 ${lock.since || '未知时间'}）。`,
    ];
  return [`服务状态：锁文件属于已退出的进程 ${lock.pid}；下次启动会自动接管，无需处理。`];
}

function quarantineLines(report: DoctorReport, dir: string): string[] {
  if (report.quarantined.length === 0) return ['隔离目录：没有被隔离的文件。'];
  const lines = [
    `隔离目录：${report.quarantined.length} 个文件因无法载入被移到 ${resolve(dir, 'quarantine')}（原样保存，未改动任何字节）：`,
  ];
  for (const q of report.quarantined) {
    lines.push(
      `  - ${q.movedTo}`,
      `      原位置：${q.file}${q.at ? `，隔离时间：${q.at}` : ''}`,
      `      原因：${q.reason}`,
    );
  }
  lines.push(
    '  怎么办：这些表单目前不在列表中，其余表单照常服务。若能修复（例如从备份恢复或改正被手工改坏的字段），',
    '  请先停止服务，把修好的文件移回原位置（去掉时间前缀），再启动；启动时会重新检查。',
    '  若不需要，可保留备查或自行删除；删除隔离目录中的文件不影响其他表单。',
  );
  return lines;
}

function problemLines(report: DoctorReport): string[] {
  if (report.problems.length === 0) return ['数据文件：全部可以载入。'];
  return [
    `数据文件：${report.problems.length} 个文件现在无法载入，下次启动（或首次读取）时会被移到隔离目录：`,
    ...report.problems.map((p) => `  - ${p.file}：${p.reason}`),
  ];
}

/** Prints the report of the data directory; exit code 0 when nothing needs attention, 1 otherwise. */
export async function doctorCommand(argv: string[], out: (text: string) => void): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['data'], ['json', 'help']);
  if (flags.has('help') || positional.length > 0) {
    out(DOCTOR_USAGE);
    return positional.length > 0 ? 64 : 0;
  }
  const data = flags.get('data');
  const dir = resolve(typeof data === 'string' ? data : process.env.ZIPING_DATA || DEFAULT_DATA_DIR);
  const report = await examineDataDir(dir);
  if (flags.has('json')) out(JSON.stringify({ dataDir: dir, ...report }, null, 2));
  else {
    out(
      [
        `数据目录：${dir}（${report.forms} 份可载入的表单）`,
        ...lockLines(report),
        ...problemLines(report),
        ...quarantineLines(report, dir),
      ].join('\n'),
    );
  }
  return report.quarantined.length + report.problems.length > 0 ? 1 : 0;
}
