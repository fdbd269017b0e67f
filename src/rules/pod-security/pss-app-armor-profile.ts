import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-app-armor-profile',
  control: 'appArmorProfile',
  level: 'baseline',
  title: 'AppArmor must not be disabled or set to a custom host profile',
  severity: 'high',
  description:
    'Overriding or disabling the default AppArmor profile removes a kernel-level confinement layer from the container.',
  remediation:
    'Remove Unconfined AppArmor settings (securityContext.appArmorProfile or the container.apparmor.security.beta.kubernetes.io annotations); use RuntimeDefault or a Localhost profile.',
  controls: [],
});
