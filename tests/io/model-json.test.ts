/** The JSON object in a model's answer: the one reader behind import help and the report prose. */
import { describe, expect, it } from 'vitest';
import { jsonOf } from '../../src/io/model-json.js';

describe('jsonOf', () => {
  it.each([
    ['{"parts":[["本项目"]]}', { parts: [['本项目']] }],
    ['```json\n{"indicators":[]}\n```', { indicators: [] }],
    ['好的，结果如下：{"indicators":[{"from":0}]} 请核对。', { indicators: [{ from: 0 }] }],
  ])('%j', (answer, value) => {
    expect(jsonOf(answer)).toEqual(value);
  });

  it.each([['没有 JSON'], ['}{'], ['好的，结果如下：{"indicators": [{"from": 0, "name": "检测次数",'], ['{"a":}']])(
    'throws for %j',
    (answer) => {
      expect(() => jsonOf(answer)).toThrow(SyntaxError);
    },
  );
});
