// `kubectl config`: read and modify the lab's kubeconfig (~/.kube/config or --kubeconfig), with kubectl
// 1.32's messages and formats. Client-only: no identity is resolved and nothing reaches the API server.
import { loadKubeconfig } from '../../auth/identity.ts';
import { redact, serializeKubeconfig, type Kubeconfig } from '../../auth/kubeconfig.ts';
import { HOME, normalizePath } from '../../shell/fs.ts';
import { registerCommand, type CommandSpec, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { parseJsonPath } from '../output/jsonpath.ts';
import { toJson } from '../output/yaml.ts';
import { tabulate } from '../printers/tabwriter.ts';

function load(ctx: KubectlContext, args: ParsedArgs): { config: Kubeconfig; path: string; save(): void } {
  const { config, path } = loadKubeconfig(ctx.rt, args.str('kubeconfig'));
  const shown = path.startsWith('/') ? path : `${HOME}/${normalizePath(path)}`;
  return { config, path: shown, save: () => ctx.rt.files.set(normalizePath(path), serializeKubeconfig(config)) };
}

/** The JSON form (clientcmd's v1.Config field order). */
function jsonForm(c: Kubeconfig): unknown {
  return {
    kind: c.kind,
    apiVersion: c.apiVersion,
    preferences: c.preferences,
    clusters: c.clusters.map((x) => ({ name: x.name, cluster: { server: x.cluster.server, ...x.cluster } })),
    users: c.users.map((x) => ({ name: x.name, user: x.user })),
    contexts: c.contexts.map((x) => ({ name: x.name, context: { cluster: x.context.cluster, user: x.context.user, ...x.context } })),
    'current-context': c['current-context'],
  };
}

/** --minify: only what the current context uses. */
function minify(c: Kubeconfig, context: string): Kubeconfig {
  if (!context) throw new KubectlError('current-context must exist in order to minify');
  const ctx = c.contexts.find((x) => x.name === context);
  if (!ctx) throw new KubectlError(`cannot locate context ${context}`);
  const user = c.users.find((x) => x.name === ctx.context.user);
  if (ctx.context.user && !user) throw new KubectlError(`cannot locate user ${ctx.context.user}`);
  const cluster = c.clusters.find((x) => x.name === ctx.context.cluster);
  if (ctx.context.cluster && !cluster) throw new KubectlError(`cannot locate cluster ${ctx.context.cluster}`);
  return { ...c, 'current-context': context, contexts: [ctx], users: user ? [user] : [], clusters: cluster ? [cluster] : [] };
}

const view: CommandSpec = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  noIdentity: true,
  flags: [
    { name: 'raw', type: 'bool' },
    { name: 'minify', type: 'bool' },
    { name: 'flatten', type: 'bool' },
    { name: 'output', short: 'o', type: 'string', default: 'yaml' },
  ],
  run(ctx, args) {
    let { config } = load(ctx, args);
    if (args.bool('minify')) config = minify(config, args.str('context') || config['current-context']);
    if (!args.bool('raw') && !args.bool('flatten')) config = redact(config);
    const out = args.str('output');
    if (out === 'yaml') ctx.out(serializeKubeconfig(config));
    else if (out === 'json') ctx.out(toJson(jsonForm(config)));
    else if (out.startsWith('jsonpath=')) ctx.out(parseJsonPath(out.slice('jsonpath='.length)).execute(JSON.parse(JSON.stringify(jsonForm(config)))));
    else throw new KubectlError(`unable to match a printer suitable for the output format "${out}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml`);
    return 0;
  },
};

const currentContext: CommandSpec = {
  name: 'current-context',
  short: 'Display the current-context',
  noIdentity: true,
  run(ctx, args) {
    const { config } = load(ctx, args);
    if (!config['current-context']) throw new KubectlError('current-context is not set');
    ctx.out(config['current-context'] + '\n');
    return 0;
  },
};

