/**
 * The prose of the 项目支出绩效自评报告, built deterministically from the scored form: every figure
 * from the form or its score report, every narrative the one the user accepted on the form, a
 * missing cause left as a 〔待补充：…〕 placeholder, never invented. Pure, so a model drafter can
 * later write the same sections (财预〔2020〕10号 附件: 自评报告 covers 基本情况, 绩效目标完成情况,
 * 偏差及原因, 改进措施, 自评结论).
 */
import { printedScores, type Form, type Indicator, type IndicatorResult, type ScoreReport } from '../../core/index.js';
import { isFillerText } from '../../core/parse/placeholder.js';
import { fixed } from '../../core/decimal.js';

export interface ProseSection {
  /** `一、项目概况` … */
  heading: string;
  /** Sub-headings (`（一）…`) with their paragraphs; a part without a heading is plain paragraphs. */
  parts: { heading?: string; paragraphs: string[] }[];
}

export interface ReportProse {
  title: string;
  sections: ProseSection[];
  /** 落款: the unit that signs. */
  signature: string;
}

const MEASURE_MARK = /改进措施[:：]/;
/** A sentence that says what will be done: 后续/下一步/今后… (the seed's 后续将加强…). */
const MEASURE_SENTENCE = /^(?:后续|下一步|今后|下步|未来|接下来|将来)/;

/** Actuals longer than this are narratives: the report points to the form instead of repeating them. */
const SHORT_ACTUAL = 40;
const actualText = (actual: string | null | undefined) =>
  !actual ? '实际完成值未填写' : [...actual].length > SHORT_ACTUAL ? '实际完成情况详见自评表' : `实际完成值${actual}`;
const num = (n: number) => String(Number(n.toFixed(6)));
const score = (n: number) => fixed(n);
const percent = (rate: number) => `${fixed(rate * 100)}%`;

/** Splits a 偏差原因分析及改进措施 cell into its cause and its measures (either may be empty). */
export function splitDeviation(text: string): { cause: string; measure: string } {
  const t = text.trim();
  const mark = MEASURE_MARK.exec(t);
  if (mark)
    return {
      cause: trimEnd(t.slice(0, mark.index).replace(/^偏差原因[:：]/, '')),
      measure: trimEnd(t.slice(mark.index + mark[0].length)),
    };
  const sentences = t
    .split(/(?<=[。；;])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const at = sentences.findIndex((s) => MEASURE_SENTENCE.test(s));
  if (at < 0) return { cause: trimEnd(t), measure: '' };
  return { cause: trimEnd(sentences.slice(0, at).join('')), measure: trimEnd(sentences.slice(at).join('')) };
}

const TRAILING = new Set(['。', '；', ';', '，', ',']);

/** `text` without trailing punctuation and spaces (a loop: a regex anchored at $ is quadratic on a run of them). */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (TRAILING.has(text[end - 1]!) || /\s/.test(text[end - 1]!))) end--;
  return text.slice(0, end).trim();
}

function overview(form: Form, report: ScoreReport): ProseSection {
  const p = form.project;
  const who = [
    p.department && `主管部门为${p.department}`,
    p.implementer && `实施单位为${p.implementer}`,
    p.manager && `项目负责人为${p.manager}`,
  ]
    .filter(Boolean)
    .join('，');
  const basic = `${p.name}为${form.year}年度${form.formType === 'department' ? '部门整体支出' : '项目支出'}${who ? `，${who}` : ''}。`;
  return {
    heading: '一、项目概况',
    parts: [
      { heading: '（一）基本情况', paragraphs: [basic] },
      { heading: '（二）资金情况', paragraphs: [funding(form, report)] },
    ],
  };
}

function funding(form: Form, report: ScoreReport): string {
  const unit = form.funding?.unit ?? '万元';
  const t = form.funding?.total;
  const amounts = [
    ['年初预算数', t?.initial],
    ['全年预算数', t?.annual],
    ['全年执行数', t?.executed],
  ]
    .filter((a): a is [string, number] => typeof a[1] === 'number')
    .map(([label, v]) => `${label}${num(v)}${unit}`);
  const f = report.funding;
  const printed = printedScores(form, report);
  const rate = f.rate === null ? '预算执行率无法计算' : `预算执行率${percent(f.rate)}`;
  const head = amounts.length ? `${form.year}年度项目${amounts.join('，')}，` : `${form.year}年度项目资金未填写完整，`;
  return `${head}${rate}，该项分值${num(f.weight)}分，得分${score(printed.funding)}分。`;
}

function goals(form: Form, report: ScoreReport): ProseSection {
  const expected = form.goals?.expected?.trim() || '〔待补充：年度总体目标〕';
  const actual = form.goals?.actual?.trim() || '〔待补充：年度总体目标实际完成情况〕';
  return {
    heading: '二、绩效目标及完成情况',
    parts: [
      { heading: '（一）年度总体目标', paragraphs: expected.split('\n').filter((s) => s.trim()) },
      { heading: '（二）总体目标完成情况', paragraphs: actual.split('\n').filter((s) => s.trim()) },
      { heading: '（三）绩效指标完成情况', paragraphs: indicatorSummary(form, report) },
    ],
  };
}

