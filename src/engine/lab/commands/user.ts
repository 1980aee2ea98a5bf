// `lab user add NAME [--groups g1,g2]`: issue a client certificate (CN=NAME, O=each group) signed by the
// cluster CA, as an administrator would with a CertificateSigningRequest, and add it to ~/.kube/config as a
// user and a context of the same name. `lab user list` shows the identities the lab has issued.
import { loadKubeconfig } from '../../auth/identity.ts';
import { kindName, kubeconfigPath, serializeKubeconfig } from '../../auth/kubeconfig.ts';
import { authService } from '../../auth/service.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import { tabulate } from '../../kubectl/printers/tabwriter.ts';
import { normalizePath } from '../../shell/fs.ts';
import { registerLabCommand } from '../command.ts';

registerLabCommand({
  name: 'user',
  short: 'Add users (client certificates with groups) to the kubeconfig',
  help: 'Manage the identities in ~/.kube/config.\n\nUsage:\n  lab user add NAME [--groups g1,g2]\n  lab user list\n',
  subcommands: [
    {
      name: 'add',
      short: 'Issue a client certificate for a user and add a context for it',
      help: 'Issue a client certificate (CN=NAME, O=GROUP for each group) and add a user and a context named NAME to ~/.kube/config.\n\nUsage:\n  lab user add NAME [--groups g1,g2]\n\nUse it with: kubectl --context NAME ..., or kubectl config use-context NAME\n',
      flags: [{ name: 'groups', type: 'stringSlice' }],
      run(ctx, args) {
        if (args.positional.length !== 1) throw new KubectlError('exactly one NAME is required');
        const name = args.positional[0];
        if (!/^[A-Za-z0-9][-A-Za-z0-9_.@:]*$/.test(name)) throw new KubectlError(`invalid user name "${name}"`);
        const groups = args.arr('groups').filter((g) => g !== '');
        const auth = authService(ctx.rt);
        const cred = auth.issueCertificate(name, groups);
        const { config } = loadKubeconfig(ctx.rt);
        const cluster = config.clusters.find((c) => c.name === kindName)?.name ?? config.clusters[0]?.name ?? kindName;
        config.users = config.users.filter((u) => u.name !== name);
        config.users.push({ name, user: { 'client-certificate-data': cred.cert, 'client-key-data': cred.key } });
        const existed = config.contexts.some((c) => c.name === name);
        config.contexts = config.contexts.filter((c) => c.name !== name);
        config.contexts.push({ name, context: { cluster, user: name } });
        ctx.rt.files.set(normalizePath(kubeconfigPath), serializeKubeconfig(config));
        const subject = `CN=${name}${groups.map((g) => `, O=${g}`).join('')}`;
        ctx.out(`User "${name}" added: client certificate "${subject}".\nContext "${name}" ${existed ? 'modified' : 'created'} (try: kubectl --context ${name} auth whoami).\n`);
        return 0;
      },
    },
    {
      name: 'list',
      short: 'List the users of the kubeconfig and who they authenticate as',
      run(ctx) {
        const auth = authService(ctx.rt);
        const { config } = loadKubeconfig(ctx.rt);
        let text = 'NAME\tUSERNAME\tGROUPS\n';
        for (const u of [...config.users].sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const who = auth.authenticate(u.user);
          text += `${u.name}\t${who?.name ?? '<invalid credential>'}\t${who ? who.groups.join(',') : ''}\n`;
        }
        ctx.out(tabulate(text));
        return 0;
      },
    },
  ],
});
