// `lab audit`: the API server's audit log. `lab audit policy -f FILE` sets an audit.k8s.io/v1 Policy (as
// --audit-policy-file); `lab audit [--user U] [--verb V] [-o json]` lists the recorded events, including
// forbidden attempts.
import type { AuditEvent } from '../../auth/audit/log.ts';
import { validatePolicy, type Policy } from '../../auth/audit/policy.ts';
import { authService } from '../../auth/service.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import { decodeDocuments } from '../../kubectl/manifest.ts';
import { tabulate } from '../../kubectl/printers/tabwriter.ts';
import { toYaml } from '../../kubectl/output/yaml.ts';
import { normalizePath } from '../../shell/fs.ts';
import { registerLabCommand } from '../command.ts';

function target(e: AuditEvent): string {
  const o = e.objectRef;
  if (!o) return e.requestURI;
  let s = o.apiGroup ? `${o.resource}.${o.apiGroup}` : o.resource;
  if (o.subresource) s += `/${o.subresource}`;
  if (o.name) s += `/${o.name}`;
  return s;
}

registerLabCommand({
  name: 'audit',
  short: "Show the API server's audit log; set the audit policy",
  help:
    "Show the API server's audit log (one event per request at stage ResponseComplete, at the level the audit\npolicy gives it). Nothing is logged until a policy is set.\n\nUsage:\n  lab audit [--user USER] [--verb VERB] [-n NAMESPACE] [--tail N] [-o json]\n  lab audit policy -f policy.yaml\n  lab audit policy --off\n",
  flags: [
    { name: 'verb', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'tail', type: 'int', default: -1 },
  ],
  subcommands: [
    {
      name: 'policy',
      short: 'Set (-f) or show the audit policy',
      flags: [
        { name: 'filename', short: 'f', type: 'string' },
        { name: 'off', type: 'bool' },
      ],
      run(ctx, args) {
        const log = authService(ctx.rt).audit;
        if (args.bool('off')) {
          log.setPolicy(undefined);
          ctx.out('audit policy removed: auditing is off\n');
          return 0;
        }
        const file = args.str('filename');
        if (!file) {
          const p = log.getPolicy();
          ctx.out(p ? toYaml(p) : 'no audit policy: auditing is off\n');
          return 0;
        }
        const text = file === '-' ? ctx.stdin : ctx.rt.files.get(normalizePath(file));
        if (text === undefined) throw new KubectlError(`open ${file}: no such file or directory`);
        const docs = decodeDocuments(text) as Policy[];
        const p = docs[0];
        if (!p || (p as { kind?: string }).kind !== 'Policy' || !String((p as { apiVersion?: string }).apiVersion ?? '').startsWith('audit.k8s.io/')) {
          throw new KubectlError(`failed to load audit policy from ${file}: expected kind Policy in group audit.k8s.io`);
        }
        const errs = validatePolicy(p);
        if (errs.length > 0) throw new KubectlError(`invalid audit policy ${file}: ${errs.join(', ')}`);
        log.setPolicy(p);
        ctx.out(`audit policy set: ${p.rules.length} rule${p.rules.length === 1 ? '' : 's'}\n`);
        return 0;
      },
    },
  ],
  run(ctx, args) {
    const log = authService(ctx.rt).audit;
    if (!log.enabled() && log.entries.length === 0) {
      ctx.out('No audit events: no audit policy is set (lab audit policy -f FILE).\n');
      return 0;
    }
    const user = args.str('user');
    const verb = args.str('verb');
    const ns = args.has('namespace') ? args.str('namespace') : '';
    let events = log.entries.filter(
      (e) => (!user || e.user.username === user || e.impersonatedUser?.username === user) && (!verb || e.verb === verb) && (!ns || e.objectRef?.namespace === ns),
    );
    const tail = args.int('tail');
    if (tail >= 0) events = events.slice(Math.max(0, events.length - tail));
    const out = args.str('output');
    if (out === 'json') {
      ctx.out(events.map((e) => JSON.stringify(e) + '\n').join(''));
      return 0;
    }
    if (out) throw new KubectlError(`unknown output format "${out}" (use -o json)`);
    let text = 'TIME\tLEVEL\tUSER\tVERB\tRESOURCE\tNAMESPACE\tCODE\tDECISION\n';
    for (const e of events) {
      const who = e.impersonatedUser ? `${e.user.username} (as ${e.impersonatedUser.username})` : e.user.username;
      text += `${e.stageTimestamp.replace(/\.\d+Z$/, 'Z')}\t${e.level}\t${who}\t${e.verb}\t${target(e)}\t${e.objectRef?.namespace ?? ''}\t${e.responseStatus.code}\t${e.annotations['authorization.k8s.io/decision']}\n`;
    }
    ctx.out(tabulate(text));
    return 0;
  },
});
