import { CheckTester } from '../../testing/check-tester.js';
import { noSshPort } from './no-ssh-port.js';

CheckTester.run(noSshPort, {
  valid: [
    {
      name: 'other ports, and port 22 over UDP or SCTP',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: app:1
    ports:
    - {containerPort: 8080}
    - {containerPort: 2222, name: alt-ssh}
    - {containerPort: 22, protocol: UDP}
    - {containerPort: 22, protocol: SCTP}
`,
    },
    {
      name: 'ephemeral containers cannot declare ports',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
  ephemeralContainers: [{name: dbg, image: busybox:1.36, ports: [{containerPort: 22}]}]
`,
    },
    { name: 'wrongly typed ports are tolerated', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: app, image: app:1, ports: "22"}, {name: b, image: app:1, ports: [22, null]}]}
` },
  ],
  invalid: [
    {
      name: 'deployment: protocol unset and TCP, reported per port',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        ports:
        - containerPort: 8080
        - containerPort: 22
          name: ssh
        - containerPort: 22
          protocol: TCP
        - {containerPort: 22, protocol: UDP}
`,
      findings: [
        { messageId: 'ssh', path: '/spec/template/spec/containers/0/ports/1/containerPort', line: 12 },
        { messageId: 'ssh', path: '/spec/template/spec/containers/0/ports/2/containerPort', line: 14 },
      ],
    },
    {
      name: 'cronjob: init container (a sidecar) with port 22',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: sshd, image: sshd:9, restartPolicy: Always, ports: [{containerPort: 22}]}]
          containers: [{name: app, image: busybox:1.36}]
`,
      findings: [{ messageId: 'ssh', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/ports/0/containerPort', line: 10 }],
    },
  ],
});
