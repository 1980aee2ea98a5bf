import { allShellCommands, registerShellCommand } from './registry.ts';

registerShellCommand({
  name: 'help',
  synopsis: 'help',
  run: (ctx) => {
    const lines = allShellCommands().map((c) => ` ${c.synopsis}`);
    ctx.out(
      'Kubelab shell: a small bash-like shell in front of a simulated Kubernetes 1.32 cluster.\n' +
        'Quotes, $VAR, $(...), ;, &&, ||, pipes, > >> < 2>&1 redirections and <<EOF heredocs work.\n' +
        'Files live in the lab (try: cat > web.yaml <<EOF). `sleep 30` lets 30 seconds of cluster time pass.\n\n' +
        'Commands:\n' +
        lines.join('\n') +
        '\n',
    );
    return 0;
  },
});
