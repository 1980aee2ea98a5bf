import { DOWNSTREAM_TLS_TYPE, UPSTREAM_TLS_TYPE, type CommonTlsContext, type TransportSocket } from '../envoy/types.ts';

const sdsConfig = { apiConfigSource: { apiType: 'GRPC', grpcServices: [{ envoyGrpc: { clusterName: 'sds-grpc' } }], setNodeOnFirstMessageOnly: true, transportApiVersion: 'V3' }, initialFetchTimeout: '0s', resourceApiVersion: 'V3' };

function common(alpn: string[], san?: string): CommonTlsContext {
  return {
    tlsCertificateSdsSecretConfigs: [{ name: 'default', sdsConfig }],
    combinedValidationContext: {
      defaultValidationContext: san ? { matchSubjectAltNames: [{ exact: san }] } : {},
      validationContextSdsSecretConfig: { name: 'ROOTCA' },
    },
    alpnProtocols: alpn,
  };
}

/** The client side of Istio mTLS towards `sni` ("outbound_.9080_.v1_.reviews.default.svc.cluster.local"). */
export function istioMutualUpstream(sni: string): TransportSocket {
  return {
    name: 'envoy.transport_sockets.tls',
    typedConfig: { '@type': UPSTREAM_TLS_TYPE, commonTlsContext: common(['istio-peer-exchange', 'istio']), sni },
  };
}

/** The server side of Istio mTLS on an inbound filter chain (client certificates required). */
export function istioMutualDownstream(): TransportSocket {
  return {
    name: 'envoy.transport_sockets.tls',
    typedConfig: { '@type': DOWNSTREAM_TLS_TYPE, commonTlsContext: common(['h2', 'http/1.1']), requireClientCertificate: true },
  };
}

export const rawBuffer: TransportSocket = {
  name: 'envoy.transport_sockets.raw_buffer',
  typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer' },
};

/** The SNI Istio uses for a cluster: outbound_.PORT_.SUBSET_.HOST. */
export function clusterSni(port: number, subset: string, host: string): string {
  return `outbound_.${port}_.${subset}_.${host}`;
}
