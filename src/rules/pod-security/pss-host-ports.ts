import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-host-ports',
  control: 'hostPorts',
  level: 'baseline',
  title: 'Containers must not use host ports',
  severity: 'medium',
  description: 'A hostPort binds the container to a port on the node, bypassing network policy and limiting scheduling.',
  remediation: 'Remove ports[].hostPort; expose the pod through a Service instead.',
  controls: [{ framework: 'cis-k8s', id: '5.2.13' }],
});
