import {
  containerLabel,
  containersOf,
  isRecord,
  isWindowsPod,
  podTemplateOf,
  POD_BEARING_KINDS,
  POD_CONTAINER_KINDS,
} from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { containerAt, deepestSecurityContextPath, setInSecurityContext } from '../../core/security-context.js';

const FIELD = 'readOnlyRootFilesystem';
/** Ephemeral (debug) containers are added at run time to inspect a pod; they are not held to this. */
const KINDS = POD_CONTAINER_KINDS;

export default defineRule({
  meta: {
    id: 'read-only-root-filesystem',
    title: 'Containers should run with a read-only root filesystem',
    severity: 'medium',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [],
    description:
      'A writable root filesystem lets an attacker who gets code execution in the container drop tools, modify binaries and ' +
      'libraries, or persist changes for as long as the container lives. A read-only root makes the image immutable at run ' +
      'time and confines writes to the volumes you declare.',
    remediation:
      'Set securityContext.readOnlyRootFilesystem: true on every container and mount an emptyDir (or another volume) at each ' +
      'path the application has to write to, such as /tmp or a cache directory.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
    ],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl || isWindowsPod(tpl.spec)) return;
    for (const c of containersOf(obj, KINDS)) {
      const sc = c.container.securityContext;
      const value = isRecord(sc) ? sc[FIELD] : undefined;
      if (value === true) continue;
      const what =
        value === undefined || value === null || value === false
          ? 'has a writable root filesystem'
          : `sets readOnlyRootFilesystem to ${JSON.stringify(value)}, which is not the boolean true`;
      ctx.report({
        path: deepestSecurityContextPath(c, FIELD),
        message: `${containerLabel(c)} ${what}: set securityContext.readOnlyRootFilesystem=true`,
      });
    }
  },
  fix(obj, finding) {
    const c = containerAt(obj, finding.path);
    return c ? setInSecurityContext(c, FIELD, true) : undefined;
  },
});
