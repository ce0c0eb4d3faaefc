import { CheckTester } from '../../testing/check-tester.js';
import { noSensitiveHostPathMount } from './no-sensitive-host-path-mount.js';

CheckTester.run(noSensitiveHostPathMount, {
  valid: [
    {
      name: 'agent subdirectories of exact-only entries, and unrelated paths',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: logs}
spec:
  template:
    spec:
      containers:
      - name: collector
        image: fluent-bit:3.0
        volumeMounts:
        - {name: pods, mountPath: /var/log/pods, readOnly: true}
        - {name: containers, mountPath: /var/lib/docker/containers, readOnly: true}
        - {name: fuse, mountPath: /dev/fuse}
        - {name: data, mountPath: /data}
        - {name: etc-lookalike, mountPath: /e}
      volumes:
      - {name: pods, hostPath: {path: /var/log/pods}}
      - {name: containers, hostPath: {path: /var/lib/docker/containers}}
      - {name: fuse, hostPath: {path: /dev/fuse}}
      - {name: data, hostPath: {path: /mnt/data}}
      - {name: etc-lookalike, hostPath: {path: /etcetera}}
`,
    },
    {
      name: 'runtime sockets are left to no-container-runtime-socket-mount',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: docker:27, volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}, {name: run, mountPath: /r}]}]
  volumes: [{name: sock, hostPath: {path: /var/run/docker.sock}}, {name: run, hostPath: {path: /run}}]
`,
    },
    {
      name: 'a subPath narrows the root filesystem to a harmless directory',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1, volumeMounts: [{name: root, mountPath: /data, subPath: srv/data}]}]
  volumes: [{name: root, hostPath: {path: /}}]
`,
    },
  ],
  invalid: [
    {
      name: 'deployment: root, /etc subtree, /proc, kubelet state, /var (contains it), unnormalised /var/log',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        volumeMounts:
        - {name: root, mountPath: /host}
        - {name: kubeconf, mountPath: /k, readOnly: true}
        - {name: proc, mountPath: /hostproc}
      - name: side
        image: side:1
        volumeMounts:
        - {name: kubelet, mountPath: /kubelet}
        - {name: var, mountPath: /var-host}
        - {name: logs, mountPath: /logs}
        - {name: bin, mountPath: /b}
      volumes:
      - {name: root, hostPath: {path: /}}
      - {name: kubeconf, hostPath: {path: /etc/kubernetes/pki}}
      - {name: proc, hostPath: {path: /proc/1/root}}
      - {name: kubelet, hostPath: {path: /var/lib/kubelet/pods}}
      - {name: var, hostPath: {path: /var}}
      - {name: logs, hostPath: {path: "/var//log/"}}
      - {name: bin, hostPath: {path: /usr/./bin/..}}
`,
      findings: [
        { messageId: 'mounted', path: '/spec/template/spec/containers/0/volumeMounts/0', line: 11 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/0/volumeMounts/1', line: 12 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/0/volumeMounts/2', line: 13 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/1/volumeMounts/0', line: 17 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/1/volumeMounts/1', line: 18 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/1/volumeMounts/2', line: 19 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/1/volumeMounts/3', line: 20 },
      ],
    },
    {
      name: 'cronjob: init and ephemeral containers, a subPath into /etc, an unmounted volume',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - {name: init, image: busybox:1.36, volumeMounts: [{name: host, mountPath: /shadow, subPath: etc/shadow}]}
          containers:
          - {name: app, image: busybox:1.36, volumeMounts: [{name: host, mountPath: /srv, subPath: srv}]}
          ephemeralContainers:
          - {name: dbg, image: busybox:1.36, volumeMounts: [{name: sys, mountPath: /sys-host}]}
          volumes:
          - {name: host, hostPath: {path: /}}
          - {name: sys, hostPath: {path: /sys/fs/cgroup}}
          - name: spare
            hostPath: {path: /root/.ssh}
`,
      findings: [
        { messageId: 'mounted', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/volumeMounts/0', line: 11 },
        { messageId: 'mounted', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/volumeMounts/0', line: 15 },
        { messageId: 'volume', path: '/spec/jobTemplate/spec/template/spec/volumes/2/hostPath/path', line: 20 },
      ],
    },
  ],
});
