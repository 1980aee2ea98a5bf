import type { KubeObject } from '../../api/types.ts';
import type { DownstreamTlsContext, FilterChain, Listener } from '../envoy/types.ts';
import type { MeshRequest, Resp } from './envoy.ts';
import { chainBySni, tcpProxyOf } from './tls.ts';

type Failure = { fail: Pick<Resp, 'reset' | 'closed' | 'tlsFailed'>; title: string; detail: string[] };

/** A Secret usable as a gateway certificate (Istio's credentialName: kubernetes.io/tls keys, or generic cert/key). */
function hasKeyPair(s: KubeObject | undefined): boolean {
  const d = (s as { data?: Record<string, string> } | undefined)?.data ?? {};
  return (!!d['tls.crt'] && !!d['tls.key']) || (!!d.cert && !!d.key);
}

function hasCa(s: KubeObject | undefined): boolean {
  const d = (s as { data?: Record<string, string> } | undefined)?.data ?? {};
  return !!d['ca.crt'] || !!d.cacert;
}

/**
 * A gateway listener's filter chain for a downstream connection, as Envoy picks it: TLS clients by SNI (the
 * request's host; exact, then wildcard, then catch-all), plaintext clients the chain without TLS. A chain without
 * a TLS context is PASSTHROUGH: the stream goes on untouched (`passthrough`). For a terminating chain the handshake
 * then needs the SDS certificate ("kubernetes://NAME": the Secret NAME in the gateway's namespace) and, for MUTUAL,
 * the CA ("NAME-cacert": ca.crt in the same Secret or a Secret NAME-cacert) and a client certificate.
 */
export function gatewayChain(l: Listener, req: MeshRequest, secret: (name: string) => KubeObject | undefined): { chain: FilterChain; detail: string[]; passthrough?: boolean } | Failure {
  const inspects = !!l.listenerFilters?.some((f) => f.name === 'envoy.filters.listener.tls_inspector');
  const sni = req.authority.replace(/:\d+$/, '');
  if (req.scheme !== 'https') {
    const plain = inspects ? chainBySni(l.filterChains, undefined) : l.filterChains.find((c) => !c.transportSocket);
    if (plain && !plain.transportSocket && !(inspects && tcpProxyOf(plain))) return { chain: plain, detail: [] };
    return { fail: { closed: true }, title: `plaintext on a TLS port: no filter chain matches (${l.name})`, detail: ['the tls_inspector finds no TLS ClientHello and every filter chain of the listener requires TLS: Envoy closes the connection'] };
  }
  if (!inspects) return { fail: { tlsFailed: 'wrong-version' }, title: `TLS to a plaintext port (${l.name})`, detail: ['the Gateway server on this port is HTTP: the HTTP connection manager answers the ClientHello with an HTTP error, which the client reads as a bad TLS record'] };
  // curl offers h2 and http/1.1: chains for Istio's mTLS ALPNs (AUTO_PASSTHROUGH) are not for it.
  const chain = chainBySni(l.filterChains, sni, ['h2', 'http/1.1']);
  if (!chain) return { fail: { tlsFailed: 'handshake' }, title: `no filter chain for SNI ${sni}`, detail: [`the listener's filter chains serve ${l.filterChains.map((c) => (c.filterChainMatch?.serverNames ?? ['*']).join(',')).join('; ')}: Envoy closes the connection during the handshake`] };
  if (!chain.transportSocket) return { chain, passthrough: true, detail: [`TLS passthrough filter chain for SNI ${(chain.filterChainMatch?.serverNames ?? ['*']).join(',')}: the TLS stream is forwarded without being terminated`] };
  const ctx = chain.transportSocket!.typedConfig as DownstreamTlsContext;
  const certName = ctx.commonTlsContext.tlsCertificateSdsSecretConfigs[0]?.name ?? '';
  const detail = [`TLS filter chain for SNI ${sni}: certificate ${certName}${ctx.requireClientCertificate ? ', client certificate required' : ''}`];
  if (certName.startsWith('kubernetes://')) {
    const name = certName.slice('kubernetes://'.length);
    const s = secret(name);
    if (!hasKeyPair(s)) return { fail: { tlsFailed: 'handshake' }, title: `TLS handshake failed: no certificate ${certName}`, detail: [`the Secret ${name} ${s ? 'holds no tls.crt/tls.key (or cert/key)' : 'does not exist'} in the gateway's namespace: SDS never delivers the certificate, so the filter chain has none and Envoy aborts the handshake`] };
    if (ctx.requireClientCertificate && !hasCa(s) && !hasCa(secret(`${name}-cacert`))) return { fail: { tlsFailed: 'handshake' }, title: `TLS handshake failed: no CA ${certName}-cacert`, detail: [`MUTUAL needs a ca.crt in the Secret ${name} or a Secret ${name}-cacert to check client certificates`] };
  }
  if (ctx.requireClientCertificate && !req.clientCert) return { fail: { tlsFailed: 'cert-required' }, title: 'TLS handshake failed: client certificate required', detail: ['the Gateway server is MUTUAL (or ISTIO_MUTUAL): the client presented no certificate, so Envoy sends the alert "certificate required"'] };
  return { chain, detail };
}
