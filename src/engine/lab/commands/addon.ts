import type { KubeObject } from '../../api/types.ts';
import { isStatusError } from '../../api/types.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import type { KubectlContext } from '../../kubectl/command.ts';
import { CONTROLLER_NAME, INGRESS_NS, ingressAddonObjects } from '../../network/ingress/manifests.ts';
import { registerLabCommand } from '../command.ts';

/**
 * `lab addon list|enable|disable NAME`: optional cluster components installed on demand, as minikube's
 * addons (`minikube addons enable ingress`) and kind's documented manifests do. For now: `ingress`
 * (ingress-nginx as a Deployment behind a LoadBalancer Service when an address pool exists, else NodePort; or,
 * with --host-port, a DaemonSet publishing hostPort 80/443 on every node).
 */
const help =
  'Enable or disable optional cluster components (as `minikube addons`).\n\nAvailable Commands:\n' +
  '  list       List the addons and whether they are enabled\n' +
  '  enable     Install an addon (ingress)\n' +
  '  disable    Remove an addon\n\nOptions:\n    --host-port=false:\n\tingress: run the controller as a DaemonSet with hostPort 80/443 on every node (the bare-metal layout)\n\tinstead of a Deployment behind a LoadBalancer (or NodePort) Service.\n' +
  '\nUsage:\n  lab addon list\n  lab addon enable ingress [--host-port]\n  lab addon disable ingress\n';

const addons = ['ingress'];

function ingressEnabled(ctx: KubectlContext): boolean {
  return !!(ctx.rt.store.get('deployments', INGRESS_NS, CONTROLLER_NAME) ?? ctx.rt.store.get('daemonsets', INGRESS_NS, CONTROLLER_NAME));
}

function kindRef(o: KubeObject): string {
  const group = o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : '';
  return `${o.kind.toLowerCase()}${group}/${o.metadata.name}`;
}

function enableIngress(ctx: KubectlContext, hostPort: boolean): number {
  const lb = ctx.rt.service<{ hasPool?(): boolean }>('loadbalancer');
  const type = hostPort ? 'ClusterIP' : lb?.hasPool?.() ? 'LoadBalancer' : 'NodePort';
  for (const o of ingressAddonObjects(type, hostPort ? 'hostport' : 'deployment')) {
    try {
      ctx.rt.api.create(o);
      ctx.out(`${kindRef(o)} created\n`);
    } catch (e) {
      if (!isStatusError(e, 'AlreadyExists')) throw e;
      ctx.out(`${kindRef(o)} unchanged\n`);
    }
  }
  ctx.out(
    hostPort
      ? `The 'ingress' addon is enabled: ingress-nginx runs as DaemonSet ${INGRESS_NS}/${CONTROLLER_NAME}, listening on hostPort 80 and 443 of every node.\n`
      : `The 'ingress' addon is enabled: ingress-nginx runs as Deployment ${INGRESS_NS}/${CONTROLLER_NAME} behind a ${type} Service.\n`,
  );
  return 0;
}

function disableIngress(ctx: KubectlContext): number {
  if (!ingressEnabled(ctx)) {
    ctx.out("The 'ingress' addon is not enabled\n");
    return 0;
  }
  const del = (resource: string, ns: string | undefined, name: string) => {
    try {
      ctx.rt.api.delete(resource, ns, name);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  };
  del('ingressclasses', undefined, 'nginx');
  del('namespaces', undefined, INGRESS_NS);
  ctx.out("The 'ingress' addon is disabled\n");
  return 0;
}

registerLabCommand({
  name: 'addon',
  aliases: ['addons'],
  short: 'Enable or disable optional components (ingress)',
  help,
  flags: [{ name: 'host-port', type: 'bool' }],
  run(ctx, args) {
    const [verb, name] = args.positional;
    if (!verb) {
      ctx.out(help);
      return 0;
    }
    if (verb === 'list') {
      ctx.out('NAME      STATUS\n');
      ctx.out(`ingress   ${ingressEnabled(ctx) ? 'enabled' : 'disabled'}\n`);
      return 0;
    }
    if (verb !== 'enable' && verb !== 'disable') throw new KubectlError(`unknown command "${verb}" for "lab addon"`);
    if (!name) throw new KubectlError(`lab addon ${verb} requires an addon name (${addons.join(', ')})`);
    if (!addons.includes(name)) throw new KubectlError(`unknown addon "${name}": known addons are ${addons.join(', ')}`);
    return verb === 'enable' ? enableIngress(ctx, args.bool('host-port')) : disableIngress(ctx);
  },
});
