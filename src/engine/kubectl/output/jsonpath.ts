/**
 * kubectl's JSONPath dialect (client-go util/jsonpath): templates mixing text and `{...}` actions, with
 * fields, `[n]`, slices `[a:b:c]`, unions `[0,1]`, `[*]`, `..` recursive descent, filters `[?(@.x=="y")]`,
 * `range`/`end`, quoted text `{"\n"}`. Results print as kubectl prints them: scalars as text, maps and lists
 * as compact JSON, several results separated by spaces. Error messages are upstream's.
 */
import { JsonPath } from './jsonpath/eval.ts';

export { JsonPath } from './jsonpath/eval.ts';
export { JsonPathError } from './jsonpath/nodes.ts';
export { goPrint, goSyntax } from './jsonpath/values.ts';

/** Parse a template; throws JsonPathError with the parser's message. */
export function parseJsonPath(template: string, name = 'out'): JsonPath {
  const j = new JsonPath(name);
  j.parse(template);
  return j;
}
