import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveRealKubectl, kubectl, newCluster, realKubectl } from '../../apply/testkit.ts';
import { tlsFixtures } from './fixtures.ts';

const f = tlsFixtures;
const der = (pem: string) => Buffer.from(pem.split('\n').filter((l) => l && !l.startsWith('-----')).join(''), 'base64');
const pem = (type: string, bytes: Buffer) => `-----BEGIN ${type}-----\n${bytes.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${type}-----\n`;

// Files handed to `kubectl create secret tls --cert=... --key=...`, beyond the openssl-made fixtures.
const crafted: Record<string, string> = {
  'both.pem': f['rsa.crt'] + f['rsa.key'],
  'crlf.crt': f['ec.crt'].replace(/\n/g, '\r\n'),
  'junk-then-cert.crt': 'subject=CN = web\nissuer=CN = web\n-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n' + f['rsa.crt'],
  'hello.txt': 'hello\n',
  'empty.txt': '',
  'junk.crt': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
  'junk.key': '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
  'foo-bar.pem': '-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n-----BEGIN BAR-----\nAAAA\n-----END BAR-----\n',
  'foo.pem': '-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n',
  'truncated.crt': pem('CERTIFICATE', der(f['rsa.crt']).subarray(0, 200)),
  'trailing.crt': pem('CERTIFICATE', Buffer.concat([der(f['rsa.crt']), Buffer.from([0, 0])])),
  'unterminated.crt': f['rsa.crt'].replace('-----END CERTIFICATE-----', ''),
  'wrong-end.crt': f['rsa.crt'].replace('END CERTIFICATE', 'END CERTIFICATES'),
};

const files: Record<string, string> = { ...f, ...crafted };

