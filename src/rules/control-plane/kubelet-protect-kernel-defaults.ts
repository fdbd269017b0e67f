import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-protect-kernel-defaults',
    title: 'Kubelets should refuse to run with unexpected kernel settings',
    severity: 'low',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    optIn: true,
    controls: [],
    description:
      "protectKernelDefaults: true makes the kubelet fail instead of silently changing kernel sysctls it expects (vm.overcommit_memory, kernel.panic...), so kernel tuning stays under the node's configuration management. The nodes must be provisioned with those sysctls, or the kubelet will not start: opt-in. Earlier CIS releases numbered this 4.2.6; the v1.10 benchmark no longer lists it.",
    remediation: 'Provision the node sysctls the kubelet expects and set protectKernelDefaults: true.',
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    if (v.protectKernelDefaults === true) return;
    ctx.report({
      path: v.protectKernelDefaults === undefined ? [] : ['protectKernelDefaults'],
      message: 'protectKernelDefaults is not true: the kubelet changes kernel settings it does not expect instead of failing',
    });
  },
});
