import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
// format.ts holds only strings and layouts (no crypto, no providers): parsing the annotation here
// is the same reading `palisade secrets` does, without loading any key provider.
import { ANNOTATION, parseMeta } from '../../secrets/format.js';
import { dayNumber, parseDay } from '../control-plane/encryption.js';
import { isCoreSecret } from './managers.js';

/** `created` as written by `palisade secrets` (UTC, seconds; fractions tolerated) to days since
 *  the epoch; undefined when it is not such a timestamp of a real calendar date. */
function createdDay(created: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/.exec(created);
  return m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

const REMEDIATION =
  'Give the Secret a new data key: `palisade secrets rotate --new-data-key FILE` re-encrypts every value under a ' +
  'fresh data key (and a new `created` date) for the same recipients; remove recipients who should no longer read ' +
  'the Secret at the same time. Commit the result. A broken annotation cannot be repaired by hand (the MAC covers ' +
  'it): restore the file from Git history, or re-create the Secret from its source values and encrypt it again.';

export default defineRule({
  meta: {
    id: 'secret-data-key-age',
    title: 'Encrypted Secrets must get a new data key regularly (maximum data key age)',
    severity: 'medium',
    category: 'secrets',
    targets: ['Secret'],
    needs: 'object',
    controls: [
      { framework: 'pci-dss', id: '3.7.4' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      'A Secret encrypted by `palisade secrets` carries one data key (DEK), wrapped for each recipient, in its ' +
      '`palisade.dev/encryption` annotation; `created` records when the DEK was made. Editing and re-encrypting keep ' +
      'the DEK (so diffs stay small), and removing a recipient does not change it: whoever could once unwrap it — ' +
      'a former team member, a retired or leaked key encryption key, any old commit in Git history with its wrapped ' +
      'copy, a CI job that decrypted the file — can read every value committed under it until the Secret gets a ' +
      'new DEK. The DEK age is the length of that window. This rule reports an encrypted Secret whose DEK is older ' +
      'than maxAgeDays (default 90). Why 90: a quarter bounds how long a revoked reader can keep reading new ' +
      'values, matches the common 90-day rotation period of credential policies and quarterly access reviews, ' +
      'sits well inside the cryptoperiod NIST SP 800-57 Part 1 suggests for symmetric data encryption keys (up to ' +
      'two years), and rotating a DEK costs one command with the same keys. Age is counted in whole UTC days from ' +
      'the date of `created` to today; a DEK exactly maxAgeDays old passes. The engine reads no clock: the option ' +
      'today (YYYY-MM-DD) is filled by `palisade scan` and `palisade compliance`. A `palisade.dev/encryption` ' +
      'annotation that cannot be read (not JSON, missing fields, an unknown format version, a `created` that is ' +
      'not a UTC timestamp) is reported too: such a Secret cannot be decrypted at deploy, and the age of its key ' +
      'cannot be judged. So is a `created` date in the future (a wrong clock, or an edited annotation). Secrets without the annotation are not encrypted by Palisade and are ' +
      'left to secret-plaintext-in-manifest. Only the annotation is read; nothing is decrypted or verified (that ' +
      'needs the key: `palisade secrets status` and `decrypt` do it).',
    remediation: REMEDIATION,
    options: {
      maxAgeDays: {
        type: 'number',
        default: 90,
        min: 1,
        integer: true,
        description: 'Largest acceptable age of a data key, in days (disable the rule to turn the check off).',
      },
      today: {
        type: 'string',
        default: '',
        description: "Today's date (YYYY-MM-DD), filled by the CLI: rules read no clock.",
      },
    },
    references: [
      'https://csrc.nist.gov/pubs/sp/800/57/pt1/r5/final',
      'https://docs-prv.pcisecuritystandards.org/PCI%20DSS/Standard/PCI-DSS-v4_0.pdf',
    ],
  },
  check(obj, ctx) {
    if (!isCoreSecret(obj)) return;
    const metadata = obj.value.metadata;
    const annotations = isRecord(metadata) ? metadata.annotations : undefined;
    if (!isRecord(annotations) || !(ANNOTATION in annotations)) return; // not encrypted by Palisade
    const path = ['metadata', 'annotations', ANNOTATION];
    const broken = (why: string) =>
      ctx.report({
        path,
        message: `${why}: the Secret cannot be decrypted at deploy and the age of its data key cannot be judged`,
      });

    let created: string;
    try {
      ({ created } = parseMeta(annotations[ANNOTATION]));
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      broken(why.startsWith(`annotation ${ANNOTATION}`) ? why : `annotation ${ANNOTATION}: ${why}`);
      return;
    }
    const made = createdDay(created);
    if (made === undefined) {
      broken(`annotation ${ANNOTATION}: created ${JSON.stringify(created)} is not a UTC timestamp such as 2025-01-31T12:00:00Z`);
      return;
    }

    const today = parseDay(ctx.options.today);
    if (today === undefined)
      throw new Error(`option today must be a date (YYYY-MM-DD) (got "${ctx.options.today}"); the CLI fills it`);
    const max = ctx.options.maxAgeDays;
    const age = today - made;
    const day = created.slice(0, 10);
    if (age < 0)
      ctx.report({
        path,
        message: `data key created ${day} is dated in the future (a wrong clock where it was encrypted, or an edited annotation): its age cannot be judged`,
      });
    else if (age > max)
      ctx.report({
        path,
        message: `data key created ${day} is ${age} days old (more than ${max}): run palisade secrets rotate --new-data-key`,
      });
  },
});
