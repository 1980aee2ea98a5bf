// `kubectl annotate`: the label machinery with annotate.go's parsing and messages.
import { registerCommand } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { metaUpdateFlags, runMetaUpdate, type MetaUpdateKind } from './label.ts';

const annotateKind: MetaUpdateKind = {
  verb: 'annotate',
  field: 'annotations',
  parse(specs) {
    const set: Record<string, string> = {};
    const remove: string[] = [];
    for (const s of specs) {
      if (s.includes('=')) {
        const i = s.indexOf('=');
        if (i === 0) throw new KubectlError(`invalid annotation format: ${s}`);
        set[s.slice(0, i)] = s.slice(i + 1);
      } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
      else throw new KubectlError(`invalid annotation format: ${s}`);
    }
    const both = remove.filter((k) => k in set);
    if (both.length > 0) throw new KubectlError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
    return { set, remove };
  },
  checkOverwrite(current, set) {
    const found = Object.keys(set)
      .filter((k) => k !== 'kubernetes.io/change-cause' && k in current && current[k] !== set[k])
      .map((k) => `'${k}' already has a value (${current[k]})`);
    if (found.length > 0) throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${found.join('; ')}`);
  },
  message: () => 'annotated',
  listHeader: 'Listing annotations for',
};

registerCommand({
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: metaUpdateFlags('annotate'),
  run: (ctx, args) => runMetaUpdate(annotateKind, ctx, args),
});
