import { CheckTester } from '../../testing/check-tester.js';
import { noHostProcess } from './no-host-process.js';

CheckTester.run(noHostProcess, {
  valid: [
    { name: 'windows pod without hostProcess', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  securityContext: {windowsOptions: {runAsUserName: ContainerUser}}
  containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
` },
    { name: 'explicit false at pod and container level', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {windowsOptions: {hostProcess: false}}
      containers: [{name: app, image: app:1, securityContext: {windowsOptions: {hostProcess: false}}}]
` },
    { name: 'malformed windowsOptions is tolerated', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {windowsOptions: hostProcess}
  containers: [{name: app, image: app:1, securityContext: "nope"}]
` },
  ],
  invalid: [
    {
      name: 'pod level true is reported once, even when a container sets false',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  securityContext:
    windowsOptions:
      hostProcess: true
  containers:
  - name: a
    image: app:1
  - name: b
    image: app:1
    securityContext:
      windowsOptions: {hostProcess: false}
`,
      findings: [{ messageId: 'hostProcess', path: '/spec/securityContext/windowsOptions/hostProcess', line: 8 }],
    },
    {
      name: 'cronjob: each init, regular and ephemeral container that sets it',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: true
          initContainers:
          - {name: init, image: app:1, securityContext: {windowsOptions: {hostProcess: true}}}
          containers:
          - {name: ok, image: app:1}
          - {name: host, image: app:1, securityContext: {windowsOptions: {hostProcess: true}}}
          ephemeralContainers:
          - {name: dbg, image: app:1, securityContext: {windowsOptions: {hostProcess: true}}}
`,
      findings: [
        { messageId: 'hostProcess', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/windowsOptions/hostProcess', line: 12 },
        { messageId: 'hostProcess', path: '/spec/jobTemplate/spec/template/spec/containers/1/securityContext/windowsOptions/hostProcess', line: 15 },
        { messageId: 'hostProcess', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/windowsOptions/hostProcess', line: 17 },
      ],
    },
    {
      name: 'pod and container both set it: two places',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      securityContext: {windowsOptions: {hostProcess: true}}
      containers: [{name: agent, image: agent:1, securityContext: {windowsOptions: {hostProcess: true}}}]
`,
      findings: [
        { messageId: 'hostProcess', path: '/spec/template/spec/securityContext/windowsOptions/hostProcess' },
        { messageId: 'hostProcess', path: '/spec/template/spec/containers/0/securityContext/windowsOptions/hostProcess' },
      ],
    },
  ],
});
