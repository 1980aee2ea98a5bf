import { KubectlError } from '../../kubectl/errors.ts';
import { INGRESS_SERVICE, type IngressService } from '../../network/ingress/index.ts';
import { registerLabCommand } from '../command.ts';

/**
 * `lab ingress config` prints the nginx.conf ingress-nginx generated; `lab ingress route URL [-H h:v]...`
 * shows where the controller sends one request (server, location, canary decision, Service, endpoint) or
 * the answer it gives itself.
 */
const help =
  'Inspect the ingress-nginx controller.\n\nAvailable Commands:\n' +
  '  config     Print the generated nginx.conf\n' +
  '  route      Show how one request is routed: lab ingress route http://HOST/PATH [-H "Name: value"]...\n\n' +
  'Usage:\n  lab ingress config\n  lab ingress route URL [-H HEADER]...\n';

registerLabCommand({
  name: 'ingress',
  short: 'Inspect the ingress controller (generated config, routing of a request)',
  help,
  flags: [{ name: 'header', short: 'H', type: 'stringArray', help: 'Request header "Name: value"' }],
  run(ctx, args) {
    const svc = ctx.rt.service<IngressService>(INGRESS_SERVICE);
    const [verb, url] = args.positional;
    if (!verb) {
      ctx.out(help);
      return 0;
    }
    if (!svc || !svc.enabled()) throw new KubectlError("the ingress controller is not running: enable it with 'lab addon enable ingress'");
    if (verb === 'config') {
      ctx.out(svc.config());
      return 0;
    }
    if (verb !== 'route') throw new KubectlError(`unknown command "${verb}" for "lab ingress"`);
    const m = /^(https?):\/\/([^/]+)(\/.*)?$/.exec(url ?? '');
    if (!m) throw new KubectlError('lab ingress route needs a URL such as http://example.com/path');
    const headers: Record<string, string> = {};
    for (const h of args.arr('header')) {
      const i = h.indexOf(':');
      if (i <= 0) throw new KubectlError(`invalid header "${h}": expected "Name: value"`);
      headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
    const r = svc.route(m[2], m[3] ?? '/', headers, { scheme: m[1] as 'http' | 'https' });
    ctx.out(`server:   ${r.server}\n`);
    if (r.location) ctx.out(`location: ${r.location.pathType} ${r.location.path} (Ingress ${r.location.ingress}, ${r.location.source})\n`);
    if (r.canary) ctx.out(`canary:   Ingress ${r.canary.ingress} ${r.canary.chosen ? 'chosen' : 'not chosen'} (${r.canary.reason})\n`);
    if (r.certificate) ctx.out(`tls:      ${r.certificate}\n`);
    if (r.backend) ctx.out(`backend:  Service ${r.backend.namespace}/${r.backend.service}:${r.backend.port} -> ${r.backend.endpoint.ip}:${r.backend.endpoint.port}${r.backend.endpoint.podName ? ` (pod ${r.backend.endpoint.podName})` : ''}\n`);
    else ctx.out(`answer:   ${r.status}${r.headers?.Location ? ` Location: ${r.headers.Location}` : ''}\n`);
    ctx.out(`reason:   ${r.reason}\n`);
    return 0;
  },
});
