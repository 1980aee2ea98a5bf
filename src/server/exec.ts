// GET /api/v1/namespaces/NS/pods/NAME/exec over WebSocket: the Kubernetes remotecommand protocol
// (v5.channel.k8s.io, or v4) that kubectl 1.32 speaks first. Each binary message starts with its channel: 0 stdin,
// 1 stdout, 2 stderr, 3 error (the final metav1.Status as JSON), 4 resize; v5 adds 255, "close this channel".
// The command runs in the container's simulated process through the kubelet service.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { StatusError } from '../engine/api/types.ts';
import { forbiddenError, resourceAttributes } from '../engine/auth/attributes.ts';
import { authService } from '../engine/auth/service.ts';
import { KUBELET_SERVICE, type KubeletService } from '../engine/kubelet/api.ts';
import { StreamError } from '../engine/kubelet/service.ts';
import type { ApiRequest, ResourcePath } from './request.ts';
import { HttpError } from './status.ts';
import { acceptUpgrade, encodeFrame, FrameReader, refuseUpgrade } from './websocket.ts';

/** The remotecommand subprotocols served, most preferred first. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The kubelet's final status (cri/streaming/remotecommand: success, NonZeroExitCode, or an internal error). */
export function execStatus(r: ExecResult | { error: string }, command: string[]): Record<string, unknown> {
  if ('error' in r) {
    return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${r.error}`, reason: 'InternalError', details: { causes: [{ message: r.error }] }, code: 500 };
  }
  if (r.exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${r.exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(r.exitCode) }] },
  };
}

function pickProtocol(req: IncomingMessage): string | undefined {
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((s) => s.trim());
  return EXEC_PROTOCOLS.find((p) => offered.includes(p));
}

const frame = (channel: number, text: string) => encodeFrame(0x2, Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]));

/**
 * Serve an exec upgrade. Failures before the stream opens are plain HTTP answers (a Status, or the kubelet's text
 * for a container it cannot stream from), which kubectl reports as it would for a real apiserver.
 */
export function serveExec(r: ApiRequest, p: ResourcePath, req: IncomingMessage, socket: Duplex, settle: () => void): void {
  const ns = p.namespace ?? 'default';
  const name = p.name ?? '';
  const attrs = resourceAttributes(r.user, 'create', '', 'pods', ns, name, 'exec');
  const d = authService(r.rt).authorize(attrs);
  if (!d.allowed) throw forbiddenError(attrs, d.reason);
  r.api.get('pods', ns, name);
  const q = r.query;
  const command = q.getAll('command');
  if (command.length === 0) throw new StatusError(400, 'BadRequest', 'you must specify at least 1 command');
  const key = String(req.headers['sec-websocket-key'] ?? '');
  const protocol = String(req.headers.upgrade ?? '').toLowerCase() === 'websocket' ? pickProtocol(req) : undefined;
  const svc = r.rt.service<KubeletService>(KUBELET_SERVICE);
  if (!svc) throw new StatusError(503, 'ServiceUnavailable', 'the kubelet is not running');
  if (!protocol || !key) {
    // SPDY/3.1 is not spoken. kubectl falls back to it only after the WebSocket attempt was refused, which
    // happens when the kubelet cannot stream from the container: give the same answer again.
    try {
      svc.exec(ns, name, q.get('container') || undefined, ['true']);
    } catch (e) {
      if (e instanceof StreamError && e.message.startsWith('unable to upgrade connection: ')) {
        return refuseUpgrade(socket, 400, 'Bad Request', 'text/plain; charset=utf-8', e.message.replace(/^unable to upgrade connection: /, ''));
      }
      if (!(e instanceof StreamError)) throw e;
    }
    throw new HttpError(400, 'BadRequest', `kubelab serve streams exec over WebSocket only (subprotocols ${EXEC_PROTOCOLS.join(', ')})`);
  }
  const tty = q.get('tty') === 'true';
  const wantStdin = q.get('stdin') === 'true';
  const container = q.get('container') || undefined;

  const run = (): ExecResult | { error: string } => {
    try {
      const out = svc.exec(ns, name, container, command);
      settle();
      return out;
    } catch (e) {
      if (e instanceof StreamError && !e.message.startsWith('unable to upgrade connection: ')) {
        return { error: e.message.replace(/^Internal error occurred: /, '') };
      }
      throw e;
    }
  };
  const finish = (res: ExecResult | { error: string }) => {
    if (!('error' in res)) {
      if (res.stdout && q.get('stdout') !== 'false') socket.write(frame(STDOUT, res.stdout));
      if (res.stderr && q.get('stderr') !== 'false') socket.write(frame(tty ? STDOUT : STDERR, res.stderr));
    }
    socket.write(frame(ERROR, JSON.stringify(execStatus(res, command))));
    socket.end(encodeFrame(0x8, Buffer.from([0x03, 0xe8])));
  };

  if (!wantStdin) {
    let res: ExecResult | { error: string };
    try {
      res = run();
    } catch (e) {
      if (e instanceof StreamError) return refuseUpgrade(socket, 400, 'Bad Request', 'text/plain; charset=utf-8', e.message.replace(/^unable to upgrade connection: /, ''));
      throw e;
    }
    acceptUpgrade(socket, key, protocol);
    return finish(res);
  }
  // With stdin the command runs once the client closes stdin (v5's close signal) or the connection.
  acceptUpgrade(socket, key, protocol);
  const reader = new FrameReader();
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    try {
      finish(run());
    } catch (e) {
      finish({ error: e instanceof Error ? e.message.replace(/^unable to upgrade connection: /, '') : String(e) });
    }
  };
  socket.on('data', (chunk: Buffer) => {
    for (const f of reader.push(chunk)) {
      if (f.opcode === 0x8) return go();
      if (f.opcode === 0x9) socket.write(encodeFrame(0xa, f.payload));
      else if (f.opcode === 0x2 && f.payload[0] === CLOSE && f.payload[1] === STDIN) go();
    }
  });
  socket.on('error', () => {});
}
