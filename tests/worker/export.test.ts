/** Export in workerd: the Worker stores the seed in D1 and answers .xlsx and .docx with their cells. */
import { afterEach, describe, expect, it } from 'vitest';
import { workerApp } from '../../src/entry/worker.js';
import seed from '../support/baai-2022.seed.json' with { type: 'json' };
import { readDocxXml, readSheetXml } from '../support/ooxml.js';
import { freshD1, resetD1 } from './d1.js';

describe('export in workerd', () => {
  afterEach(resetD1);

  it('answers export.xlsx and export.docx for a stored form', async () => {
    const app = workerApp({ DB: await freshD1() });
    const created = await app.request('http://ziping.test/api/forms', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(seed),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const xlsx = await app.request(`http://ziping.test/api/forms/${id}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    const sheet = readSheetXml(new Uint8Array(await xlsx.arrayBuffer()));
    expect([sheet.cells.get('C3')?.value, sheet.cells.get('I29')?.value]).toEqual(['北京智源人工智能研究院建设', 89]);
    const docx = await app.request(`http://ziping.test/api/forms/${id}/export.docx`);
    expect(docx.status).toBe(200);
    expect(readDocxXml(new Uint8Array(await docx.arrayBuffer())).paragraphs).toContain('五、自评结论');
  });
});
