/** $(VAR) expansion of command and args, cases after third_party/forked/golang/expansion/expand_test.go. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { expandVars } from './expand.ts';

const env = new Map([
  ['VAR_A', 'A'],
  ['VAR_B', 'B'],
  ['VAR_C', 'C'],
  ['VAR_REF', '$(VAR_A)'],
  ['VAR_EMPTY', ''],
]);

describe('expandVars', () => {
  it.each([
    ['whole string', '$(VAR_A)', 'A'],
    ['repeat', '$(VAR_A)-$(VAR_A)', 'A-A'],
    ['multiple', '$(VAR_A)-$(VAR_B)', 'A-B'],
    ['pre and post', 'pre-$(VAR_A)-post', 'pre-A-post'],
    ['expansion of a reference is not recursive', '$(VAR_REF)', '$(VAR_A)'],
    ['empty value', 'x$(VAR_EMPTY)y', 'xy'],
    ['undefined stays', 'foo$(VAR_Awhoops!)', 'foo$(VAR_Awhoops!)'],
    ['escaped', '$$(VAR_B)', '$(VAR_B)'],
    ['escaped dollar', 'f00__(VAR_A)__$$', 'f00__(VAR_A)__$'],
    ['unterminated', '$(VAR_A', '$(VAR_A'],
    ['trailing dollar', 'foo$', 'foo$'],
    ['dollar and other char', '$VAR_A', '$VAR_A'],
    ['empty name', '$()', '$()'],
  ])('%s: %s → %s', (_n, input, want) => expect(expandVars(input, env)).toBe(want));
});

describe('command and args are expanded from the container environment', () => {
  it('the docs example (Define a command and arguments: use environment variables)', () => {
    const c = createCluster({ seed: 1 });
    c.writeFile(
      'p.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: command-demo\nspec:\n  restartPolicy: OnFailure\n  containers:\n  - name: c\n    image: busybox\n' +
        '    env:\n    - name: MESSAGE\n      value: "hello world"\n    command: ["/bin/echo"]\n    args: ["$(MESSAGE)", "$(MISSING)", "$$(MESSAGE)"]\n',
    );
    c.run('kubectl apply -f p.yaml');
    c.run('sleep 20');
    expect(c.run('kubectl logs command-demo').stdout).toBe('hello world $(MISSING) $(MESSAGE)\n');
  });
});
