// `kubectl auth can-i` and `kubectl auth whoami` (staging/src/k8s.io/kubectl/pkg/cmd/auth): answered by the
// same RBAC authorizer that guards every request, as SelfSubjectAccessReview / SelfSubjectRulesReview /
// SelfSubjectReview would be.
import { forbiddenError, nonResourceAttributes, resourceAttributes } from '../../auth/attributes.ts';
import { breakdown, combineResourceGroup, compact, goList, sortRules } from '../../auth/rbac/compact.ts';
import { authService } from '../../auth/service.ts';
import { adminUser, type UserInfo } from '../../auth/user.ts';
import { registerCommand, type CommandSpec, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { tabulate } from '../printers/tabwriter.ts';
import { reconcile } from './auth-reconcile.ts';

const resourceVerbs = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const nonResourceURLVerbs = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
const nonStandardResourceNames = new Set(['users', 'groups']);

function userOf(ctx: KubectlContext): UserInfo {
  return ctx.user ?? adminUser;
}

/** The review itself is a request (create selfsubject*reviews), allowed to every authenticated user by system:basic-user. */
function authorizeReview(ctx: KubectlContext, group: string, resource: string): void {
  const a = resourceAttributes(userOf(ctx), 'create', group, resource);
  const d = authService(ctx.rt).authorize(a);
  if (!d.allowed) throw forbiddenError(a, d.reason);
}

function listAccess(ctx: KubectlContext, noHeaders: boolean): number {
  authorizeReview(ctx, 'authorization.k8s.io', 'selfsubjectrulesreviews');
  const rules = authService(ctx.rt).rbac.rulesFor(userOf(ctx), ctx.namespace);
  const rows = sortRules(compact(rules.flatMap(breakdown)));
  let text = noHeaders ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
  for (const r of rows) text += `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`;
  ctx.out(tabulate(text));
  return 0;
}

const canI: CommandSpec = {
  name: 'can-i',
  short: 'Check whether an action is allowed',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'list', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
  ],
  run(ctx, args) {
    const list = args.bool('list');
    const quiet = args.bool('quiet');
    const all = args.bool('all-namespaces');
    const sub = args.str('subresource');
    const pos = args.positional;
    const warn = (m: string) => ctx.err(`Warning: ${m}\n`);
    if (list) {
      if (pos.length !== 0) throw new KubectlError('list option must be specified with no arguments');
      if (quiet || all || sub) throw new KubectlError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
      return listAccess(ctx, args.bool('no-headers'));
    }
    if (pos.length !== 2) {
      throw new KubectlError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
    }
    const verb = pos[0];
    let url = '';
    let group = '';
    let resource = '';
    let name = '';
    let namespaced = true;
    if (pos[1].startsWith('/')) url = pos[1];
    else {
      const slash = pos[1].indexOf('/');
      const arg = (slash < 0 ? pos[1] : pos[1].slice(0, slash)).toLowerCase();
      name = slash < 0 ? '' : pos[1].slice(slash + 1);
      if (arg === '*') resource = '*';
      else {
        const t = ctx.api.registry.lookup(arg);
        if (t) {
          group = t.group;
          resource = t.plural;
          namespaced = t.namespaced;
        } else {
          const dot = arg.indexOf('.');
          const [r, g] = dot < 0 ? [arg, ''] : [arg.slice(0, dot), arg.slice(dot + 1)];
          if (!nonStandardResourceNames.has(arg)) warn(g ? `the server doesn't have a resource type '${r}' in group '${g}'` : `the server doesn't have a resource type '${r}'`);
          resource = arg;
        }
      }
    }
    const namespace = all ? '' : ctx.namespace;
    if (url) {
      if (sub) throw new KubectlError('--subresource can not be used with NonResourceURL');
      if (!nonResourceURLVerbs.has(verb)) warn(`verb '${verb}' is not a known verb`);
    } else if (resource && !all) {
      if (!namespaced) warn(group ? `resource '${resource}' is not namespace scoped in group '${group}'` : `resource '${resource}' is not namespace scoped`);
      if (!resourceVerbs.has(verb)) warn(`verb '${verb}' is not a known verb`);
    }
    if (args.bool('no-headers')) throw new KubectlError('--no-headers cannot be set without --list specified');
    authorizeReview(ctx, 'authorization.k8s.io', 'selfsubjectaccessreviews');
    const user = userOf(ctx);
    const a = url ? nonResourceAttributes(user, verb, url) : resourceAttributes(user, verb, group, resource, namespace, name, sub);
    const d = authService(ctx.rt).authorize(a);
    if (!quiet) ctx.out(d.allowed ? 'yes\n' : 'no\n');
    return d.allowed ? 0 : 1;
  },
};

const whoami: CommandSpec = {
  name: 'whoami',
  short: 'Experimental: Check self subject attributes',
  flags: [{ name: 'output', short: 'o', type: 'string' }],
  run(ctx, args) {
    authorizeReview(ctx, 'authentication.k8s.io', 'selfsubjectreviews');
    const u = userOf(ctx);
    const out = args.str('output');
    const review = {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: u.name, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) } },
    };
    if (out === 'json') {
      ctx.out(JSON.stringify(review, null, 4) + '\n');
      return 0;
    }
    if (out === 'yaml') {
      ctx.out(`apiVersion: authentication.k8s.io/v1\nkind: SelfSubjectReview\nmetadata:\n  creationTimestamp: null\nstatus:\n  userInfo:\n${u.groups.length ? `    groups:\n${u.groups.map((g) => `    - ${g}\n`).join('')}` : ''}${u.uid ? `    uid: ${u.uid}\n` : ''}    username: ${u.name}\n`);
      return 0;
    }
    if (out) throw new KubectlError(`unable to match a printer suitable for the output format "${out}", allowed formats are: json,yaml`);
    let text = 'ATTRIBUTE\tVALUE\n';
    if (u.name) text += `Username\t${u.name}\n`;
    if (u.uid) text += `UID\t${u.uid}\n`;
    if (u.groups.length > 0) text += `Groups\t${goList(u.groups)}\n`;
    for (const k of Object.keys(u.extra ?? {}).sort()) text += `Extra: ${k}\t${goList(u.extra![k])}\n`;
    ctx.out(tabulate(text));
    return 0;
  },
};

registerCommand({ name: 'auth', short: 'Inspect authorization', subcommands: [canI, reconcile, whoami] });