const getContexts: CommandSpec = {
  name: 'get-contexts',
  short: 'Describe one or many contexts',
  noIdentity: true,
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
  ],
  run(ctx, args) {
    const { config } = load(ctx, args);
    const out = args.str('output');
    if (out !== '' && out !== 'name') throw new KubectlError(`output must be one of '' or 'name': ${out}`);
    const names = [...config.contexts].map((c) => c.name).sort();
    const wanted = args.positional.length > 0 ? args.positional : names;
    let text = out === '' && !args.bool('no-headers') ? 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n' : '';
    let missing = '';
    let names0 = '';
    for (const name of wanted) {
      const c = config.contexts.find((x) => x.name === name);
      if (!c) {
        missing ||= `context ${name} not found`;
        continue;
      }
      const cur = name === config['current-context'] ? '*' : '';
      text += `${cur}\t${name}\t${c.context.cluster ?? ''}\t${c.context.user ?? ''}\t${c.context.namespace ?? ''}\n`;
      names0 += `${name}\n`;
    }
    ctx.out(out === 'name' ? names0 : tabulate(text));
    if (missing) throw new KubectlError(missing);
    return 0;
  },
};

function listNames(name: string, short: string, pick: (c: Kubeconfig) => Array<{ name: string }>): CommandSpec {
  return {
    name,
    short,
    noIdentity: true,
    run(ctx, args) {
      const { config } = load(ctx, args);
      ctx.out('NAME\n' + pick(config).map((x) => x.name).sort().map((n) => n + '\n').join(''));
      return 0;
    },
  };
}

