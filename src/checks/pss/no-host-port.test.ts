import { CheckTester } from '../../testing/check-tester.js';
import { noHostPort } from './no-host-port.js';

CheckTester.run(noHostPort, {
  valid: [
    { name: 'container ports only', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 8080}, {containerPort: 8443, name: https}]
` },
    { name: 'hostPort 0 means none', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 80, hostPort: 0}]}]
` },
    { name: 'malformed ports are tolerated', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: web, image: nginx:1.27, ports: "80:80"}, {name: b, image: b:1, ports: [8080, null]}]
` },
  ],
  invalid: [
    {
      name: 'one finding per host port',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
      hostPort: 80
    - containerPort: 443
    - containerPort: 8443
      hostPort: 8443
`,
      findings: [
        { messageId: 'hostPort', path: '/spec/containers/0/ports/0/hostPort', line: 10 },
        { messageId: 'hostPort', path: '/spec/containers/0/ports/2/hostPort', line: 13 },
      ],
    },
    {
      name: 'cronjob init and ephemeral containers',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: app:1, ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]}]
          containers: [{name: app, image: app:1, ports: [{containerPort: 8080}]}]
          ephemeralContainers: [{name: dbg, image: app:1, ports: [{containerPort: 9000, hostPort: 9000}]}]
`,
      findings: [
        { messageId: 'hostPort', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/ports/0/hostPort', line: 10 },
        { messageId: 'hostPort', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/ports/0/hostPort', line: 12 },
      ],
    },
  ],
});
