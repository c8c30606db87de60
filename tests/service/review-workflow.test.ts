/**
 * The review workflow over real HTTP (issue #12) against a real server (lowdb in a temp folder, or
 * PostgreSQL in the postgres-http project): submit, marks, return with reasons, resubmit, accept,
 * moves the table does not have, and the unit's edits refused while the form is submitted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheetXml } from '../support/ooxml.js';
import { seedInput } from '../support/seed-forms.js';
import { jsonOf, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

type Json = Record<string, any>;

async function createForm(name: string): Promise<Json> {
  const form = seedInput();
  form.project.name = name;
  const response = await server.send('/api/forms', form);
  expect(response.status).toBe(201);
  return jsonOf(response);
}

/** POSTs a transition and returns status and body. */
async function act(id: string, action: string, body: Json = {}, user?: string): Promise<[number, Json]> {
  const headers = user ? { 'X-Ziping-User': encodeURIComponent(user) } : undefined;
  const response = await server.send(`/api/forms/${id}/${action}`, body, headers ? { headers } : {});
  return [response.status, await jsonOf(response)];
}

async function mark(id: string, body: Json): Promise<[number, Json]> {
  const response = await server.send(`/api/forms/${id}/review`, body, { method: 'PUT' });
  return [response.status, await jsonOf(response)];
}

async function reviewOf(id: string): Promise<Json> {
  return jsonOf(await server.request(`/api/forms/${id}/review`));
}

async function listed(id: string): Promise<Json> {
  const page = await jsonOf(await server.request('/api/forms?limit=100'));
  return page.items.find((s: Json) => s.id === id);
}

