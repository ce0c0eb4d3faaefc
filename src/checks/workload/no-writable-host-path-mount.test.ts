import { CheckTester } from '../../testing/check-tester.js';
import { noWritableHostPathMount } from './no-writable-host-path-mount.js';

CheckTester.run(noWritableHostPathMount, {
  valid: [
    {
      name: 'read-only hostPath mounts and writable non-hostPath volumes',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      initContainers: [{name: init, image: busybox:1.36, volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]}]
      containers:
      - name: agent
        image: agent:1
        volumeMounts:
        - {name: logs, mountPath: /var/log/pods, readOnly: true}
        - {name: scratch, mountPath: /tmp}
      ephemeralContainers: [{name: dbg, image: busybox:1.36, volumeMounts: [{name: logs, mountPath: /l, readOnly: true}]}]
      volumes:
      - {name: logs, hostPath: {path: /var/log/pods}}
      - {name: scratch, emptyDir: {}}
`,
    },
    {
      name: 'an unmounted hostPath volume has no writable mount',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
  volumes: [{name: data, hostPath: {path: /mnt/data}}]
`,
    },
  ],
  invalid: [
    {
      name: 'deployment: readOnly unset, false, and a string',
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
        - name: data
          mountPath: /data
        - name: data
          mountPath: /data2
          readOnly: false
        - {name: data, mountPath: /data3, readOnly: "true"}
        - {name: cache, mountPath: /cache}
      volumes:
      - {name: data, hostPath: {path: /mnt/data, type: DirectoryOrCreate}}
      - {name: cache, emptyDir: {}}
`,
      findings: [
        { messageId: 'writable', path: '/spec/template/spec/containers/0/volumeMounts/0/readOnly', line: 11 },
        { messageId: 'writable', path: '/spec/template/spec/containers/0/volumeMounts/1/readOnly', line: 15 },
        { messageId: 'writable', path: '/spec/template/spec/containers/0/volumeMounts/2/readOnly', line: 16 },
      ],
    },
    {
      name: 'cronjob: init and ephemeral containers',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: busybox:1.36, volumeMounts: [{name: host, mountPath: /h}]}]
          containers: [{name: app, image: busybox:1.36, volumeMounts: [{name: host, mountPath: /h, readOnly: true}]}]
          ephemeralContainers: [{name: dbg, image: busybox:1.36, volumeMounts: [{name: host, mountPath: /h}]}]
          volumes: [{name: host, hostPath: {path: /srv}}]
`,
      findings: [
        { messageId: 'writable', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/volumeMounts/0/readOnly', line: 10 },
        { messageId: 'writable', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/volumeMounts/0/readOnly', line: 12 },
      ],
    },
  ],
});
