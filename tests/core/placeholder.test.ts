import { describe, expect, it } from 'vitest';
import { isFillerText, isPlaceholder } from '../../src/core/parse/placeholder.js';
import { gradeWord } from '../../src/core/parse/qualitative.js';

describe('isFillerText: a narrative that says nothing (临翔, 廊坊, dyrmt)', () => {
  it.each([
    [null, true],
    [undefined, true],
    ['', true],
    ['  \n', true],
    ['无', true],
    ['暂无', true],
    ['暂无/暂无', true],
    ['无。', true],
    [' 无 偏差 ', true],
    ['无偏差原因。', true],
    ['不存在偏差；', true],
    ['同上，见上', true],
    ['已完成', true],
    ['—', true],
    ['——', true],
    ['0', true],
    ['０', true],
    ['略', true],
    ['偏差', false],
    ['05', false],
    ['0.5', false],
    ['^', false],
    ['无偏差，因合同签订延迟', false],
    ['合同签订延迟', false],
    ['设定2022年数量指标时，年度指标具备不确定性，因此预设值相对保守。', false],
  ])('%j → %s', (text, filler) => {
    expect(isFillerText(text)).toBe(filler);
  });
});

describe('gradeWord: a short text that is a grade on its own', () => {
  it.each([
    ['达成预期指标', '达成'],
    ['按时完成。', '达成'],
    ['基本完成', '部分达成'],
    ['未完成', '未达成'],
    ['一二三四五六七八九十一二三四完成。', '达成'],
    ['一二三四五六七八九十一二三四五完成', null],
    ['已完成北京大学第一医院开展100名患者入组的数字疗法研究并发布', null],
  ])('%j → %s', (text, grade) => {
    expect(gradeWord(text)).toBe(grade);
  });
});

describe('isPlaceholder: a cell that holds only a template mark (scoring-rules.md §9.3)', () => {
  it.each([
    [null, false],
    ['', false],
    ['   ', false],
    ['—', true],
    [' - ', true],
    ['／', true],
    ['＊', true],
    ['……', true],
    ['无', true],
    ['暂无', true],
    ['空', true],
    ['null', true],
    ['N/A', true],
    ['不适用', true],
    ['指标1:', true],
    ['\u3000指标 12：', true],
    ['无偏差', false],
    ['≥6个', false],
    ['100%', false],
    ['1', false],
    ['4', false],
    ['指标值', false],
    ['nothing', false],
  ])('%j → %s', (text, placeholder) => {
    expect(isPlaceholder(text)).toBe(placeholder);
  });
});
