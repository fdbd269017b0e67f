import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-rotate-certificates',
    title: 'Kubelets must rotate their client certificates',
    severity: 'medium',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '4.2.10' }],
    description:
      "rotateCertificates: true has the kubelet request a new client certificate before the current one expires; without it the node's credential is long-lived, and the node falls off the cluster when it expires. The KubeletConfiguration default is false, so an unset field is reported too (stricter than kube-bench, which passes it). kubeadm sets true.",
    remediation: 'Set rotateCertificates: true.',
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    if (v.rotateCertificates === true) return;
    ctx.report({
      path: v.rotateCertificates === undefined ? [] : ['rotateCertificates'],
      message: `${v.rotateCertificates === undefined ? 'rotateCertificates is not set (defaults to false)' : `rotateCertificates ${String(v.rotateCertificates)}`}: the kubelet's client certificate is not rotated`,
    });
  },
});