const useContext: CommandSpec = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  noIdentity: true,
  run(ctx, args) {
    if (args.positional.length !== 1) throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]`);
    const f = load(ctx, args);
    const name = args.positional[0];
    if (!f.config.contexts.some((c) => c.name === name)) throw new KubectlError(`no context exists with the name: "${name}"`);
    f.config['current-context'] = name;
    f.save();
    ctx.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: CommandSpec = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  noIdentity: true,
  flags: [{ name: 'current', type: 'bool' }],
  run(ctx, args) {
    const f = load(ctx, args);
    let name = args.positional[0] ?? '';
    if (args.bool('current')) {
      if (name) throw new KubectlError('you cannot specify a context name and --current');
      name = f.config['current-context'];
      if (!name) throw new KubectlError('no current context is set');
    }
    if (!name) throw new KubectlError('you must specify a non-empty context name or --current');
    let entry = f.config.contexts.find((c) => c.name === name);
    const created = !entry;
    if (!entry) {
      entry = { name, context: {} };
      f.config.contexts.push(entry);
    }
    const c = { ...entry.context };
    for (const k of ['cluster', 'user', 'namespace'] as const) {
      if (!args.has(k)) continue;
      const v = args.str(k);
      if (v) c[k] = v;
      else delete c[k];
    }
    entry.context = c;
    f.save();
    ctx.out(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
    return 0;
  },
};

const setCredentials: CommandSpec = {
  name: 'set-credentials',
  short: 'Set a user entry in kubeconfig',
  noIdentity: true,
  flags: [
    { name: 'token', type: 'string' },
    { name: 'username', type: 'string' },
    { name: 'password', type: 'string' },
    { name: 'client-certificate', type: 'string' },
    { name: 'client-key', type: 'string' },
    { name: 'embed-certs', type: 'bool' },
  ],
  run(ctx, args) {
    const name = args.positional[0];
    if (!name) throw new KubectlError('you must specify a non-empty user name');
    const f = load(ctx, args);
    let entry = f.config.users.find((u) => u.name === name);
    if (!entry) {
      entry = { name, user: {} };
      f.config.users.push(entry);
    }
    const u = { ...entry.user };
    for (const k of ['token', 'username', 'password', 'client-certificate', 'client-key'] as const) {
      if (!args.has(k)) continue;
      const v = args.str(k);
      if (!v) {
        delete u[k];
        continue;
      }
      if (args.bool('embed-certs') && (k === 'client-certificate' || k === 'client-key')) {
        const text = ctx.readFile(v);
        if (text === undefined) throw new KubectlError(`error reading ${k} data from ${v}: open ${v}: no such file or directory`);
        u[`${k}-data`] = btoa(text);
      } else u[k] = v;
    }
    entry.user = u;
    f.save();
    ctx.out(`User "${name}" set.\n`);
    return 0;
  },
};

const setCluster: CommandSpec = {
  name: 'set-cluster',
  short: 'Set a cluster entry in kubeconfig',
  noIdentity: true,
  flags: [
    { name: 'server', type: 'string' },
    { name: 'insecure-skip-tls-verify', type: 'bool' },
    { name: 'certificate-authority', type: 'string' },
  ],
  run(ctx, args) {
    const name = args.positional[0];
    if (!name) throw new KubectlError('you must specify a non-empty cluster name');
    const f = load(ctx, args);
    let entry = f.config.clusters.find((c) => c.name === name);
    if (!entry) {
      entry = { name, cluster: {} };
      f.config.clusters.push(entry);
    }
    const c = { ...entry.cluster };
    if (args.has('server')) c.server = args.str('server');
    if (args.has('certificate-authority')) c['certificate-authority'] = args.str('certificate-authority');
    if (args.has('insecure-skip-tls-verify')) c['insecure-skip-tls-verify'] = args.bool('insecure-skip-tls-verify') || undefined;
    entry.cluster = c;
    f.save();
    ctx.out(`Cluster "${name}" set.\n`);
    return 0;
  },
};

function deleteEntry(name: string, what: 'context' | 'user' | 'cluster', list: 'contexts' | 'users' | 'clusters'): CommandSpec {
  return {
    name,
    short: `Delete the specified ${what} from the kubeconfig`,
    noIdentity: true,
    run(ctx, args) {
      const f = load(ctx, args);
      const target = args.positional[0] ?? '';
      const items = f.config[list] as Array<{ name: string }>;
      const i = items.findIndex((x) => x.name === target);
      if (i < 0) throw new KubectlError(`cannot delete ${what} ${target}, not in ${f.path}`);
      items.splice(i, 1);
      f.save();
      ctx.out(`deleted ${what} ${target} from ${f.path}\n`);
      return 0;
    },
  };
}

const renameContext: CommandSpec = {
  name: 'rename-context',
  short: 'Rename a context from the kubeconfig file',
  noIdentity: true,
  run(ctx, args) {
    if (args.positional.length !== 2) throw new KubectlError('Unexpected args: ' + `[${args.positional.join(' ')}]`);
    const [from, to] = args.positional;
    const f = load(ctx, args);
    const c = f.config.contexts.find((x) => x.name === from);
    if (!c) throw new KubectlError(`cannot rename the context "${from}", it's not in ${f.path}`);
    if (f.config.contexts.some((x) => x.name === to)) throw new KubectlError(`cannot rename the context "${from}", the context "${to}" already exists in ${f.path}`);
    c.name = to;
    if (f.config['current-context'] === from) f.config['current-context'] = to;
    f.save();
    ctx.out(`Context "${from}" renamed to "${to}".\n`);
    return 0;
  },
};

registerCommand({
  name: 'config',
  short: 'Modify kubeconfig files',
  noIdentity: true,
  subcommands: [
    currentContext,
    deleteEntry('delete-cluster', 'cluster', 'clusters'),
    deleteEntry('delete-context', 'context', 'contexts'),
    deleteEntry('delete-user', 'user', 'users'),
    listNames('get-clusters', 'Display clusters defined in the kubeconfig', (c) => c.clusters),
    getContexts,
    listNames('get-users', 'Display users defined in the kubeconfig', (c) => c.users),
    renameContext,
    setCluster,
    setContext,
    setCredentials,
    useContext,
    view,
  ],
});
