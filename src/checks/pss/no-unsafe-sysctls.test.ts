import { CheckTester } from '../../testing/check-tester.js';
import { noUnsafeSysctls } from './no-unsafe-sysctls.js';

CheckTester.run(noUnsafeSysctls, {
  valid: [
    { name: 'no sysctls', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsNonRoot: true}
  containers: [{name: app, image: app:1}]
` },
    { name: 'the whole safe set', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext:
        sysctls:
        - {name: kernel.shm_rmid_forced, value: "1"}
        - {name: net.ipv4.ip_local_port_range, value: "1024 65000"}
        - {name: net.ipv4.ip_unprivileged_port_start, value: "0"}
        - {name: net.ipv4.tcp_syncookies, value: "1"}
        - {name: net.ipv4.ping_group_range, value: "0 2147483647"}
        - {name: net.ipv4.ip_local_reserved_ports, value: "30000-30100"}
        - {name: net.ipv4.tcp_keepalive_time, value: "600"}
        - {name: net.ipv4.tcp_fin_timeout, value: "30"}
        - {name: net.ipv4.tcp_keepalive_intvl, value: "30"}
        - {name: net.ipv4.tcp_keepalive_probes, value: "5"}
        - {name: net.ipv4.tcp_rmem, value: "4096 87380 16777216"}
        - {name: net.ipv4.tcp_wmem, value: "4096 65536 16777216"}
      containers: [{name: app, image: app:1}]
` },
    { name: 'malformed sysctls are tolerated', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {sysctls: "kernel.msgmax=65536"}
  containers: [{name: app, image: app:1}]
` },
  ],
  invalid: [
    {
      name: 'pod: unsafe sysctls among safe ones',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.tcp_syncookies
      value: "1"
    - name: kernel.msgmax
      value: "65536"
    - name: net.core.somaxconn
      value: "1024"
  containers: [{name: app, image: app:1}]
`,
      findings: [
        { messageId: 'unsafe', path: '/spec/securityContext/sysctls/1/name', line: 9 },
        { messageId: 'unsafe', path: '/spec/securityContext/sysctls/2/name', line: 11 },
      ],
    },
    {
      name: 'cronjob, once per object whatever the number of containers',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {sysctls: [{name: vm.overcommit_memory, value: "1"}]}
          initContainers: [{name: init, image: app:1}]
          containers: [{name: a, image: app:1}, {name: b, image: app:1}]
`,
      findings: [{ messageId: 'unsafe', path: '/spec/jobTemplate/spec/template/spec/securityContext/sysctls/0/name', line: 10 }],
    },
  ],
});
