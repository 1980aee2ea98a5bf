// `kubectl create -f` and the generator subcommands (staging/src/k8s.io/kubectl/pkg/cmd/create).
import type { KubeObject } from '../../api/types.ts';
import { registerCommand, type CommandSpec, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { withLastApplied } from '../apply/lastapplied.ts';
import { checkFields } from '../apply/fields.ts';
import { filenameFlags, validateEnabled } from '../apply/flags.ts';
import { parseOutput, printObject } from '../apply/print.ts';
import { addSourceToErr, dryRunStrategy, dryRunSuffix, kindString, reportErrors } from '../apply/report.ts';
import { buildDeployment } from '../generators/deployment.ts';
import { batchSubcommands } from '../generators/batchcmds.ts';
import { buildService, type ServiceType } from '../generators/service.ts';
import { buildConfigMap, buildDockerRegistrySecret, buildNamespace, buildSecret, buildServiceAccount } from '../generators/simple.ts';
import { collectData } from '../generators/data.ts';
import { enforcedNamespace } from '../generators/meta.ts';
import { exactlyOneName, generatorFlags, requireFlag, submitGenerated } from '../generators/submit.ts';
import { createHelp } from '../generators/help.ts';
import { configMapHash, secretHash } from '../generators/hash.ts';
import { ingressSubcommand } from '../generators/ingresscmd.ts';
import { policySubcommands } from '../generators/policycmds.ts';
import { rbacSubcommands } from '../generators/rbaccmds.ts';
import { tokenSubcommand } from '../generators/tokencmd.ts';
import { secretTLSSubcommand } from '../generators/secrettlscmd.ts';
import { withNamespace } from './apply.ts';

function runCreateFromFiles(ctx: KubectlContext, args: ParsedArgs): number {
  const filenames = args.arr('filename');
  if (filenames.length === 0) {
    if (args.positional.length > 0) {
      throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
    }
    throw new KubectlError('must specify one of -f and -k');
  }
  if (args.positional.length > 0) {
    throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  }
  const dry = dryRunStrategy(args.str('dry-run'));
  const output = parseOutput(args.str('output'));
  const validate = validateEnabled(args);
  const { objects, errors } = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate });
  if (errors.length > 0) return reportErrors(ctx, errors);
  const errs: unknown[] = [];
  let first = true;
  for (const m of objects) {
    let obj: KubeObject = withNamespace(m);
    if (args.bool('save-config')) obj = withLastApplied(obj).obj;
    try {
      if (dry !== 'client') {
        if (validate) checkFields(m.rt, obj);
        obj = ctx.api.create(obj, { dryRun: dry === 'server' });
      }
    } catch (e) {
      errs.push(addSourceToErr('creating', m.source, e));
      continue;
    }
    if (output === '') ctx.out(`${kindString(m.rt)}/${obj.metadata.name ?? ''} created${dryRunSuffix(dry)}\n`);
    else printObject(ctx, obj, m.rt, output, first);
    first = false;
  }
  if (objects.length === 0 && errs.length === 0) throw new KubectlError('no objects passed to create');
  return reportErrors(ctx, errs);
}

function createDeployment(ctx: KubectlContext, args: ParsedArgs): number {
  requireFlag(args, 'image');
  const name = exactlyOneName(args, 'kubectl create deployment');
  const obj = buildDeployment(
    {
      name,
      namespace: enforcedNamespace(ctx.namespace, ctx.namespaceExplicit),
      images: args.arr('image'),
      replicas: args.int('replicas'),
      port: args.int('port'),
      command: args.afterDash,
    },
    ctx.rt.rng,
  );
  submitGenerated(ctx, args, obj, { failPrefix: 'failed to create deployment: ' });
  return 0;
}

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function createService(type: ServiceType) {
  const word = type === 'ExternalName' ? 'externalname' : type.toLowerCase();
  return (ctx: KubectlContext, args: ParsedArgs): number => {
    if (type === 'ExternalName') requireFlag(args, 'external-name');
    const name = exactlyOneName(args, `kubectl create service ${word}`);
    const tcp = args.arr('tcp');
    const clusterIP = type === 'ClusterIP' ? args.str('clusterip') : '';
    if (type !== 'ExternalName' && tcp.length === 0 && !(type === 'ClusterIP' && clusterIP === 'None')) {
      throw new KubectlError('at least one tcp port specifier must be provided');
    }
    const externalName = type === 'ExternalName' ? args.str('external-name') : '';
    if (type === 'ExternalName' && (!dns1123Subdomain.test(externalName) || externalName.length > 253)) {
      throw new KubectlError(`invalid service external name ${externalName}`);
    }
    const obj = buildService({
      name,
      namespace: enforcedNamespace(ctx.namespace, ctx.namespaceExplicit),
      type,
      tcp,
      clusterIP,
      nodePort: type === 'NodePort' ? args.int('node-port') : 0,
      externalName,
    });
    submitGenerated(ctx, args, obj, { failPrefix: `failed to create ${type} service: ` });
    return 0;
  };
}

