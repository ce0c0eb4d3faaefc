import { CheckTester } from '../../testing/check-tester.js';
import { noUnsafeSelinuxOptions } from './no-unsafe-selinux-options.js';

CheckTester.run(noUnsafeSelinuxOptions, {
  valid: [
    { name: 'unset', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
` },
    { name: 'container types and an MCS level', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {seLinuxOptions: {level: "s0:c123,c456"}}
      initContainers: [{name: init, image: app:1, securityContext: {seLinuxOptions: {type: container_init_t}}}]
      containers:
      - {name: app, image: app:1, securityContext: {seLinuxOptions: {type: container_t, user: "", role: ""}}}
      - {name: vm, image: vm:1, securityContext: {seLinuxOptions: {type: container_kvm_t}}}
      - {name: engine, image: engine:1, securityContext: {seLinuxOptions: {type: container_engine_t}}}
` },
  ],
  invalid: [
    {
      name: 'pod level type, user and role',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    seLinuxOptions:
      type: spc_t
      user: system_u
      role: system_r
  containers:
  - name: app
    image: app:1
    securityContext:
      seLinuxOptions: {type: container_t}
`,
      findings: [
        { messageId: 'type', path: '/spec/securityContext/seLinuxOptions/type', line: 7 },
        { messageId: 'user', path: '/spec/securityContext/seLinuxOptions/user', line: 8 },
        { messageId: 'role', path: '/spec/securityContext/seLinuxOptions/role', line: 9 },
      ],
    },
    {
      name: 'cronjob: containers override an allowed pod type',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {seLinuxOptions: {type: container_t}}
          initContainers: [{name: init, image: app:1, securityContext: {seLinuxOptions: {type: unconfined_t}}}]
          containers: [{name: app, image: app:1}]
          ephemeralContainers: [{name: dbg, image: app:1, securityContext: {seLinuxOptions: {user: sysadm_u}}}]
`,
      findings: [
        { messageId: 'type', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/seLinuxOptions/type', line: 11 },
        { messageId: 'user', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/seLinuxOptions/user', line: 13 },
      ],
    },
  ],
});
