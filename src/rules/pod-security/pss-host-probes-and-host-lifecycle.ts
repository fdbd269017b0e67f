import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-host-probes-and-host-lifecycle',
  control: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'Probes and lifecycle handlers must not target other hosts',
  severity: 'medium',
  description:
    'A probe or lifecycle handler with a host field makes the kubelet send requests to arbitrary addresses (a server-side request forgery vector); Pod Security baseline forbids it from policy v1.34.',
  remediation: 'Remove the host field from httpGet and tcpSocket probes and lifecycle handlers; probe the pod itself.',
  controls: [],
});
