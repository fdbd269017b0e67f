import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-serving-certificate.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [
    { name: 'serverTLSBootstrap', yaml: kubelet('serverTLSBootstrap: true') },
    {
      name: 'certificate files',
      yaml: kubelet('tlsCertFile: /var/lib/kubelet/pki/kubelet.crt\ntlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key'),
    },
  ],
  invalid: [
    {
      name: 'self-signed (nothing set)',
      doc: true,
      yaml: kubelet('rotateCertificates: true'),
      findings: [{ path: '', message: 'neither serverTLSBootstrap nor tlsCertFile' }],
    },
    {
      name: 'bootstrap off, key missing',
      yaml: kubelet('serverTLSBootstrap: false\ntlsCertFile: /pki/kubelet.crt'),
      findings: [{ path: 'serverTLSBootstrap', message: 'must both be set' }],
    },
  ],
});
