/** The JSON object a model answered with, for the model's help in import and export. */

/** The JSON object in a model's answer (it may wrap it in ``` fences or a sentence); throws when there is none. */
export function jsonOf(answer: string): unknown {
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  if (start < 0 || end <= start) throw new SyntaxError('no JSON object');
  return JSON.parse(answer.slice(start, end + 1));
}
