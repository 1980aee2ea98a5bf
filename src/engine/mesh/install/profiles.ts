/** istioctl's built-in profiles (manifests/profiles/*.yaml): which components each installs. */
export type ProfileName = 'default' | 'demo' | 'minimal' | 'empty';

export interface Profile {
  name: ProfileName;
  ingressGateway: boolean;
  egressGateway: boolean;
  pilot: boolean;
  /** istiod's resource requests (demo shrinks them to fit small clusters). */
  pilotRequests: { cpu: string; memory: string };
  /** Access logs to stdout (demo turns them on: meshConfig.accessLogFile=/dev/stdout). */
  accessLogs: boolean;
}

export const profiles: Record<ProfileName, Profile> = {
  default: { name: 'default', pilot: true, ingressGateway: true, egressGateway: false, pilotRequests: { cpu: '500m', memory: '2Gi' }, accessLogs: false },
  demo: { name: 'demo', pilot: true, ingressGateway: true, egressGateway: true, pilotRequests: { cpu: '10m', memory: '100Mi' }, accessLogs: true },
  minimal: { name: 'minimal', pilot: true, ingressGateway: false, egressGateway: false, pilotRequests: { cpu: '500m', memory: '2Gi' }, accessLogs: false },
  empty: { name: 'empty', pilot: false, ingressGateway: false, egressGateway: false, pilotRequests: { cpu: '500m', memory: '2Gi' }, accessLogs: false },
};

/** The components a profile installs, as istioctl names them in its prompt and progress lines. */
export function componentNames(p: Profile): string[] {
  return ['Istio core', ...(p.pilot ? ['Istiod'] : []), ...(p.ingressGateway ? ['Ingress gateways'] : []), ...(p.egressGateway ? ['Egress gateways'] : [])];
}
