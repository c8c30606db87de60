/**
 * Work of the requests in flight run together (src/app/cohort.ts, issue #9): calls of one turn run in
 * the next, in order, each with its own answer or error, at most COHORT_LIMIT a turn; and a server
 * scoring many different real forms at once answers each with that form's own report.
 */
import { describe, expect, it } from 'vitest';
import { scoreForm } from '../../src/core/index.js';
import { COHORT_LIMIT, cohort, type NextTurn } from '../../src/app/cohort.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';
import { jsonOf, startTestServer } from '../support/server.js';

/** setImmediate, recording which inputs each turn worked on. */
function recordedTurns(): { nextTurn: NextTurn; turns: number[][] } {
  const turns: number[][] = [];
  const nextTurn: NextTurn = (run) =>
    setImmediate(() => {
      turns.push([]);
      run();
    });
  return { nextTurn, turns };
}

describe('cohort', () => {
  it('runs the calls made in one turn together in the next, in order, each with its own result', async () => {
    const { nextTurn, turns } = recordedTurns();
    const doubled = cohort((n: number) => {
      turns.at(-1)!.push(n);
      return n * 2;
    }, nextTurn);
    const first = [1, 2, 3].map(doubled);
    expect(turns).toEqual([]);
    expect(await Promise.all(first)).toEqual([2, 4, 6]);
    expect(await doubled(4)).toBe(8);
    expect(turns).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects only the call whose work threw', async () => {
    const { nextTurn } = recordedTurns();
    const checked = cohort((n: number) => {
      if (n < 0) throw new RangeError(`负数 ${n}`);
      return n;
    }, nextTurn);
    const results = await Promise.allSettled([checked(1), checked(-2), checked(3)]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new RangeError('负数 -2') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  it('runs at most COHORT_LIMIT calls a turn and answers the rest in the turns after', async () => {
    const { nextTurn, turns } = recordedTurns();
    const same = cohort((n: number) => {
      turns.at(-1)!.push(n);
      return n;
    }, nextTurn);
    const inputs = Array.from({ length: COHORT_LIMIT * 2 + 3 }, (_, i) => i);
    expect(await Promise.all(inputs.map(same))).toEqual(inputs);
    expect(turns.map((t) => t.length)).toEqual([COHORT_LIMIT, COHORT_LIMIT, 3]);
    expect(turns.flat()).toEqual(inputs);
  });

  it('works at once without a scheduler, a throw becoming a rejection', async () => {
    const seen: number[] = [];
    const direct = cohort((n: number) => {
      if (n < 0) throw new RangeError('负数');
      seen.push(n);
      return n + 1;
    }, undefined);
    const answer = direct(5);
    expect(seen).toEqual([5]);
    expect(await answer).toBe(6);
    await expect(direct(-1)).rejects.toThrow('负数');
  });
});

describe('POST /api/score with many requests in flight', () => {
  it('answers each of many concurrent requests with its own form’s report', async () => {
    const server = await startTestServer();
    try {
      const ids = fixtureIds();
      const profiles = ['mof-2020', 'beijing', 'hubei'];
      const requests = Array.from({ length: 3 * ids.length }, (_, i) => ({
        form: fixtureForm(ids[i % ids.length]!),
        profile: profiles[i % profiles.length]!,
      }));
      const answers = await Promise.all(
        requests.map(async ({ form, profile }) => {
          const response = await server.send(`/api/score?profile=${profile}`, form);
          return { status: response.status, body: await jsonOf(response) };
        }),
      );
      answers.forEach((answer, i) => {
        const { form, profile } = requests[i]!;
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual(JSON.parse(JSON.stringify(scoreForm(form, { profile }))));
      });
    } finally {
      await server.stop();
    }
  });
});
