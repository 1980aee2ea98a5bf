// The WebSocket codec against RFC 6455's own examples (section 1.3 for the handshake key, 5.7 for frames).
import { describe, expect, it } from 'vitest';
import { acceptKey, encodeFrame, FrameReader } from './websocket.ts';
import { execStatus } from './exec.ts';

describe('RFC 6455 examples', () => {
  it('Sec-WebSocket-Accept for the sample nonce (1.3)', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
  const reads: Array<{ name: string; chunks: number[][]; want: Array<{ opcode: number; text: string }> }> = [
    { name: 'a masked text message "Hello"', chunks: [[0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]], want: [{ opcode: 1, text: 'Hello' }] },
    { name: 'a fragmented unmasked text message', chunks: [[0x01, 0x03, 0x48, 0x65, 0x6c], [0x80, 0x02, 0x6c, 0x6f]], want: [{ opcode: 1, text: 'Hello' }] },
    { name: 'a frame split across reads', chunks: [[0x81, 0x85, 0x37, 0xfa], [0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]], want: [{ opcode: 1, text: 'Hello' }] },
    { name: 'a masked ping with body "Hello"', chunks: [[0x89, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]], want: [{ opcode: 9, text: 'Hello' }] },
  ];
  for (const c of reads) {
    it(`reads ${c.name}`, () => {
      const r = new FrameReader();
      const got = c.chunks.flatMap((ch) => r.push(Buffer.from(ch)));
      expect(got.map((f) => ({ opcode: f.opcode, text: f.payload.toString('utf8') }))).toEqual(c.want);
    });
  }
  it('writes an unmasked "Hello" (5.7)', () => {
    expect([...encodeFrame(0x1, Buffer.from('Hello'))]).toEqual([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
  });
  it('writes a 256-byte binary message with a 16-bit length (5.7)', () => {
    expect([...encodeFrame(0x2, Buffer.alloc(256)).subarray(0, 4)]).toEqual([0x82, 0x7e, 0x01, 0x00]);
  });
  it('writes a 64 KiB binary message with a 64-bit length (5.7)', () => {
    expect([...encodeFrame(0x2, Buffer.alloc(65536)).subarray(0, 10)]).toEqual([0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0]);
  });
});

// The kubelet's final status on the error channel (cri/streaming/remotecommand's ServeExec).
describe('exec status', () => {
  it('success', () => expect(execStatus({ stdout: '', stderr: '', exitCode: 0 }, ['ls'])).toEqual({ metadata: {}, status: 'Success' }));
  it('non-zero exit code', () => {
    expect(execStatus({ stdout: '', stderr: '', exitCode: 3 }, ['sh', '-c', 'exit 3'])).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });
});
