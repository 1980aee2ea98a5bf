import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { checkFieldLabels, parseFieldSelector, parseSelector } from './selectors.ts';

describe('parseSelector: round trip (labels selector_test.go TestSelectorParse/TestToString)', () => {
  const good: Array<[string, string]> = [
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['z,y notin (jkl),x in (def,abc)', 'x in (abc,def),y notin (jkl),z'],
    ['x in (in)', 'x in (in)'],
    ['x==abc', 'x==abc'],
    ['z notin ()', 'z notin ()'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['environment in (production, qa), tier notin (frontend)', 'environment in (production,qa),tier notin (frontend)'],
  ];
  it.each(good)('%j → %j', (input, want) => {
    expect(parseSelector(input).toString()).toBe(want);
  });
});

describe('parseSelector: errors', () => {
  const keyMsg =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const bad: Array<[string, string]> = [
    ['x=a||y=b', "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['-a', `unable to parse requirement: <nil>: Invalid value: "-a": ${keyMsg}`],
    ['a,', "found '', expected: identifier after ','"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['x exists', "unable to parse requirement: found 'exists', expected: in, notin, =, ==, !=, gt, lt"],
  ];
  it.each(bad)('%j', (input, msg) => {
    expect(() => parseSelector(input)).toThrow(msg);
  });
});

describe('parseSelector: matching (TestRequirementSelectorMatching)', () => {
  const cases: Array<[string, Record<string, string>, boolean]> = [
    ['x in (foo),y notin (alpha)', { x: 'foo', y: 'baz' }, true],
    ['x in (foo),y in (alpha)', { x: 'foo', y: 'baz' }, false],
    ['x notin (),y', { y: '' }, true],
    ['!x,y', { y: '' }, true],
    ['x notin (),!y', { y: '' }, false],
    ['x in ()', { y: 'baz' }, false],
    ['z>1', { z: '2' }, true],
    ['z>1', { z: 'v2' }, false],
    ['app=web', { app: 'web', tier: 'fe' }, true],
    ['app!=web', {}, true],
    ['', { any: 'thing' }, true],
  ];
  it.each(cases)('%j on %j', (sel, labels, want) => {
    expect(parseSelector(sel).matches(labels)).toBe(want);
  });
});

describe('parseFieldSelector (fields selector_test.go)', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'n1' } } as KubeObject;
  const labels = { 'spec.nodeName': (o: KubeObject) => String((o.spec as { nodeName?: string }).nodeName ?? '') };
  const cases: Array<[string, string, boolean]> = [
    ['spec.nodeName=n1', 'spec.nodeName=n1', true],
    ['spec.nodeName==n1', 'spec.nodeName=n1', true],
    ['spec.nodeName!=n1', 'spec.nodeName!=n1', false],
    ['metadata.name=p,spec.nodeName=n1', 'metadata.name=p,spec.nodeName=n1', true],
    ['spec.nodeName=n1,metadata.namespace=other', 'metadata.namespace=other,spec.nodeName=n1', false],
    ['spec.nodeName=', 'spec.nodeName=', false],
    ['metadata.name=a\\,b', 'metadata.name=a\\,b', false],
    ['', '', true],
  ];
  it.each(cases)('%j', (input, str, match) => {
    const s = parseFieldSelector(input);
    expect(s.toString()).toBe(str);
    expect(s.matches(pod, labels)).toBe(match);
  });
  const bad: Array<[string, string]> = [
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a=b\\c', 'invalid field selector: invalid escape sequence: \\c'],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
  ];
  it.each(bad)('%j fails', (input, msg) => {
    expect(() => parseFieldSelector(input)).toThrow(msg);
  });
  it('rejects labels the kind does not support', () => {
    expect(() => checkFieldLabels(parseFieldSelector('foo=bar'), ['metadata.name'])).toThrow('field label not supported: foo');
    expect(() => checkFieldLabels(parseFieldSelector('metadata.name=x'), ['metadata.name'])).not.toThrow();
  });
});
