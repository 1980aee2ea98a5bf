/**
 * The nat-table rules `istio-iptables` (run by the istio-init container) writes into an injected pod's network
 * namespace, in `iptables-save` form: inbound TCP is redirected to Envoy's 15006, outbound to 15001, except
 * traffic from the proxy itself (uid 1337), to localhost, and the excluded inbound ports.
 */
export interface IptablesOptions {
  /** -p: outbound capture port. */
  proxyPort: number;
  /** -z: inbound capture port. */
  inboundPort: number;
  /** -u: the proxy's uid (and -g gid). */
  proxyUid: number;
  /** -d: inbound ports not captured. */
  excludeInboundPorts: number[];
}

export const defaultIptables: IptablesOptions = { proxyPort: 15001, inboundPort: 15006, proxyUid: 1337, excludeInboundPorts: [15090, 15021, 15020] };

/** Parse istio-iptables' flags from the init container's args. */
export function parseIptablesArgs(argv: readonly string[]): IptablesOptions {
  const o = { ...defaultIptables, excludeInboundPorts: [...defaultIptables.excludeInboundPorts] };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '-p') o.proxyPort = Number(v);
    else if (argv[i] === '-z') o.inboundPort = Number(v);
    else if (argv[i] === '-u') o.proxyUid = Number(v);
    else if (argv[i] === '-d') o.excludeInboundPorts = (v ?? '').split(',').filter(Boolean).map(Number);
  }
  return o;
}

/** The rules, as `iptables-save -t nat` prints them (counters zero). */
export function istioIptablesSave(o: IptablesOptions = defaultIptables): string {
  const lines = [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':ISTIO_INBOUND - [0:0]',
    ':ISTIO_IN_REDIRECT - [0:0]',
    ':ISTIO_OUTPUT - [0:0]',
    ':ISTIO_REDIRECT - [0:0]',
    '-A PREROUTING -p tcp -j ISTIO_INBOUND',
    '-A OUTPUT -p tcp -j ISTIO_OUTPUT',
    '-A ISTIO_INBOUND -p tcp -m tcp --dport 15008 -j RETURN',
    '-A ISTIO_INBOUND -p tcp -m tcp --dport 22 -j RETURN',
    ...o.excludeInboundPorts.map((p) => `-A ISTIO_INBOUND -p tcp -m tcp --dport ${p} -j RETURN`),
    '-A ISTIO_INBOUND -p tcp -j ISTIO_IN_REDIRECT',
    `-A ISTIO_IN_REDIRECT -p tcp -j REDIRECT --to-ports ${o.inboundPort}`,
    '-A ISTIO_OUTPUT -s 127.0.0.6/32 -o lo -j RETURN',
    `-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -o lo -p tcp -m tcp ! --dport 15008 -m owner --uid-owner ${o.proxyUid} -j ISTIO_IN_REDIRECT`,
    `-A ISTIO_OUTPUT -o lo -m owner ! --uid-owner ${o.proxyUid} -j RETURN`,
    `-A ISTIO_OUTPUT -m owner --uid-owner ${o.proxyUid} -j RETURN`,
    `-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -o lo -m owner --gid-owner ${o.proxyUid} -j ISTIO_IN_REDIRECT`,
    `-A ISTIO_OUTPUT -o lo -m owner ! --gid-owner ${o.proxyUid} -j RETURN`,
    `-A ISTIO_OUTPUT -m owner --gid-owner ${o.proxyUid} -j RETURN`,
    '-A ISTIO_OUTPUT -d 127.0.0.1/32 -j RETURN',
    '-A ISTIO_OUTPUT -j ISTIO_REDIRECT',
    `-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports ${o.proxyPort}`,
    'COMMIT',
  ];
  return lines.join('\n') + '\n';
}
