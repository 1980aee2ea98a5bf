import { MANIFESTS_DIR, STATIC_PODS_SERVICE, type StaticPodsService } from '../kubelet/staticpods.ts';
import type { NodeCommand, NodeCtx } from './context.ts';

/** The node's files the lab models: the kubelet's static pod path on control-plane nodes. */
function dirOf(c: NodeCtx): ReadonlyMap<string, string> {
  return c.rt.service<StaticPodsService>(STATIC_PODS_SERVICE)?.manifests(c.node) ?? new Map();
}

function resolve(path: string): string {
  return path.replace(/\/+$/, '') || '/';
}

/** `ls [-1] [PATH...]` over the modelled files (GNU coreutils' messages for the rest). */
export const ls: NodeCommand = (c) => {
  const paths = c.args.filter((a) => !a.startsWith('-'));
  let code = 0;
  const targets = paths.length ? paths : ['/root'];
  for (const [i, raw] of targets.entries()) {
    const p = resolve(raw);
    const files = dirOf(c);
    if (targets.length > 1) c.out(`${i > 0 ? '\n' : ''}${raw}:\n`);
    if (p === MANIFESTS_DIR) {
      const names = [...files.keys()].sort();
      if (names.length) c.out(names.join('\n') + '\n');
    } else if (p === '/root') {
      // root's home is empty
    } else if (p.startsWith(MANIFESTS_DIR + '/') && files.has(p.slice(MANIFESTS_DIR.length + 1))) {
      c.out(`${raw}\n`);
    } else if (p === '/etc/kubernetes' && files.size) {
      c.out('admin.conf\ncontroller-manager.conf\nkubelet.conf\nmanifests\npki\nscheduler.conf\nsuper-admin.conf\n');
    } else if (p === '/etc/kubernetes') {
      c.out('kubelet.conf\nmanifests\npki\n');
    } else {
      c.err(`ls: cannot access '${raw}': No such file or directory\n`);
      code = 2;
    }
  }
  return code;
};

/** `cat FILE...` of the modelled files. */
export const cat: NodeCommand = (c) => {
  let code = 0;
  for (const raw of c.args) {
    const p = resolve(raw);
    const text = p.startsWith(MANIFESTS_DIR + '/') ? dirOf(c).get(p.slice(MANIFESTS_DIR.length + 1)) : undefined;
    if (text !== undefined) c.out(text);
    else if (p === MANIFESTS_DIR || p === '/etc/kubernetes') {
      c.err(`cat: ${raw}: Is a directory\n`);
      code = 1;
    } else {
      c.err(`cat: ${raw}: No such file or directory\n`);
      code = 1;
    }
  }
  return code;
};
