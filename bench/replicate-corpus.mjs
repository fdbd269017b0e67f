// Replicates the real-world corpus N times, giving each copy its own namespaces (as separate
// teams' repos would be): 40 copies of one Deployment in one namespace would make every Service
// select 40 identical workloads, which no real input does.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
// Usage: node bench/replicate-corpus.mjs SRC_DIR DST_DIR [COPIES]
const [SRC, DST, COPIES = '40'] = process.argv.slice(2);
if (!SRC || !DST) throw new Error('usage: node bench/replicate-corpus.mjs SRC_DIR DST_DIR [COPIES]');
mkdirSync(DST, { recursive: true });
const CLUSTER = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PodSecurityPolicy',
  'StorageClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'IngressClass',
  'PersistentVolume',
  'Node',
]);
for (let i = 1; i <= Number(COPIES); i++)
  for (const f of readdirSync(SRC)) {
    if (!/\.ya?ml$/.test(f)) continue;
    const docs = parseAllDocuments(readFileSync(SRC + '/' + f, 'utf8'), { version: '1.1' });
    const out = [];
    for (const d of docs) {
      const kind = d.get('kind');
      if (kind && !CLUSTER.has(kind) && d.get('metadata')) {
        const ns = d.getIn(['metadata', 'namespace']) ?? 'default';
        d.setIn(['metadata', 'namespace'], `${ns}-c${i}`);
      }
      if (kind === 'Namespace' && d.getIn(['metadata', 'name']))
        d.setIn(['metadata', 'name'], `${d.getIn(['metadata', 'name'])}-c${i}`);
      out.push(d.toString({ lineWidth: 0 }));
    }
    writeFileSync(`${DST}/${i}-${f}`, out.join('---\n'));
  }