/** Each scored row with its printed 得分 (template rows left out). */
function rowsOf(form: Form, report: ScoreReport) {
  const printed = printedScores(form, report).rows;
  return form.indicators
    .map((row, i) => ({ row, result: report.indicators[i]!, printed: printed[i] ?? null }))
    .filter((x) => x.result && !x.result.flags.includes('template-row'));
}

function indicatorSummary(form: Form, report: ScoreReport): string[] {
  const rows = rowsOf(form, report);
  const full = rows.filter(
    (x) => x.row.weight != null && x.printed != null && x.printed >= x.row.weight - 0.005,
  ).length;
  const levels = [...new Set(rows.map((x) => x.row.level1))].map(
    (l) => `${l}${rows.filter((x) => x.row.level1 === l).length}项`,
  );
  const head = `本项目共设置三级指标${rows.length}项（${levels.join('、')}），其中${full}项得满分，${rows.length - full}项未得满分。`;
  return [
    head,
    ...rows.map(({ row, printed }, i) => {
      const weight = row.weight == null ? '未填写' : `${num(row.weight)}分`;
      const got = printed == null ? '未填写' : `${score(printed)}分`;
      const name = row.name || '（未填写指标名称）';
      return `${i + 1}.${name}：年度指标值${row.target || '未填写'}，${actualText(row.actual)}，分值${weight}，得分${got}。`;
    }),
  ];
}

/** Rows a reader must hear about: points lost, an explanation required, or a deviation written. */
function deviating(
  form: Form,
  report: ScoreReport,
): { row: Indicator; result: IndicatorResult; printed: number | null }[] {
  return rowsOf(form, report).filter(
    ({ row, result, printed }) =>
      result.needsExplanation ||
      !isFillerText(row.deviation) ||
      (row.weight != null && printed != null && printed < row.weight - 0.005),
  );
}

function deviations(form: Form, report: ScoreReport): ProseSection {
  const rows = deviating(form, report);
  const paragraphs = rows.map(({ row, printed }, i) => {
    const cause =
      splitDeviation(isFillerText(row.deviation) ? '' : (row.deviation ?? '')).cause || '〔待补充：偏差原因〕';
    const got = printed == null ? '' : `，得分${score(printed)}分`;
    const facts = `年度指标值${row.target || '未填写'}，${actualText(row.actual)}${got}`;
    return `${i + 1}.${row.name}：${facts}。${cause}。`;
  });
  const rate = report.funding.rate;
  if (rate !== null && rate < 1)
    paragraphs.unshift(
      `预算执行率${percent(rate)}，${form.funding?.reason?.trim() || '〔待补充：预算未全部执行的原因〕'}。`,
    );
  return {
    heading: '三、偏差及原因分析',
    parts: [{ paragraphs: paragraphs.length ? paragraphs : ['本年度各项绩效指标均已完成，未发现明显偏差。'] }],
  };
}

function measures(form: Form, report: ScoreReport): ProseSection {
  const found = deviating(form, report).map(({ row }) => ({
    name: row.name,
    measure: splitDeviation(isFillerText(row.deviation) ? '' : (row.deviation ?? '')).measure,
  }));
  const paragraphs = found.map(
    ({ name, measure }, i) => `${i + 1}.针对${name}：${measure || '〔待补充：改进措施〕'}。`,
  );
  return {
    heading: '四、改进措施',
    parts: [
      { paragraphs: paragraphs.length ? paragraphs : ['继续加强项目全过程绩效管理，保持预算执行和绩效目标完成水平。'] },
    ],
  };
}

function conclusion(form: Form, report: ScoreReport): ProseSection {
  const printed = printedScores(form, report);
  const checked =
    Math.abs(printed.total - report.total) < 0.005 ? '' : `按评分规则核定总分为${score(report.total)}分，`;
  const text =
    `经自评，${form.project.name}${form.year}年度绩效自评总分为${score(printed.total)}分（满分${num(printed.weightTotal)}分），` +
    `${checked}评价等级为“${report.grade}”。`;
  return { heading: '五、自评结论', parts: [{ paragraphs: [text] }] };
}

/** The report's title, sections and signature from the scored form. */
export function buildReportProse(form: Form, report: ScoreReport): ReportProse {
  const kind = form.formType === 'department' ? '部门整体支出' : '项目支出';
  return {
    title: `${form.project.name}${form.year}年度${kind}绩效自评报告`,
    sections: [
      overview(form, report),
      goals(form, report),
      deviations(form, report),
      measures(form, report),
      conclusion(form, report),
    ],
    signature: form.project.implementer || form.project.department || '',
  };
}
