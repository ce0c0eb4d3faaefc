import { CheckTester } from '../../testing/check-tester.js';
import { noDisallowedVolumeTypes } from './no-disallowed-volume-types.js';

CheckTester.run(noDisallowedVolumeTypes, {
  valid: [
    { name: 'every allowed type', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: app, image: app:1}]
      volumes:
      - {name: a, configMap: {name: cfg}}
      - {name: b, csi: {driver: secrets-store.csi.k8s.io}}
      - {name: c, downwardAPI: {items: []}}
      - {name: d, emptyDir: {}}
      - {name: e, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}}
      - {name: f, persistentVolumeClaim: {claimName: data}}
      - {name: g, projected: {sources: []}}
      - {name: h, secret: {secretName: s}}
      - {name: i, image: {reference: "registry.example.com/models/llm:v1", pullPolicy: IfNotPresent}}
      - {name: j}
` },
    { name: 'null sources are unset', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
  volumes: [{name: a, nfs: null, emptyDir: {}}]
` },
  ],
  invalid: [
    {
      name: 'pod: hostPath (also reported by no-host-path-volume) and nfs',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
  volumes:
  - name: ok
    secret: {secretName: s}
  - name: logs
    hostPath: {path: /var/log}
  - name: share
    nfs:
      server: nfs.example.com
      path: /exports
`,
      findings: [
        { messageId: 'disallowed', path: '/spec/volumes/1/hostPath', line: 10 },
        { messageId: 'disallowed', path: '/spec/volumes/2/nfs', line: 12 },
      ],
    },
    {
      name: 'cronjob: legacy in-tree types',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: app, image: app:1}]
          volumes:
          - {name: repo, gitRepo: {repository: "https://example.com/r.git"}}
          - {name: disk, awsElasticBlockStore: {volumeID: vol-1}}
`,
      findings: [
        { messageId: 'disallowed', path: '/spec/jobTemplate/spec/template/spec/volumes/0/gitRepo', line: 12 },
        { messageId: 'disallowed', path: '/spec/jobTemplate/spec/template/spec/volumes/1/awsElasticBlockStore', line: 13 },
      ],
    },
  ],
});
