/** Every compliance catalog, by framework id. */
import type { Catalog, FrameworkId } from '../types.js';
import { CIS } from './cis.js';
import { GDPR } from './gdpr.js';
import { HIPAA } from './hipaa.js';
import { MITRE } from './mitre.js';
import { NSA } from './nsa.js';
import { PCI_DSS } from './pci-dss.js';
import { PSS_CATALOG } from './pss.js';
import { SOC2 } from './soc2.js';
import { CONTROL_PLANE_MAPPINGS, type ExtraMapping } from './control-plane-mappings.js';

/** A catalog with extra rule mappings added to its controls (they become automated). An extra
 *  mapping naming a control the catalog does not have is a programming error: fail loudly. */
function withMappings(catalog: Catalog, extra: readonly ExtraMapping[]): Catalog {
  const mine = extra.filter((m) => m.framework === catalog.id);
  if (mine.length === 0) return catalog;
  const ids = new Set(catalog.controls.map((c) => c.id));
  for (const m of mine) if (!ids.has(m.control)) throw new Error(`${catalog.id}: no control ${m.control} for ${m.ruleId}`);
  return {
    ...catalog,
    controls: catalog.controls.map((c) => {
      const add = mine.filter((m) => m.control === c.id).map((m) => ({ ruleId: m.ruleId, why: m.why }));
      return add.length === 0 ? c : { ...c, evidence: 'automated', rules: [...c.rules, ...add] };
    }),
  };
}

export const CATALOGS: Readonly<Record<FrameworkId, Catalog>> = {
  cis: withMappings(CIS, CONTROL_PLANE_MAPPINGS),
  nsa: withMappings(NSA, CONTROL_PLANE_MAPPINGS),
  mitre: withMappings(MITRE, CONTROL_PLANE_MAPPINGS),
  pss: PSS_CATALOG,
  soc2: withMappings(SOC2, CONTROL_PLANE_MAPPINGS),
  'pci-dss': withMappings(PCI_DSS, CONTROL_PLANE_MAPPINGS),
  hipaa: withMappings(HIPAA, CONTROL_PLANE_MAPPINGS),
  gdpr: withMappings(GDPR, CONTROL_PLANE_MAPPINGS),
};

/** The catalog a rule's `controls[].framework` value refers to (`cis-k8s` is CIS). */
export function catalogForRuleFramework(framework: string): Catalog | undefined {
  return Object.values(CATALOGS).find((c) => c.ruleFramework === framework);
}