function fromBase64(b64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

/** `--append-hash`: the name with the content hash kubectl's util/hash derives. */
function withHash(args: ParsedArgs, name: string, hash: () => string): string {
  return args.bool('append-hash') ? `${name}-${hash()}` : name;
}

function dataSources(args: ParsedArgs) {
  return { literals: args.arr('from-literal'), files: args.arr('from-file'), envFiles: args.arr('from-env-file') };
}

const serviceSub = (type: ServiceType, extra: CommandSpec['flags'] = []): CommandSpec => ({
  name: type === 'ExternalName' ? 'externalname' : type.toLowerCase(),
  short: `Create a ${type} service`,
  help: createHelp[`service ${type === 'ExternalName' ? 'externalname' : type.toLowerCase()}`],
  flags: [...generatorFlags, { name: 'tcp', type: 'stringSlice' }, ...(extra ?? [])],
  run: createService(type),
});

const dataFlags: CommandSpec['flags'] = [
  { name: 'from-literal', type: 'stringArray' },
  { name: 'from-file', type: 'stringSlice' },
  { name: 'from-env-file', type: 'stringSlice' },
  { name: 'append-hash', type: 'bool' },
];

registerCommand({
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
    ...filenameFlags,
    ...generatorFlags,
    { name: 'edit', type: 'bool' },
    { name: 'raw', type: 'string' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'kustomize', short: 'k', type: 'string' },
  ],
  run: runCreateFromFiles,
  subcommands: [
    ...batchSubcommands.map((s) => ({ ...s, help: s.help ?? createHelp[s.name] })),
    ingressSubcommand,
    ...policySubcommands,
    ...rbacSubcommands,
    tokenSubcommand,
    {
      name: 'deployment',
      aliases: ['deploy'],
      short: 'Create a deployment with the specified name',
      help: createHelp['deployment'],
      flags: [
        ...generatorFlags,
        { name: 'image', type: 'stringSlice' },
        { name: 'replicas', short: 'r', type: 'int', default: 1 },
        { name: 'port', type: 'int', default: -1 },
      ],
      run: createDeployment,
    },
    {
      name: 'service',
      aliases: ['svc'],
      short: 'Create a service using a specified subcommand',
      help: createHelp['service'],
      subcommands: [
        serviceSub('ClusterIP', [{ name: 'clusterip', type: 'string' }]),
        serviceSub('NodePort', [{ name: 'node-port', type: 'int', default: 0 }]),
        serviceSub('LoadBalancer'),
        serviceSub('ExternalName', [{ name: 'external-name', type: 'string' }]),
      ],
    },
    {
      name: 'namespace',
      aliases: ['ns'],
      short: 'Create a namespace with the specified name',
      help: createHelp['namespace'],
      flags: generatorFlags,
      run: (ctx, args) => {
        const name = exactlyOneName(args, 'kubectl create namespace');
        submitGenerated(ctx, args, buildNamespace(name));
        return 0;
      },
    },
    {
      name: 'serviceaccount',
      aliases: ['sa'],
      short: 'Create a service account with the specified name',
      help: createHelp['serviceaccount'],
      flags: generatorFlags,
      run: (ctx, args) => {
        const name = exactlyOneName(args, 'kubectl create serviceaccount');
        const obj = buildServiceAccount(name, enforcedNamespace(ctx.namespace, ctx.namespaceExplicit));
        submitGenerated(ctx, args, obj, { failPrefix: 'failed to create serviceaccount: ' });
        return 0;
      },
    },
    {
      name: 'configmap',
      aliases: ['cm'],
      short: 'Create a config map from a local file, directory or literal value',
      help: createHelp['configmap'],
      flags: [...generatorFlags, ...(dataFlags ?? [])],
      run: (ctx, args) => {
        const name = exactlyOneName(args, 'kubectl create configmap');
        const data = collectData(ctx, dataSources(args), 'ConfigMap', name);
        const obj = buildConfigMap(withHash(args, name, () => configMapHash(name, data)), enforcedNamespace(ctx.namespace, ctx.namespaceExplicit), data);
        submitGenerated(ctx, args, obj, { failPrefix: 'failed to create configmap: ' });
        return 0;
      },
    },
    {
      name: 'secret',
      short: 'Create a secret using a specified subcommand',
      help: createHelp['secret'],
      subcommands: [
        secretTLSSubcommand,
        {
          name: 'generic',
          short: 'Create a secret from a local file, directory, or literal value',
          help: createHelp['secret generic'],
          flags: [...generatorFlags, ...(dataFlags ?? []), { name: 'type', type: 'string' }],
          run: (ctx, args) => {
            const name = exactlyOneName(args, 'kubectl create secret generic');
            const data = collectData(ctx, dataSources(args), 'Secret', name);
            const hashed = withHash(args, name, () => secretHash(name, args.str('type'), data));
            const obj = buildSecret(hashed, enforcedNamespace(ctx.namespace, ctx.namespaceExplicit), data, args.str('type'));
            submitGenerated(ctx, args, obj, { failPrefix: 'failed to create secret ' });
            return 0;
          },
        },
        {
          name: 'docker-registry',
          short: 'Create a secret for use with a Docker registry',
          help: createHelp['secret docker-registry'],
          flags: [
            ...generatorFlags,
            { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
            { name: 'docker-username', type: 'string' },
            { name: 'docker-password', type: 'string' },
            { name: 'docker-email', type: 'string' },
            { name: 'from-file', type: 'stringSlice' },
            { name: 'append-hash', type: 'bool' },
          ],
          run: (ctx, args) => {
            const name = exactlyOneName(args, 'kubectl create secret docker-registry');
            if (!args.str('docker-username') || !args.str('docker-password') || !args.str('docker-server')) {
              throw new KubectlError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
            }
            const obj = buildDockerRegistrySecret(name, enforcedNamespace(ctx.namespace, ctx.namespaceExplicit), {
              server: args.str('docker-server'),
              username: args.str('docker-username'),
              password: args.str('docker-password'),
              email: args.str('docker-email'),
            });
            if (args.bool('append-hash')) {
              const data = new Map(Object.entries(obj.data as Record<string, string>).map(([k, v]) => [k, fromBase64(v)]));
              obj.metadata.name = `${name}-${secretHash(name, obj.type as string, data)}`;
            }
            submitGenerated(ctx, args, obj, { failPrefix: 'failed to create secret ' });
            return 0;
          },
        },
      ],
    },
  ],
});