describe('review workflow through the API', () => {
  it('goes 草稿 → 已提交 → 已退回 → 已提交 → 已通过 with marks, reasons and who did what', async () => {
    const created = await createForm('审核流程全程');
    const id = created.id as string;
    const fresh = await reviewOf(id);
    expect(fresh).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      locked: false,
      revision: 0,
      actions: ['submit'],
    });
    expect((await listed(id)).reviewStatus).toBe('draft');

    const [submitStatus, submitted] = await act(id, 'submit', { version: 1 }, '张填报');
    expect(submitStatus).toBe(200);
    expect(submitted).toMatchObject({ status: 'submitted', statusLabel: '已提交', locked: true, formVersion: 1 });
    expect(submitted.actions).toEqual(['return', 'accept']);
    expect(submitted.canMark).toBe(true);
    expect(submitted.transitions).toEqual([
      expect.objectContaining({ action: 'submit', from: 'draft', to: 'submitted', by: '张填报', reasons: [] }),
    ]);
    expect((await listed(id)).reviewStatus).toBe('submitted');

    // The reviewer marks row 2 (分值 5) and row 6, 支持智源学者 (分值 3), and the whole form
    const [markStatus, marked] = await mark(id, {
      rows: [
        { index: 5, score: 2, comment: '学者人数超出上限，偏差原因不充分' },
        { index: 1, score: 5, comment: '' },
      ],
      overall: { score: 86, comment: '总体完成较好' },
    });
    expect(markStatus).toBe(200);
    expect(marked.rows).toEqual([
      { index: 1, score: 5, comment: '' },
      { index: 5, score: 2, comment: '学者人数超出上限，偏差原因不充分' },
    ]);
    expect(marked.overall).toEqual({ score: 86, comment: '总体完成较好' });
    // The form itself is untouched: same version, same self scores
    const form = await jsonOf(await server.request(`/api/forms/${id}`));
    expect(form.version).toBe(1);
    expect(form.form).toEqual(created.form);

    const [returnStatus, returned] = await act(
      id,
      'return',
      { reasons: ['第6行偏差原因未说明超出原因', ' '] },
      '李审核',
    );
    expect(returnStatus).toBe(200);
    expect(returned).toMatchObject({ status: 'returned', statusLabel: '已退回', locked: false, actions: ['submit'] });
    expect(returned.transitions.at(-1)).toMatchObject({
      action: 'return',
      by: '李审核',
      reasons: ['第6行偏差原因未说明超出原因'],
    });

    // Returned: the unit may edit again, then resubmits the new version
    const edited = structuredClone(form.form);
    edited.indicators[5].deviation = '学者人数超出上限，系年中增设青年学者计划所致，已调整下年指标值。';
    const put = await server.send(`/api/forms/${id}`, edited, { method: 'PUT', headers: { 'If-Match': '"1"' } });
    expect(put.status).toBe(200);
    const [resubmitStatus, resubmitted] = await act(id, 'submit', { version: 2 });
    expect(resubmitStatus).toBe(200);
    expect(resubmitted).toMatchObject({ status: 'submitted', formVersion: 2 });
    expect(resubmitted.rows).toHaveLength(2);

    const [acceptStatus, accepted] = await act(id, 'accept', {}, '李审核');
    expect(acceptStatus).toBe(200);
    expect(accepted).toMatchObject({ status: 'accepted', statusLabel: '已通过', locked: true, actions: [] });
    expect(accepted.transitions.map((t: Json) => `${t.from}→${t.to}`)).toEqual([
      'draft→submitted',
      'submitted→returned',
      'returned→submitted',
      'submitted→accepted',
    ]);
    expect((await listed(id)).reviewStatus).toBe('accepted');
    expect(await reviewOf(id)).toEqual(accepted);

    // The exports carry the review: a 审核意见 sheet with the reviewer's marks
    const xlsx = new Uint8Array(await (await server.request(`/api/forms/${id}/export.xlsx`)).arrayBuffer());
    const sheet = readSheetXml(xlsx, 2);
    expect(sheet.cells.get('A1')?.value).toBe('审核意见');
    expect(sheet.cells.get('G9')?.value).toBe(2);
    expect(sheet.cells.get('H9')?.value).toBe('学者人数超出上限，偏差原因不充分');
  });

  it('refuses a return without reasons, naming the field', async () => {
    const { id } = await createForm('退回须有理由');
    await act(id, 'submit');
    for (const body of [{}, { reasons: [] }, { reasons: ['  '] }]) {
      const [status, error] = await act(id, 'return', body);
      expect(status).toBe(400);
      expect(error.error.code).toBe('invalid_request');
      expect(error.error.issues[0].path).toBe('reasons');
      expect(error.error.message).toContain('理由');
    }
    expect((await reviewOf(id)).status).toBe('submitted');
  });

  const illegal: [string, string[], string, string][] = [
    ['accept a draft', [], 'accept', 'draft'],
    ['return a draft', [], 'return', 'draft'],
    ['submit twice', ['submit'], 'submit', 'submitted'],
    ['accept a returned form', ['submit', 'return'], 'accept', 'returned'],
    ['return an accepted form', ['submit', 'accept'], 'return', 'accepted'],
    ['resubmit an accepted form', ['submit', 'accept'], 'submit', 'accepted'],
  ];
  it.each(illegal)('refuses to %s with 409 invalid_transition', async (_name, before, action, status) => {
    const { id } = await createForm(`非法流转 ${_name}`);
    for (const step of before) expect((await act(id, step, { reasons: ['理由'] }))[0]).toBe(200);
    const [code, error] = await act(id, action, { reasons: ['理由'] });
    expect(code).toBe(409);
    expect(error.error).toMatchObject({ code: 'invalid_transition', status, action });
    expect(error.error.message).toMatch(/不能/);
    expect((await reviewOf(id)).status).toBe(status);
  });

  it('refuses marks unless submitted, and marks that break the form rows', async () => {
    const { id } = await createForm('审核得分检查');
    const [draftStatus, draftError] = await mark(id, { overall: { score: 80, comment: '' } });
    expect(draftStatus).toBe(409);
    expect(draftError.error.code).toBe('invalid_transition');
    await act(id, 'submit');
    const bad: [Json, string, string][] = [
      [{ rows: [{ index: 5, score: 3.5 }] }, 'rows.0.score', '超过该指标分值 3'],
      [{ rows: [{ index: 999, score: 1 }] }, 'rows.0.index', '第 1000 行指标不存在'],
      [
        {
          rows: [
            { index: 1, score: 1 },
            { index: 1, score: 2 },
          ],
        },
        'rows.1.index',
        '重复',
      ],
      [{ rows: [{ index: 1, score: -1 }] }, 'rows.0.score', '非负数'],
      [{ overall: { score: 101 } }, 'overall.score', '不能大于100'],
    ];
    for (const [body, path, text] of bad) {
      const [status, error] = await mark(id, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(error.error.issues.map((i: Json) => i.path)).toContain(path);
      expect(JSON.stringify(error.error)).toContain(text);
    }
    expect((await reviewOf(id)).revision).toBe(1);
    const [stale] = await mark(id, { revision: 0, overall: { score: 80, comment: '' } });
    expect(stale).toBe(409);
  });

  it('keeps a submitted or accepted form read-only for its unit: 423 form_locked on every edit route', async () => {
    const created = await createForm('提交后只读');
    const id = created.id as string;
    await act(id, 'submit');
    const edits: [string, string, unknown, Record<string, string>][] = [
      ['PUT', `/api/forms/${id}`, created.form, { 'If-Match': '"1"' }],
      ['DELETE', `/api/forms/${id}`, undefined, { 'If-Match': '"1"' }],
      ['POST', `/api/forms/${id}/drafts`, { field: 'indicators.6.deviation' }, {}],
      ['POST', `/api/forms/${id}/chat`, { field: 'indicators.6.deviation', message: '再简短些' }, {}],
      ['DELETE', `/api/forms/${id}/chat?field=indicators.6.deviation`, undefined, {}],
    ];
    const tryAll = async () => {
      for (const [method, path, body, headers] of edits) {
        const response =
          body === undefined
            ? await server.request(path, { method, headers })
            : await server.send(path, body, { method, headers });
        const error = await jsonOf(response);
        expect(response.status, `${method} ${path}`).toBe(423);
        expect(error.error.code).toBe('form_locked');
        expect(error.error.message).toContain('不能修改');
      }
    };
    await tryAll();
    // Reading, history and exports stay open
    expect((await server.request(`/api/forms/${id}`)).status).toBe(200);
    expect((await server.request(`/api/forms/${id}/history`)).status).toBe(200);
    expect((await server.request(`/api/forms/${id}/export.xlsx`)).status).toBe(200);
    await act(id, 'accept');
    await tryAll();
    expect((await jsonOf(await server.request(`/api/forms/${id}`))).version).toBe(1);
  });

  it('deletes a returned form with its review, and answers 404 for the review of an unknown form', async () => {
    const { id } = await createForm('退回后删除');
    await act(id, 'submit');
    await act(id, 'return', { reasons: ['重填'] });
    const deleted = await server.request(`/api/forms/${id}`, { method: 'DELETE', headers: { 'If-Match': '"1"' } });
    expect(deleted.status).toBe(204);
    expect((await server.request(`/api/forms/${id}/review`)).status).toBe(404);
    expect((await act('0000000000000000', 'submit'))[0]).toBe(404);
  });

  it('refuses a submission of a version the user has not seen', async () => {
    const { id } = await createForm('提交旧版本');
    const [status, error] = await act(id, 'submit', { version: 7 });
    expect(status).toBe(409);
    expect(error.error).toMatchObject({ code: 'version_conflict', currentVersion: 1 });
    expect((await reviewOf(id)).status).toBe('draft');
  });
});
