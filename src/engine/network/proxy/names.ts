import { hashedName } from './sha256.ts';

/**
 * kube-proxy's chain names (pkg/proxy/iptables/proxier.go): servicePortChainNameBase hashes
 * `ServicePortName.String() + lowercase protocol` ("ns/name:port" + "tcp"), the endpoint variant appends the
 * endpoint's "ip:port"; both keep the first 16 characters of base32(SHA-256).
 */
export function servicePortChainNameBase(svcPortName: string, protocol: string): string {
  return hashedName('', svcPortName + protocol.toLowerCase());
}

export function servicePortEndpointChainNameBase(svcPortName: string, protocol: string, endpoint: string): string {
  return hashedName('', svcPortName + protocol.toLowerCase() + endpoint);
}

/** The KUBE-SEP-… chain of one endpoint of a service port, as one flat string. */
export function endpointChainName(svcPortName: string, protocol: string, endpoint: string): string {
  return hashedName('KUBE-SEP-', svcPortName + protocol.toLowerCase() + endpoint);
}

/** ServicePortName.String(): "ns/name:port", or "ns/name" for an unnamed port. */
export function servicePortNameString(namespace: string, name: string, port: string): string {
  return port ? `${namespace}/${name}:${port}` : `${namespace}/${name}`;
}

const probabilities = new Map<number, string>();

/** proxier.probability(n): fmt.Sprintf("%0.10f", 1.0/float64(n)), cached as upstream does. */
export function probability(n: number): string {
  let p = probabilities.get(n);
  if (p === undefined) {
    p = (1 / n).toFixed(10);
    probabilities.set(n, p);
  }
  return p;
}
