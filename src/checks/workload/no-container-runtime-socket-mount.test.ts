import { CheckTester } from '../../testing/check-tester.js';
import { noContainerRuntimeSocketMount } from './no-container-runtime-socket-mount.js';

CheckTester.run(noContainerRuntimeSocketMount, {
  valid: [
    {
      name: 'host paths that are not, and do not contain, runtime sockets',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      containers:
      - name: agent
        image: agent:1
        volumeMounts:
        - {name: data, mountPath: /data}
        - {name: backup, mountPath: /backup}
        - {name: lookalike, mountPath: /x}
        - {name: other-run, mountPath: /y}
        - {name: relative, mountPath: /z}
      volumes:
      - {name: data, hostPath: {path: /var/lib/agent}}
      - {name: backup, hostPath: {path: /var/run/docker.sock.bak}}
      - {name: lookalike, hostPath: {path: /var/running/docker.sock}}
      - {name: other-run, hostPath: {path: /run/user/1000}}
      - {name: relative, hostPath: {path: var/run/docker.sock}}
      - {name: cache, emptyDir: {}}
`,
    },
    {
      name: 'a subPath can narrow a broad host path away from the sockets',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1, volumeMounts: [{name: run, mountPath: /lock, subPath: lock/app}]}]
  volumes: [{name: run, hostPath: {path: /run}}]
`,
    },
    {
      name: 'the root filesystem is reported by no-sensitive-host-path-mount instead',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1, volumeMounts: [{name: root, mountPath: /host}]}]
  volumes: [{name: root, hostPath: {path: /}}]
`,
    },
  ],
  invalid: [
    {
      name: 'deployment: socket files, socket directories and their parent, unnormalised paths',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: builder
        image: docker:27
        volumeMounts:
        - name: docker
          mountPath: /var/run/docker.sock
        - name: docker
          mountPath: /again/docker.sock
      - name: ctr
        image: ctr:1
        volumeMounts:
        - {name: containerd, mountPath: /run/containerd}
        - {name: run, mountPath: /host/run, readOnly: true}
        - {name: crio, mountPath: /crio.sock}
      volumes:
      - name: docker
        hostPath: {path: "//var/run/./docker.sock/", type: Socket}
      - {name: containerd, hostPath: {path: /run/containerd/}}
      - {name: run, hostPath: {path: /var/run}}
      - {name: crio, hostPath: {path: /var/run/crio/../crio/crio.sock}}
`,
      findings: [
        { messageId: 'mounted', path: '/spec/template/spec/containers/0/volumeMounts/0', line: 11 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/1/volumeMounts/0', line: 18 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/1/volumeMounts/1', line: 19 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/1/volumeMounts/2', line: 20 },
      ],
    },
    {
      name: 'cronjob: init and ephemeral containers, subPath into a socket, an unmounted volume',
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
          - {name: init, image: busybox:1.36, volumeMounts: [{name: host, mountPath: /s, subPath: run/containerd/containerd.sock}]}
          containers:
          - {name: app, image: busybox:1.36, volumeMounts: [{name: host, mountPath: /opt, subPath: opt}]}
          ephemeralContainers:
          - {name: dbg, image: busybox:1.36, volumeMounts: [{name: crio, mountPath: /crio}]}
          volumes:
          - {name: host, hostPath: {path: /}}
          - {name: crio, hostPath: {path: /var/run/crio}}
          - name: spare
            hostPath: {path: /run/docker.sock}
`,
      findings: [
        { messageId: 'mounted', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/volumeMounts/0', line: 11 },
        { messageId: 'mounted', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/volumeMounts/0', line: 15 },
        { messageId: 'volume', path: '/spec/jobTemplate/spec/template/spec/volumes/2/hostPath/path', line: 20 },
      ],
    },
    {
      name: 'windows: the Docker and containerd named pipes',
      yaml: String.raw`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: win-agent}
spec:
  template:
    spec:
      os: {name: windows}
      containers:
      - name: agent
        image: agent:1
        volumeMounts:
        - {name: docker, mountPath: '\\.\pipe\docker_engine'}
        - {name: containerd, mountPath: '\\.\pipe\containerd-containerd'}
        - {name: other, mountPath: '\\.\pipe\other'}
      volumes:
      - {name: docker, hostPath: {path: '\\.\pipe\docker_engine'}}
      - {name: containerd, hostPath: {path: '//./pipe/Containerd-Containerd'}}
      - {name: other, hostPath: {path: '\\.\pipe\other'}}
`,
      findings: [
        { messageId: 'mounted', path: '/spec/template/spec/containers/0/volumeMounts/0', line: 12 },
        { messageId: 'mounted', path: '/spec/template/spec/containers/0/volumeMounts/1', line: 13 },
      ],
    },
    {
      name: 'wrongly typed volumes and mounts are tolerated',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: app:1, volumeMounts: "docker"}
  - {name: b, image: app:1, volumeMounts: [null, 3, {name: docker, mountPath: /d}]}
  volumes: [null, "x", {name: 7, hostPath: {path: /run/docker.sock}}, {name: docker, hostPath: {path: /run/docker.sock}}, {name: bad, hostPath: "/run/docker.sock"}]
`,
      findings: [{ messageId: 'mounted', path: '/spec/containers/1/volumeMounts/2' }],
    },
  ],
});
