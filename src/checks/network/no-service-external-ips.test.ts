import { CheckTester } from '../../testing/check-tester.js';
import { noServiceExternalIps } from './no-service-external-ips.js';

CheckTester.run(noServiceExternalIps, {
  valid: [
    { name: 'no externalIPs', yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec: {selector: {app: web}, ports: [{port: 80}]}
` },
    { name: 'empty externalIPs', yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec: {externalIPs: []}
` },
    { name: 'no spec at all', yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
` },
  ],
  invalid: [
    {
      name: 'externalIPs set',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: s, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
  externalIPs:
  - 23.185.0.3
  - 1.1.1.1
`,
      findings: [{ messageId: 'externalIps', path: '/spec/externalIPs', line: 7 }],
    },
    {
      name: 'a string where a list is expected',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec: {externalIPs: 10.0.0.1}
`,
      findings: [{ messageId: 'externalIps', path: '/spec/externalIPs' }],
    },
  ],
});
