/**
 * Turns what a parser read into a form that passes the schema, filling a required field it could
 * not read (项目名称, 年度) with a visible stand-in that the report names — never silently.
 */
import { FormSchema, type Form, type FormInput } from '../../core/schema/form.js';
import { ZipingError } from '../../core/errors.js';
import { fieldIssuesOf } from '../../core/schema/validate.js';
import type { HeaderFields } from './grid-header.js';
import type { ReportBuilder } from './report.js';

/** Stand-in for an unreadable 项目名称. */
export const UNKNOWN_NAME = '（未识别的项目名称）';

export interface ReadParts {
  header: HeaderFields;
  funding: FormInput['funding'];
  goals: FormInput['goals'];
  indicators: FormInput['indicators'];
  selfTotal: number | null;
}

/** A valid form from the parts, or `import_unreadable` listing what failed. */
export function assembleForm(parts: ReadParts, report: ReportBuilder, fallbackYear: number): Form {
  const { header } = parts;
  if (!header.name && !parts.funding && parts.indicators.length === 0) {
    throw new ZipingError('import_unreadable', '没有识别出自评表：找不到项目名称、项目资金和绩效指标', {
      issues: report.unread.map((u) => ({ path: u.from, code: 'unread', message: u.why })),
    });
  }
  if (header.year === null)
    report.infer('year', fallbackYear, `表中未找到“XXXX年度”，按 ${fallbackYear} 年填入，请核对`);
  if (!header.name) report.infer('project.name', UNKNOWN_NAME, '表中未找到项目名称，请填写');
  const input: FormInput = {
    formType: header.formType,
    year: header.year ?? fallbackYear,
    project: {
      name: header.name || UNKNOWN_NAME,
      department: header.department,
      implementer: header.implementer,
      manager: header.manager,
      phone: header.phone,
    },
    ...(parts.funding ? { funding: parts.funding } : {}),
    ...(parts.goals ? { goals: parts.goals } : {}),
    indicators: parts.indicators,
    ...(parts.selfTotal !== null ? { selfTotal: parts.selfTotal } : {}),
  };
  const result = FormSchema.safeParse(input);
  if (!result.success) {
    const issues = fieldIssuesOf(result.error);
    const first = `${issues[0]!.path} ${issues[0]!.message}`;
    throw new ZipingError('import_unreadable', `导入的表单有${issues.length}处无法使用：${first}`, { issues });
  }
  return result.data;
}
