// Cases adapted from upstream client-go util/jsonpath/jsonpath_test.go (TestJSONInput, TestStructInput with
// the data as decoded JSON maps, TestKubernetes) and its parser error cases.
import { describe, expect, it } from 'vitest';
import { JsonPath } from './jsonpath.ts';

function run(template: string, data: unknown, allowMissing = true): string {
  const j = new JsonPath('test');
  j.allowMissingKeys = allowMissing;
  j.parse(template);
  return j.execute(data);
}

const store = {
  Name: 'jsonpath',
  Book: [
    { Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95 },
    { Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99 },
    { Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99 },
  ],
  Bicycle: [
    { Color: 'red', Price: 19.95, IsNew: true },
    { Color: 'green', Price: 20.01, IsNew: false },
  ],
  Labels: { 'web/html': 15, 'k8s-app': 20 },
  Employees: { jason: 'manager', dan: 'clerk' },
};

const nodes = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: { capacity: { cpu: '8' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.2' }, { type: 'another', address: '127.0.0.3' }] },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

describe('jsonpath execution', () => {
  it.each([
    ['plain', 'hello jsonpath', null, 'hello jsonpath'],
    ['recursive', '{..}', [1, 2, 3], '[1,2,3]'],
    ['filter', '{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
    ['quote', '{"{"}', null, '{'],
    ['union', '{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
    ['array', '{[0:2]}', ['Monday', 'Tudesday'], 'Monday Tudesday'],
    ['variable', 'hello {.Name}', store, 'hello jsonpath'],
    ['dict/', '{$.Labels.web/html}', store, '15'],
    ['dict/ employees', '{$.Employees.jason}', store, 'manager'],
    ['dict-', '{.Labels.k8s-app}', store, '20'],
    ['nest', '{.Bicycle[*].Color}', store, 'red green'],
    ['allarray', '{.Book[*].Author}', store, 'Nigel Rees Evelyn Waugh Herman Melville'],
    ['allfields (keys in sorted order)', '{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', store, '{red true 19.95} {green false 20.01} '],
    ['recurfields (map keys in sorted order)', '{..Price}', store, '19.95 20.01 8.95 12.99 8.99'],
    ['recurdotfields', '{...Price}', store, '19.95 20.01 8.95 12.99 8.99'],
    ['allstructsSlice', '{.Bicycle}', store, '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]'],
    ['lastarray', '{.Book[-1:]}', store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ['recurarray', '{..Book[2]}', store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ['bool filter', '{.Bicycle[?(@.IsNew==true)].Color}', store, 'red'],
    ['range nodes', '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', nodes, '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ['item name', '{.items[0].metadata.name}', nodes, '127.0.0.1'],
    ['union fields', '{.items[1].status.addresses[0,1].address}', nodes, '127.0.0.2 127.0.0.3'],
    ['filter on string', '{.items[*].status.addresses[?(@.type=="another")].address}', nodes, '127.0.0.3'],
    ['escaped dot in key', '{.items[0].metadata.labels.kubernetes\\.io/hostname}', nodes, '127.0.0.1'],
    // A bracketed key is re-parsed as a field path, so its dots still split it (upstream behaviour).
    ['quoted dict key with dots', "{.items[0].metadata.labels['kubernetes.io/hostname']}", nodes, ''],
    ['quoted dict key', "{.items[0].metadata['name']}", nodes, '127.0.0.1'],
    ['exists filter', '{.users[?(@.user.password)].name}', nodes, 'e2e'],
    ['newline text', '{range .items[*]}{.metadata.name}{"\\n"}{end}', nodes, '127.0.0.1\n127.0.0.2\n'],
    ['missing key is empty', '{.nope}', nodes, ''],
    ['null prints null', '{.a}', { a: null }, 'null'],
    ['empty range prints nothing after it', '{range .x[*]}{.y}{end}after', { x: [] }, ''],
  ])('%s', (_n, template, data, want) => expect(run(template, data)).toBe(want));

  it('jsonpath-as-json wraps each action in an indented array', () => {
    const j = new JsonPath('t');
    j.outputJson = true;
    j.parse('{.items[*].metadata.name}');
    expect(j.execute(nodes)).toBe('[\n    "127.0.0.1",\n    "127.0.0.2"\n]\n');
  });
});

describe('jsonpath errors', () => {
  it.each([
    ['unclosed action', '{.hello', 'unclosed action'],
    ['unterminated array', '{[1}', 'unterminated array'],
    ['invalid array index', '{[a]}', 'invalid array index a'],
    ['unterminated filter', '{[?(.price]}', 'unterminated filter'],
    ['unterminated quote', '{"hello}', 'unterminated quoted string'],
    ['invalid multiple recursive descent', '{........}', 'invalid multiple recursive descent'],
  ])('parse: %s', (_n, template, msg) => expect(() => new JsonPath('t').parse(template)).toThrow(msg));

  it.each([
    ['index out of bounds', '{.items[5]}', nodes, 'array index out of bounds: index 5, length 2'],
    ['not an array', '{.items[0].metadata[0]}', nodes, 'map[string]interface {} is not array or slice'],
    ['missing key when not allowed', '{.nope}', nodes, 'nope is not found'],
    ['unmatched end', '{end}', nodes, 'not in range, nothing to end'],
  ])('execute: %s', (_n, template, data, msg) => expect(() => run(template, data, false)).toThrow(msg));
});
