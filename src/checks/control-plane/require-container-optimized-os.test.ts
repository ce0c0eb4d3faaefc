import { CheckTester } from '../../testing/check-tester.js';
import { node } from '../../testing/control-plane.js';
import { requireContainerOptimizedOs } from './require-container-optimized-os.js';

CheckTester.run(requireContainerOptimizedOs, {
  valid: [
    node('bottlerocket', { osImage: 'Bottlerocket OS 1.20.3 (aws-k8s-1.30)', operatingSystem: 'linux' }),
    node('gke', { osImage: 'Container-Optimized OS from Google', operatingSystem: 'linux' }),
    node('flatcar', { osImage: 'Flatcar Container Linux by Kinvolk 3815.2.2 (Oklo)' }),
    node('talos', { osImage: 'Talos (v1.7.5)' }),
    node('fcos', { osImage: 'Fedora CoreOS 40.20240616.3.0' }),
    node('ocp', { osImage: 'Red Hat Enterprise Linux CoreOS 416.94.202406251923-0 (Plow)' }),
    { name: 'windows node', yaml: node('win', { osImage: 'Windows Server 2022 Datacenter', operatingSystem: 'windows' }) },
    { name: 'windows by label', yaml: node('win2', { osImage: 'Microsoft Server' }, { 'kubernetes.io/os': 'windows' }) },
    { name: 'no status (a manifest, not a live node)', yaml: 'apiVersion: v1\nkind: Node\nmetadata: {name: n}\n' },
    { name: 'osImage of the wrong type', yaml: 'apiVersion: v1\nkind: Node\nmetadata: {name: n}\nstatus: {nodeInfo: {osImage: [Ubuntu]}}\n' },
  ],
  invalid: [
    {
      name: 'ubuntu',
      yaml: node('worker-1', { osImage: 'Ubuntu 22.04.4 LTS', operatingSystem: 'linux', kubeletVersion: 'v1.30.2' }),
      findings: [{ messageId: 'generalPurposeOs', path: '/status/nodeInfo/osImage', line: 8, message: /Node "worker-1" runs Ubuntu 22\.04\.4 LTS/ }],
    },
    {
      name: 'amazon linux',
      yaml: node('ip-10-0-1-5', { osImage: 'Amazon Linux 2023.5.20240701' }),
      findings: [{ messageId: 'generalPurposeOs', path: '/status/nodeInfo/osImage' }],
    },
  ],
});
