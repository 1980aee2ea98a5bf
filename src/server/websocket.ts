// The server side of RFC 6455 WebSocket, as much as the Kubernetes streaming protocols use: the opening
// handshake, binary frames out (unmasked), masked frames in (with fragmentation), ping/pong and close.
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** One frame as written by a server (never masked). */
export function encodeFrame(opcode: number, payload: Uint8Array): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126) {
    head[0] = 0x80 | opcode;
    if (len < 65536) {
      head[1] = 126;
      head.writeUInt16BE(len, 2);
    } else {
      head[1] = 127;
      head.writeBigUInt64BE(BigInt(len), 2);
    }
  }
  return Buffer.concat([head, payload]);
}

export interface Frame {
  opcode: number;
  payload: Buffer;
}

/** Reassembles frames from a byte stream; `push` returns the complete messages (fragments joined). */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Frame[] = [];
    for (;;) {
      if (this.buf.length < 2) break;
      const fin = (this.buf[0] & 0x80) !== 0;
      const opcode = this.buf[0] & 0x0f;
      const masked = (this.buf[1] & 0x80) !== 0;
      let len = this.buf[1] & 0x7f;
      let pos = 2;
      if (len === 126) {
        if (this.buf.length < 4) break;
        len = this.buf.readUInt16BE(2);
        pos = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) break;
        len = Number(this.buf.readBigUInt64BE(2));
        pos = 10;
      }
      const maskAt = pos;
      if (masked) pos += 4;
      if (this.buf.length < pos + len) break;
      const payload = Buffer.from(this.buf.subarray(pos, pos + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= this.buf[maskAt + (i % 4)];
      this.buf = this.buf.subarray(pos + len);
      if (opcode >= 0x8) out.push({ opcode, payload });
      else if (!fin) {
        if (opcode !== 0) this.fragmentOpcode = opcode;
        this.fragments.push(payload);
      } else if (opcode === 0) {
        this.fragments.push(payload);
        out.push({ opcode: this.fragmentOpcode, payload: Buffer.concat(this.fragments) });
        this.fragments = [];
      } else out.push({ opcode, payload });
    }
    return out;
  }
}

/** Answer an Upgrade request with 101 Switching Protocols for `protocol`. */
export function acceptUpgrade(socket: Duplex, key: string, protocol: string): void {
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n` +
      (protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : '') +
      '\r\n',
  );
}

/** Answer an Upgrade request with a plain HTTP response and close the connection. */
export function refuseUpgrade(socket: Duplex, code: number, statusText: string, contentType: string, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  socket.end(`HTTP/1.1 ${code} ${statusText}\r\nContent-Type: ${contentType}\r\nCache-Control: no-cache, private\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n${body}`);
}
