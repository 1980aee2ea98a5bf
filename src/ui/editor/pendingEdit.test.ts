// kubectl's reasons in a reopened edit file (editoptions.go writes `# <head>:` and `# * <cause>` lines above
// the edited body) become markers on the lines they name.
import { describe, expect, it } from 'vitest';
import { editCommand } from '../inspector/editCommand.ts';
import { reasonMarks } from './pendingEdit.ts';

const HEADER = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";
const BODY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: -1\n  template:\n    spec:\n      containers:\n      - image: ""\n        name: web\n';

describe('reasonMarks', () => {
  const cases: Array<{ name: string; reasons: string; submitted?: string; want: Array<{ line: number; message: string }> }> = [
    {
      name: 'a field cause marks its line',
      reasons: '# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n',
      want: [{ line: 13, message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' }],
    },
    {
      name: 'several causes, a nested one included',
      reasons: '# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n# * spec.template.spec.containers[0].image: Required value\n#\n',
      want: [
        { line: 14, message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
        { line: 18, message: 'spec.template.spec.containers[0].image: Required value' },
      ],
    },
    {
      name: 'a syntax error counts lines of the saved file',
      reasons: '# The edited file had a syntax error: error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context\n#\n',
      submitted: HEADER + BODY,
      want: [{ line: 7 + 9 - 1 - 4, message: 'The edited file had a syntax error: error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context' }],
    },
  ];
  for (const tc of cases) it(tc.name, () => expect(reasonMarks(HEADER + tc.reasons + BODY, tc.submitted)).toEqual(tc.want));
});

describe('editCommand', () => {
  it.each([
    [{ kind: 'Deployment', name: 'web', namespace: 'default' }, 'kubectl edit deployment/web -n default'],
    [{ kind: 'Node', name: 'worker-1' }, 'kubectl edit node/worker-1'],
  ])('%j', (ref, want) => expect(editCommand(ref)).toBe(want));
});
