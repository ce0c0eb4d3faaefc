import { CheckTester } from '../../testing/check-tester.js';
import { requireNamespacePodSecurityEnforce } from './require-namespace-pod-security-enforce.js';

CheckTester.run(requireNamespacePodSecurityEnforce, {
  valid: [
    { name: 'restricted', yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {pod-security.kubernetes.io/enforce: restricted}
` },
    { name: 'baseline with a pinned version', yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.30
` },
  ],
  invalid: [
    {
      name: 'no labels at all',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`,
      findings: [{ messageId: 'missing', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', line: 3 }],
    },
    {
      name: 'only warn and audit labels',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/warn: restricted
    pod-security.kubernetes.io/audit: restricted
`,
      findings: [{ messageId: 'missing', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', line: 5 }],
    },
    {
      name: 'privileged level',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: infra
  labels:
    pod-security.kubernetes.io/enforce: privileged
`,
      findings: [{ messageId: 'privileged', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', line: 6 }],
    },
    {
      name: 'invalid level values (levels are case-sensitive)',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: a
  labels: {pod-security.kubernetes.io/enforce: Restricted}
---
apiVersion: v1
kind: Namespace
metadata:
  name: b
  labels: {pod-security.kubernetes.io/enforce: "true"}
`,
      findings: [
        { messageId: 'invalid', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', line: 5 },
        { messageId: 'invalid', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', line: 11 },
      ],
    },
  ],
});
