// The checks Go's crypto/tls X509KeyPair makes before `kubectl create secret tls` builds the Secret, with
// its error texts: PEM blocks of the right types, a parsable leaf certificate and private key (PKCS#1,
// PKCS#8 or SEC 1), and a private key that belongs to the certificate's public key.
import { KubectlError } from '../../errors.ts';
import { decodeAll } from './pem.ts';
import { parseCertificatePublicKey, type PublicKey } from './x509.ts';
import { parsePrivateKey } from './privatekey.ts';
import { sameBytes } from './der.ts';

function fail(message: string): never {
  throw new KubectlError(message);
}

/** tls.X509KeyPair(cert, key); throws KubectlError with Go's message when the pair is not usable. */
export function checkX509KeyPair(certPEM: string, keyPEM: string): void {
  const certs: Uint8Array[] = [];
  const skipped: string[] = [];
  for (const b of decodeAll(certPEM)) {
    if (b.type === 'CERTIFICATE') certs.push(b.bytes);
    else skipped.push(b.type);
  }
  if (certs.length === 0) {
    if (skipped.length === 0) fail('tls: failed to find any PEM data in certificate input');
    if (skipped.length === 1 && skipped[0].endsWith('PRIVATE KEY')) {
      fail('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    }
    fail(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
  }

  const keySkipped: string[] = [];
  const keyBlock = decodeAll(keyPEM).find((b) => {
    const isKey = b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY');
    if (!isKey) keySkipped.push(b.type);
    return isKey;
  });
  if (!keyBlock) {
    if (keySkipped.length === 0) fail('tls: failed to find any PEM data in key input');
    if (keySkipped.length === 1 && keySkipped[0] === 'CERTIFICATE') fail('tls: found a certificate rather than a key in the PEM for the private key');
    fail(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${keySkipped.join(' ')}]`);
  }

  const pub = parseCertificatePublicKey(certs[0]);
  if (typeof pub === 'string') fail(pub);
  const priv = parsePrivateKey(keyBlock.bytes);
  if (typeof priv === 'string') fail(priv);
  matchKeys(pub, priv);
}

function matchKeys(pub: PublicKey | undefined, priv: Exclude<ReturnType<typeof parsePrivateKey>, string>): void {
  if (!pub || pub.type === 'other') fail('tls: unknown public key algorithm');
  if (pub.type !== priv.type) fail('tls: private key type does not match public key type');
  const mismatch = 'tls: private key does not match public key';
  if (pub.type === 'rsa' && priv.type === 'rsa' && pub.n !== priv.n) fail(mismatch);
  // The private key's own copy of its public point stands in for deriving it from the scalar.
  if (pub.type === 'ecdsa' && priv.type === 'ecdsa' && (pub.curve !== priv.curve || (priv.point && !sameBytes(pub.point, priv.point)))) fail(mismatch);
  if (pub.type === 'ed25519' && priv.type === 'ed25519' && priv.publicKey && !sameBytes(pub.key, priv.publicKey)) fail(mismatch);
}
