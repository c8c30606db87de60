/**
 * GET /api/forms/:id/export.xlsx and .docx over real HTTP: content types, the Chinese file name
 * (RFC 5987 filename*), the file read back from its XML, totals equal to the API's score report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocxXml, readSheetXml } from '../support/ooxml.js';
import { seedInput } from '../support/seed-forms.js';
import { jsonOf, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let id: string;
let report: Record<string, any>;
beforeAll(async () => {
  server = await startTestServer();
  const input = seedInput();
  input.project.name = "智源(二期)'建设/=SUM(1)";
  const created = await jsonOf(await server.send('/api/forms', input));
  id = created.id;
  report = created.report;
});
afterAll(async () => {
  await server.stop();
});

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe('GET /api/forms/:id/export.*', () => {
  it('.xlsx: the spreadsheet type, a UTF-8 file name, the 总分 of the report', async () => {
    const response = await server.request(`/api/forms/${id}/export.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="ziping-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent('2022年度智源')}%28${encodeURIComponent('二期')}%29%27${encodeURIComponent('建设=SUM')}%281%29${encodeURIComponent('绩效自评表')}.xlsx`,
    );
    const sheet = readSheetXml(await bytesOf(response));
    expect(sheet.cells.get('C3')).toEqual({ type: 's', value: "智源(二期)'建设/=SUM(1)", formula: null });
    expect(sheet.cells.get('I29')?.value).toBe(report.selfTotal);
    expect(sheet.cells.get('J7')?.value).toBe(report.funding.score);
  });

  it('.docx: the Word type, the table and the report; ?parts=table leaves the report out', async () => {
    const both = await server.request(`/api/forms/${id}/export.docx`);
    expect(both.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(both.headers.get('content-disposition')).toContain(`filename*=UTF-8''`);
    expect(decodeURIComponent(both.headers.get('content-disposition')!.split("''")[1]!)).toBe(
      "2022年度智源(二期)'建设=SUM(1)绩效自评表及自评报告.docx",
    );
    const doc = readDocxXml(await bytesOf(both));
    expect(doc.tables).toHaveLength(1);
    expect(doc.paragraphs.join('\n')).toContain(`评价等级为“${report.grade}”`);
    const table = readDocxXml(await bytesOf(await server.request(`/api/forms/${id}/export.docx?parts=table`)));
    expect(table.paragraphs).not.toContain('五、自评结论');
  });

  it.each([
    ['/api/forms/nope/export.xlsx', 404, 'not_found'],
    ['/api/forms/nope/export.docx', 404, 'not_found'],
    ['/api/forms/{id}/export.docx?parts=all', 400, 'invalid_request'],
  ])('%s answers %i %s as JSON', async (path, status, code) => {
    const response = await server.request(path.replace('{id}', id));
    expect(response.status).toBe(status);
    expect((await jsonOf(response)).error.code).toBe(code);
  });
});
