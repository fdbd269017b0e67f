import { formatPath } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { isEncryptionConfiguration } from './component.js';
import { encryptionEntries, keyDate, LOCAL_KEY_PROVIDERS, parseDay } from './encryption.js';

export default defineRule({
  meta: {
    id: 'encryption-key-age',
    title: 'Local encryption keys must be rotated (maximum key age)',
    severity: 'medium',
    category: 'control-plane',
    targets: ['EncryptionConfiguration'],
    needs: 'object',
    controls: [{ framework: 'nsa', id: 'nsa-network-secrets' }],
    description:
      'Keys of the aescbc, aesgcm and secretbox providers live in the file and are rotated by hand: a new key goes ' +
      'first, data is rewritten, the old key is removed. This rule judges the age of the key that encrypts writes (the ' +
      'first key of the first provider of each entry) from its name, by the convention key-YYYYMMDD or ' +
      'key-YYYY-MM-DD (any prefix; the date the key was created at the end). It is off until the option maxKeyAgeDays ' +
      'is set; the engine reads no clock, so the option today (YYYY-MM-DD) must be given too (the CLI can fill it). ' +
      'With the option on, a key whose name carries no date is reported as well. KMS providers rotate their own keys ' +
      'and are not checked.',
    remediation:
      'Add a new key (named key-<today>) first in the provider, restart the API servers, rewrite all Secrets ' +
      '(kubectl get secrets -A -o json | kubectl replace -f -), then remove the old key.',
    options: {
      maxKeyAgeDays: {
        type: 'number',
        default: 0,
        min: 0,
        integer: true,
        description: 'Largest acceptable age of the encrypting key, in days; 0 turns the rule off.',
      },
      today: {
        type: 'string',
        default: '',
        description: "Today's date (YYYY-MM-DD), needed when maxKeyAgeDays is set: rules read no clock.",
      },
    },
    references: ['https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/#rotating-a-decryption-key'],
  },
  check(obj, ctx) {
    const max = ctx.options.maxKeyAgeDays;
    if (max <= 0 || !isEncryptionConfiguration(obj)) return;
    const today = parseDay(ctx.options.today);
    if (today === undefined)
      throw new Error(`option today must be a date (YYYY-MM-DD) when maxKeyAgeDays is set (got "${ctx.options.today}")`);
    for (const e of encryptionEntries(obj.value)) {
      const first = e.providers[0];
      if (!first || !LOCAL_KEY_PROVIDERS.includes(first.type)) continue;
      const keys = first.config.keys;
      const key = Array.isArray(keys) ? keys[0] : undefined;
      const name = key && typeof key === 'object' ? (key as { name?: unknown }).name : undefined;
      if (typeof name !== 'string') continue;
      const namePath = [...first.path, first.type, 'keys', 0, 'name'];
      const created = keyDate(name);
      if (created === undefined) {
        ctx.report({
          path: namePath,
          message: `key "${name}" encrypting ${formatPath(e.path)} has no date in its name (key-YYYYMMDD or key-YYYY-MM-DD): its age cannot be judged`,
          severity: 'low',
        });
        continue;
      }
      const age = today - created;
      if (age > max)
        ctx.report({
          path: namePath,
          message: `key "${name}" encrypting ${formatPath(e.path)} is ${age} days old (more than ${max}): rotate it`,
        });
    }
  },
});