/** [cert, key, kubectl 1.32's error (empty: accepted)] */
const cases: Array<[string, string, string]> = [
  ['rsa.crt', 'rsa.key', ''],
  ['rsa.crt', 'rsa1.key', ''],
  ['ec.crt', 'ec.key', ''],
  ['ec.crt', 'ecsec1.key', ''],
  ['ed.crt', 'ed.key', ''],
  ['both.pem', 'both.pem', ''],
  ['crlf.crt', 'ec.key', ''],
  ['junk-then-cert.crt', 'rsa.key', ''],
  ['rsa.crt', 'rsa2p8.key', 'tls: private key does not match public key'],
  ['ec.crt', 'ec2.key', 'tls: private key does not match public key'],
  ['ec.crt', 'rsa.key', 'tls: private key type does not match public key type'],
  ['rsa.crt', 'ec.key', 'tls: private key type does not match public key type'],
  ['ed.crt', 'rsa1.key', 'tls: private key type does not match public key type'],
  ['ed.crt', 'x25519.key', 'tls: found unknown private key type in PKCS#8 wrapping'],
  ['rsa.key', 'rsa.crt', 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched'],
  ['rsa.crt', 'rsa.crt', 'tls: found a certificate rather than a key in the PEM for the private key'],
  ['hello.txt', 'rsa.key', 'tls: failed to find any PEM data in certificate input'],
  ['empty.txt', 'rsa.key', 'tls: failed to find any PEM data in certificate input'],
  ['unterminated.crt', 'rsa.key', 'tls: failed to find any PEM data in certificate input'],
  ['wrong-end.crt', 'rsa.key', 'tls: failed to find any PEM data in certificate input'],
  ['rsa.crt', 'hello.txt', 'tls: failed to find any PEM data in key input'],
  ['foo-bar.pem', 'rsa.key', 'tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [FOO BAR]'],
  ['foo.pem', 'rsa.key', 'tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [FOO]'],
  ['rsa.crt', 'foo-bar.pem', 'tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [FOO BAR]'],
  ['junk.crt', 'rsa.key', 'x509: malformed certificate'],
  ['truncated.crt', 'rsa.key', 'x509: malformed certificate'],
  ['trailing.crt', 'rsa.key', 'x509: trailing data'],
  ['rsa.crt', 'junk.key', 'tls: failed to parse private key'],
  ['rsa.crt', 'nope.key', 'Cannot read file nope.key, open nope.key: no such file or directory'],
];

function labCluster() {
  const c = newCluster();
  for (const [name, text] of Object.entries(files)) c.runtime.files.set(name, text);
  return c;
}

let dir = '';
function realIn(argv: string[]): { stdout: string; stderr: string; code: number } {
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'kubelab-tls-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  }
  try {
    const stdout = execFileSync(realKubectl, argv, { cwd: dir, env: { KUBECONFIG: '/dev/null', PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return { stdout, stderr: '', code: 0 };
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer; status?: number };
    return { stdout: err.stdout?.toString() ?? '', stderr: err.stderr?.toString() ?? '', code: err.status ?? 1 };
  }
}

describe('create secret tls checks the pair as Go crypto/tls X509KeyPair does', () => {
  for (const [cert, key, want] of cases) {
    const argv = ['create', 'secret', 'tls', 'web-tls', `--cert=${cert}`, `--key=${key}`, '--dry-run=client', '-o', 'name'];
    it(`${cert} + ${key} → ${want || 'accepted'}`, () => {
      const got = kubectl(labCluster(), argv);
      expect(got).toEqual(want ? { stdout: '', stderr: `error: ${want}\n`, code: 1 } : { stdout: 'secret/web-tls\n', stderr: '', code: 0 });
    });
    it.skipIf(!haveRealKubectl)(`${cert} + ${key}: kubectl 1.32 agrees (skipped without /usr/bin/kubectl)`, () => {
      expect(realIn(argv)).toEqual(kubectl(labCluster(), argv));
    });
  }
});

describe('create secret tls output matches kubectl 1.32 (skipped without /usr/bin/kubectl)', () => {
  const outputs: string[][] = [
    ['create', 'secret', 'tls', 'web-tls', '--cert=rsa.crt', '--key=rsa.key', '--dry-run=client', '-o', 'yaml'],
    ['create', 'secret', 'tls', 'web-tls', '--cert=ec.crt', '--key=ec.key', '--dry-run=client', '-o', 'json', '-n', 'dev'],
    ['create', 'secret', 'tls', 'web-tls', '--cert=ed.crt', '--key=ed.key', '--dry-run=client', '--append-hash', '-o', 'yaml'],
    ['create', 'secret', 'tls', 'web-tls', '--cert=rsa.crt', '--key=rsa1.key', '--dry-run=client', '--append-hash'],
    ['create', 'secret', 'generic', 'g', '--from-literal=a=1', '--from-literal=b=<&>', '--append-hash', '--dry-run=client', '-o', 'name'],
    ['create', 'secret', 'generic', 'g', '--type=Opaque', '--append-hash', '--dry-run=client', '-o', 'name'],
    ['create', 'configmap', 'c', '--from-literal=a=1', '--from-file=ed.crt', '--append-hash', '--dry-run=client', '-o', 'name'],
    ['create', 'configmap', 'c', '--append-hash', '--dry-run=client', '-o', 'name'],
  ];
  for (const argv of outputs) {
    it.skipIf(!haveRealKubectl)(argv.slice(1).join(' '), () => {
      expect(kubectl(labCluster(), argv)).toEqual(realIn(argv));
    });
  }
});

describe('create secret tls golden', () => {
  it('the Secret holds the files verbatim, base64-encoded, with type kubernetes.io/tls', () => {
    const got = kubectl(labCluster(), ['create', 'secret', 'tls', 'web-tls', '--cert=ec.crt', '--key=ec.key', '--dry-run=client', '-o', 'json']);
    const obj = JSON.parse(got.stdout);
    expect(Object.keys(obj)).toEqual(['kind', 'apiVersion', 'metadata', 'data', 'type']);
    expect(obj.type).toBe('kubernetes.io/tls');
    expect(Buffer.from(obj.data['tls.crt'], 'base64').toString()).toBe(f['ec.crt']);
    expect(Buffer.from(obj.data['tls.key'], 'base64').toString()).toBe(f['ec.key']);
  });
  it('--append-hash names the secret after its content, as kubectl 1.32 does', () => {
    // Names kubectl 1.32 printed for the same content.
    const a = kubectl(labCluster(), ['create', 'secret', 'tls', 'web-tls', '--cert=rsa.crt', '--key=rsa.key', '--append-hash', '--dry-run=client', '-o', 'name']).stdout;
    const b = kubectl(labCluster(), ['create', 'secret', 'tls', 'web-tls', '--cert=ec.crt', '--key=ec.key', '--append-hash', '--dry-run=client', '-o', 'name']).stdout;
    expect(a).toBe('secret/web-tls-4mb2t927k9\n');
    expect(a).not.toBe(b);
    expect(kubectl(labCluster(), ['create', 'configmap', 'c', '--from-literal=a=1', '--append-hash', '--dry-run=client', '-o', 'name']).stdout).toBe('configmap/c-9dtcmmmm5t\n');
  });
  it('a directory is not a file', () => {
    const c = labCluster();
    c.runtime.files.set('certs/tls.crt', f['rsa.crt']);
    expect(kubectl(c, ['create', 'secret', 'tls', 's', '--cert=certs', '--key=rsa.key']).stderr).toBe('error: Cannot read file certs, read certs: is a directory\n');
  });
});
