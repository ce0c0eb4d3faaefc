import { CheckTester } from '../../testing/check-tester.js';
import { noHostPathVolume } from './no-host-path-volume.js';

CheckTester.run(noHostPathVolume, {
  valid: [
    { name: 'core volume types', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: app, image: app:1}]
      volumes:
      - {name: cache, emptyDir: {}}
      - {name: cfg, configMap: {name: cfg}}
      - {name: data, persistentVolumeClaim: {claimName: data}}
` },
    { name: 'null hostPath is unset', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
  volumes: [{name: v, hostPath: null, emptyDir: {}}]
` },
    { name: 'malformed volumes are tolerated', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
  volumes: "hostPath"
` },
  ],
  invalid: [
    {
      name: 'pod: names the volume and host path',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
  volumes:
  - name: cache
    emptyDir: {}
  - name: docker-sock
    hostPath:
      path: /var/run/docker.sock
      type: Socket
`,
      findings: [{ messageId: 'hostPath', path: '/spec/volumes/1/hostPath', line: 10 }],
    },
    {
      name: 'cronjob, hostPath without a path and without a name',
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
          - {name: root, hostPath: {path: /}}
          - {hostPath: {}}
`,
      findings: [
        { messageId: 'hostPath', path: '/spec/jobTemplate/spec/template/spec/volumes/0/hostPath', line: 12 },
        { messageId: 'hostPath', path: '/spec/jobTemplate/spec/template/spec/volumes/1/hostPath', line: 13 },
      ],
    },
  ],
});
