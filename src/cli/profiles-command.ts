/**
 * `ziping profiles [--json]`: the rule profiles and how they differ.
 */
import { listProfiles } from '../core/index.js';
import { parseArgs } from './args.js';
import { renderTable } from './text-table.js';

export const PROFILES_USAGE = 'ziping profiles [--json]   列出规则口径';

/** Lists the profiles; returns the exit code. */
export async function profilesCommand(argv: string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs(argv, [], ['json']);
  const profiles = listProfiles();
  if (args.flags.has('json')) {
    out(JSON.stringify(profiles, null, 2));
    return 0;
  }
  const rows = profiles.map((p) => {
    const s = p.settings;
    return [
      p.id,
      p.name,
      String(s.weights.exec),
      s.exec.denominator === 'initial' ? '年初预算' : '全年预算',
      s.quant.reverse === 'ratio' ? 'w×A/B' : 'w×(2−B/A)',
      `${s.qual.bands.achieved * 100}/${s.qual.bands.partial * 100}`,
      s.overAchievement.flagRatio == null ? '—' : `≥${s.overAchievement.flagRatio * 100}%`,
      s.exec.reasonBelowRate == null ? '—' : `<${s.exec.reasonBelowRate * 100}%`,
      p.banner ? '待核实' : '',
    ];
  });
  out(
    renderTable(
      ['口径', '名称', '执行分值', '执行率分母', '反向公式', '定性区间', '超额需说明', '执行率需说明', '备注'],
      rows,
      [20, 30],
    ),
  );
  return 0;
}
