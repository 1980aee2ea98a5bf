// Protocol selection (istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection and
// pkg/config/kube/conversion_test.go TestConvertProtocol): appProtocol wins over the name, name prefixes before
// "-", case-insensitive, the well-known ports default to TCP, anything else is sniffed.
import { describe, expect, it } from 'vitest';
import { portProtocol } from './model.ts';

describe('portProtocol (kube.ConvertProtocol)', () => {
  const cases: { name: string; port: number; portName?: string; appProtocol?: string; proto?: string; want: string }[] = [
    { name: 'http', port: 80, portName: 'http', want: 'HTTP' },
    { name: 'http-foo prefix', port: 80, portName: 'http-foo', want: 'HTTP' },
    { name: 'upper case', port: 80, portName: 'HTTP-api', want: 'HTTP' },
    { name: 'http2', port: 80, portName: 'http2-foo', want: 'HTTP2' },
    { name: 'grpc', port: 80, portName: 'grpc', want: 'GRPC' },
    { name: 'grpc-web is HTTP', port: 80, portName: 'grpc-web-x', want: 'HTTP' },
    { name: 'https', port: 443, portName: 'https', want: 'HTTPS' },
    { name: 'tls', port: 443, portName: 'tls-x', want: 'TLS' },
    { name: 'tcp', port: 9000, portName: 'tcp', want: 'TCP' },
    { name: 'mongo', port: 9000, portName: 'mongo', want: 'TCP' },
    { name: 'mysql', port: 9000, portName: 'mysql', want: 'TCP' },
    { name: 'redis', port: 9000, portName: 'redis', want: 'TCP' },
    { name: 'UDP protocol', port: 53, portName: 'dns', proto: 'UDP', want: 'UDP' },
    { name: 'unnamed port: sniffed', port: 8080, want: 'AUTO' },
    { name: 'unknown name: sniffed', port: 8080, portName: 'web', want: 'AUTO' },
    { name: 'unknown name on MySQL port 3306: TCP', port: 3306, portName: 'db', want: 'TCP' },
    { name: 'unnamed on MongoDB port 27017: TCP', port: 27017, want: 'TCP' },
    { name: 'unnamed on DNS port 53/TCP: TCP', port: 53, want: 'TCP' },
    { name: 'unnamed on SMTP port 25: TCP', port: 25, want: 'TCP' },
    { name: 'appProtocol http', port: 8080, portName: 'tcp-x', appProtocol: 'http', want: 'HTTP' },
    { name: 'appProtocol replaces the name even when unknown', port: 8080, portName: 'http', appProtocol: 'foo', want: 'AUTO' },
    { name: 'appProtocol kubernetes.io/h2c', port: 8080, appProtocol: 'kubernetes.io/h2c', want: 'HTTP2' },
    { name: 'appProtocol kubernetes.io/ws', port: 8080, appProtocol: 'kubernetes.io/ws', want: 'HTTP' },
    { name: 'appProtocol kubernetes.io/wss', port: 8080, appProtocol: 'kubernetes.io/wss', want: 'HTTPS' },
  ];
  for (const tc of cases) it(tc.name, () => expect(portProtocol(tc.portName, tc.appProtocol, tc.proto, tc.port)).toBe(tc.want));
});
