import { dockerMac, mac, type CniName, type NodeNet, type PodNet } from './model.ts';

/** `ip addr` on a node (iproute2 format). `vips` are the ClusterIPs on kube-ipvs0 in ipvs mode. */
export function ipAddr(cni: CniName, node: NodeNet, pods: PodNet[], vips: string[]): string {
  const out: string[] = [];
  const lft = '       valid_lft forever preferred_lft forever';
  out.push('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000');
  out.push('    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00');
  out.push('    inet 127.0.0.1/8 scope host lo', lft, '    inet6 ::1/128 scope host ', lft);
  const last = Number(node.ip.split('.')[3]);
  out.push(`2: eth0@if${last + 6}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default `);
  out.push(`    link/ether ${dockerMac(node.ip)} brd ff:ff:ff:ff:ff:ff link-netnsid 0`);
  out.push(`    inet ${node.ip}/16 brd 172.18.255.255 scope global eth0`, lft);
  if (cni === 'flannel') {
    out.push('3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default ');
    out.push(`    link/ether ${mac(`flannel.1/${node.name}`)} brd ff:ff:ff:ff:ff:ff`);
    out.push(`    inet ${node.prefix}.0/32 scope global flannel.1`, lft);
    out.push('4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000');
    out.push(`    link/ether ${mac(`cni0/${node.name}`)} brd ff:ff:ff:ff:ff:ff`);
    out.push(`    inet ${node.prefix}.1/24 brd ${node.prefix}.255 scope global cni0`, lft);
  } else {
    out.push('3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000');
    out.push('    link/ipip 0.0.0.0 brd 0.0.0.0');
    out.push(`    inet ${node.prefix}.0/32 brd ${node.prefix}.0 scope global tunl0`, lft);
  }
  let idx = cni === 'flannel' ? 5 : 4;
  if (vips.length > 0) {
    out.push(`${idx++}: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default `);
    out.push(`    link/ether ${mac(`kube-ipvs0/${node.name}`)} brd ff:ff:ff:ff:ff:ff`);
    for (const ip of vips) out.push(`    inet ${ip}/32 scope global kube-ipvs0`, lft);
  }
  for (const p of pods) {
    if (cni === 'flannel') {
      out.push(`${p.ifindex}: ${p.hostIf}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP group default `);
      out.push(`    link/ether ${mac(`${p.hostIf}/host`)} brd ff:ff:ff:ff:ff:ff link-netns ${p.netns}`);
    } else {
      out.push(`${p.ifindex}: ${p.hostIf}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP group default `);
      out.push(`    link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netns ${p.netns}`);
    }
  }
  return out.join('\n') + '\n';
}

/** `ip route` on a node: flannel routes other nodes' /24s via flannel.1 onlink; Calico (IPIP) via tunl0, proto bird. */
export function ipRoute(cni: CniName, node: NodeNet, all: NodeNet[], pods: PodNet[]): string {
  const out = ['default via 172.18.0.1 dev eth0 '];
  const sorted = [...all].sort((a, b) => Number(a.prefix.split('.')[2]) - Number(b.prefix.split('.')[2]) || Number(a.prefix.split('.')[1]) - Number(b.prefix.split('.')[1]));
  if (cni === 'flannel') {
    for (const n of sorted) {
      if (n.name === node.name) out.push(`${n.podCIDR} dev cni0 proto kernel scope link src ${n.prefix}.1 `);
      else out.push(`${n.podCIDR} via ${n.prefix}.0 dev flannel.1 onlink `);
    }
  } else {
    for (const n of sorted) {
      if (n.name === node.name) {
        out.push(`blackhole ${n.podCIDR} proto bird `);
        for (const p of [...pods].sort((a, b) => Number(a.ip.split('.')[3]) - Number(b.ip.split('.')[3]))) out.push(`${p.ip} dev ${p.hostIf} scope link `);
      } else out.push(`${n.podCIDR} via ${n.ip} dev tunl0 proto bird onlink `);
    }
  }
  out.push(`172.18.0.0/16 dev eth0 proto kernel scope link src ${node.ip} `);
  return out.join('\n') + '\n';
}
