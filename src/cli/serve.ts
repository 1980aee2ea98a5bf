// `kubelab serve`: host a lab cluster in this process and serve the Kubernetes API on 127.0.0.1 for real kubectl.
import { writeFileSync } from 'node:fs';
import type { ClusterOptions } from '../engine/index.ts';
import { createServedCluster } from '../server/wallclock.ts';
import { createKubeServer } from '../server/server.ts';
import { serverKubeconfig } from '../server/kubeconfig.ts';
import type { CliIO } from './main.ts';

export const SERVE_USAGE = `Usage:
  kubelab serve [--port 6443] [--speed 1] [--kubeconfig PATH] [--seed N] [--nodes N]

Serve a lab cluster's Kubernetes API on https://127.0.0.1:PORT for real kubectl. Writes a kubeconfig (default
./kubelab.kubeconfig) whose users carry bearer tokens for the lab's identities; use it with
  kubectl --kubeconfig PATH get pods
--speed is virtual seconds per wall-clock second (0 stops the clock between requests).
`;

interface ServeArgs {
  port: number;
  speed: number;
  kubeconfig: string;
  options: ClusterOptions;
}

export function parseServeArgs(argv: string[]): ServeArgs | string {
  const a: ServeArgs = { port: 6443, speed: 1, kubeconfig: 'kubelab.kubeconfig', options: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) return `missing value for ${name}`;
    if (name === '--kubeconfig') {
      a.kubeconfig = value;
      continue;
    }
    const n = Number(value);
    const integer = name !== '--speed';
    if (value === '' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) return `invalid value for ${name}: ${JSON.stringify(value)}`;
    if (name === '--port') a.port = n;
    else if (name === '--speed') a.speed = n;
    else if (name === '--seed') a.options.seed = n;
    else if (name === '--nodes') a.options.nodes = n;
    else return `unknown flag: ${arg}`;
  }
  return a;
}

export async function serveCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(SERVE_USAGE);
    return 0;
  }
  const a = parseServeArgs(argv);
  if (typeof a === 'string') {
    io.err(`kubelab serve: ${a}\n${SERVE_USAGE}`);
    return 2;
  }
  const cluster = createServedCluster(a.options);
  const server = createKubeServer(cluster, { speed: a.speed });
  let port: number;
  try {
    port = await server.listen(a.port);
  } catch (e) {
    io.err(`kubelab serve: cannot listen on 127.0.0.1:${a.port}: ${(e as Error).message}\n`);
    return 1;
  }
  const { text } = serverKubeconfig(cluster, `https://127.0.0.1:${port}`);
  writeFileSync(a.kubeconfig, text, { mode: 0o600 });
  io.out(`Serving the Kubernetes API on https://127.0.0.1:${port} (kubeconfig: ${a.kubeconfig})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
