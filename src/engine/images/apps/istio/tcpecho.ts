/**
 * Istio's samples/tcp-echo server (docker.io/istio/tcp-echo-server): `tcp-echo PORTS PREFIX` listens on each of
 * the comma-separated ports and answers every line a client sends with "PREFIX LINE" (samples/tcp-echo/src/main.go).
 */
import type { Repository } from '../../catalog.ts';
import type { AppContext, AppStartResult } from '../../types.ts';

const MiB = 1024 * 1024;

/** The reply to what a client sent: each complete line echoed after the prefix; an unterminated last line is not answered (ReadBytes hits EOF). */
export function tcpEchoReply(prefix: string, data: string): { reply: string; lines: string[] } {
  const lines: string[] = [];
  let reply = '';
  let rest = data;
  for (let i = rest.indexOf('\n'); i >= 0; i = rest.indexOf('\n')) {
    const line = rest.slice(0, i + 1);
    rest = rest.slice(i + 1);
    lines.push(`request: ${line.slice(0, -1)}`, `response: ${prefix} ${line.slice(0, -1)}`);
    reply += `${prefix} ${line}`;
  }
  return { reply, lines };
}

function tcpEcho(ctx: AppContext): AppStartResult {
  const [portsArg, prefix] = ctx.argv.slice(1);
  if (portsArg === undefined || prefix === undefined) return { error: 'panic: runtime error: index out of range [1] with length 1', code: 2 };
  const ports = portsArg.split(',').map((p) => Number(p));
  const bad = ports.find((p) => !Number.isInteger(p) || p <= 0 || p > 65535);
  if (bad !== undefined) return { error: `failed to create listener, err: listen tcp: address ${portsArg.split(',')[ports.indexOf(bad)]}: invalid port`, code: 1 };
  return {
    ports,
    dualStack: true,
    readyAfterMs: 50,
    memoryBytes: 3 * MiB,
    logs: ports.map((p, i) => ({ at: i, text: `listening on [::]:${p}, prefix: ${prefix}` })),
    // Go's runtime exits on SIGTERM; as PID 1 the re-raised signal is ignored and it exits with status 2.
    onStop: () => ({ afterMs: 0, code: 2, logs: [] }),
    tcp(req) {
      const { reply, lines } = tcpEchoReply(prefix, req.data);
      for (const l of lines) req.log(l);
      return reply;
    },
  };
}

export const tcpEchoRepository: Repository = {
  name: 'docker.io/istio/tcp-echo-server',
  bare: true,
  versions: [{ tags: ['1.1', '1.2', '1.3', 'latest'], size: 1_393_152 }],
  entrypoint: ['/bin/tcp-echo'],
  cmd: ['9000', 'hello'],
  env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
  stopSignal: 'SIGTERM',
  flavor: 'gnu',
  apps: { '/bin/tcp-echo': tcpEcho, 'tcp-echo': tcpEcho },
};
