// `kubectl create role|clusterrole|rolebinding|clusterrolebinding`: flags, the Complete → Validate → Run
// order and messages of create_role.go and friends.
import type { CommandSpec, KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { completeGenerator } from './complete.ts';
import { createHelp } from './help.ts';
import {
  buildBinding,
  buildClusterRole,
  buildRole,
  completeRoleOptions,
  policyRules,
  validateRoleResources,
  validNonResourceVerbs,
  validResourceVerbs,
} from './rbac.ts';
import { generatorFlags, requireFlag, submitGenerated } from './submit.ts';

function warnVerbs(ctx: KubectlContext, verbs: string[]): void {
  for (const v of verbs) if (!validResourceVerbs.includes(v)) ctx.err(`Warning: '${v}' is not a standard resource verb\n`);
}

function createRole(ctx: KubectlContext, args: ParsedArgs): number {
  const { name, namespace } = completeGenerator(ctx, args, 'kubectl create role');
  const o = completeRoleOptions(args.arr('verb'), args.arr('resource'), args.arr('resource-name'));
  if (o.verbs.length === 0) throw new KubectlError('at least one verb must be specified');
  warnVerbs(ctx, o.verbs);
  if (o.resources.length === 0) throw new KubectlError('at least one resource must be specified');
  validateRoleResources(ctx.api.registry, o.verbs, o.resources);
  submitGenerated(ctx, args, buildRole(name, namespace, policyRules(ctx.api.registry, o.verbs, o.resources, o.names, [])));
  return 0;
}

/** cliflag.MapStringString: `k=v,k2=v2`. */
function parseMap(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    for (const pair of v.split(',')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq < 0) throw new KubectlError(`invalid argument "${v}" for "--aggregation-rule" flag: malformed pair, expect string=string`);
      out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return out;
}

function createClusterRole(ctx: KubectlContext, args: ParsedArgs): number {
  const urls: string[] = [];
  for (const u of args.arr('non-resource-url')) if (!urls.includes(u)) urls.push(u);
  const aggregation = parseMap(args.arr('aggregation-rule'));
  const { name } = completeGenerator(ctx, args, 'kubectl create clusterrole');
  const o = completeRoleOptions(args.arr('verb'), args.arr('resource'), args.arr('resource-name'));
  if (Object.keys(aggregation).length > 0) {
    if (urls.length > 0 || o.verbs.length > 0 || o.resources.length > 0 || o.names.length > 0) {
      throw new KubectlError('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
    }
    submitGenerated(ctx, args, buildClusterRole(name, null, aggregation));
    return 0;
  }
  if (o.verbs.length === 0) throw new KubectlError('at least one verb must be specified');
  if (o.resources.length === 0 && urls.length === 0) throw new KubectlError('one of resource or nonResourceURL must be specified');
  if (o.resources.length > 0) {
    warnVerbs(ctx, o.verbs);
    validateRoleResources(ctx.api.registry, o.verbs, o.resources);
  }
  if (urls.length > 0) {
    for (const v of o.verbs) if (!validNonResourceVerbs.includes(v)) throw new KubectlError(`invalid verb: '${v}' for nonResourceURL`);
    for (const u of urls) {
      if (u === '*') continue;
      if (u === '' || !u.startsWith('/')) throw new KubectlError('nonResourceURL should start with /');
      if (u.slice(0, -1).includes('*')) throw new KubectlError("nonResourceURL only supports wildcard matches when '*' is at the end");
    }
  }
  submitGenerated(ctx, args, buildClusterRole(name, policyRules(ctx.api.registry, o.verbs, o.resources, o.names, urls)));
  return 0;
}

function createRoleBinding(ctx: KubectlContext, args: ParsedArgs): number {
  const { name, namespace } = completeGenerator(ctx, args, 'kubectl create rolebinding');
  const role = args.str('role');
  const clusterRole = args.str('clusterrole');
  if ((clusterRole === '') === (role === '')) throw new KubectlError('exactly one of clusterrole or role must be specified');
  const obj = buildBinding('RoleBinding', {
    name,
    namespace,
    roleKind: role ? 'Role' : 'ClusterRole',
    role: role || clusterRole,
    users: args.arr('user'),
    groups: args.arr('group'),
    serviceAccounts: args.arr('serviceaccount'),
  });
  submitGenerated(ctx, args, obj, { failPrefix: 'failed to create rolebinding: ' });
  return 0;
}

function createClusterRoleBinding(ctx: KubectlContext, args: ParsedArgs): number {
  requireFlag(args, 'clusterrole');
  const { name } = completeGenerator(ctx, args, 'kubectl create clusterrolebinding');
  const obj = buildBinding('ClusterRoleBinding', {
    name,
    roleKind: 'ClusterRole',
    role: args.str('clusterrole'),
    users: args.arr('user'),
    groups: args.arr('group'),
    serviceAccounts: args.arr('serviceaccount'),
  });
  submitGenerated(ctx, args, obj, { failPrefix: 'failed to create clusterrolebinding: ' });
  return 0;
}

const ruleFlags = [
  { name: 'verb', type: 'stringSlice' as const },
  { name: 'resource', type: 'stringSlice' as const },
  { name: 'resource-name', type: 'stringArray' as const },
];
const subjectFlags = [
  { name: 'user', type: 'stringArray' as const },
  { name: 'group', type: 'stringArray' as const },
  { name: 'serviceaccount', type: 'stringArray' as const },
];

export const rbacSubcommands: CommandSpec[] = [
  { name: 'role', short: 'Create a role with single rule', help: createHelp['role'], flags: [...generatorFlags, ...ruleFlags], run: createRole },
  {
    name: 'clusterrole',
    short: 'Create a cluster role',
    help: createHelp['clusterrole'],
    flags: [...generatorFlags, ...ruleFlags, { name: 'non-resource-url', type: 'stringSlice' }, { name: 'aggregation-rule', type: 'stringArray' }],
    run: createClusterRole,
  },
  {
    name: 'rolebinding',
    short: 'Create a role binding for a particular role or cluster role',
    help: createHelp['rolebinding'],
    flags: [...generatorFlags, { name: 'role', type: 'string' }, { name: 'clusterrole', type: 'string' }, ...subjectFlags],
    run: createRoleBinding,
  },
  {
    name: 'clusterrolebinding',
    short: 'Create a cluster role binding for a particular cluster role',
    help: createHelp['clusterrolebinding'],
    flags: [...generatorFlags, { name: 'clusterrole', type: 'string' }, ...subjectFlags],
    run: createClusterRoleBinding,
  },
];
