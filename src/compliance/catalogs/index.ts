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

export const CATALOGS: Readonly<Record<FrameworkId, Catalog>> = {
  cis: CIS,
  nsa: NSA,
  mitre: MITRE,
  pss: PSS_CATALOG,
  soc2: SOC2,
  'pci-dss': PCI_DSS,
  hipaa: HIPAA,
  gdpr: GDPR,
};

/** The catalog a rule's `controls[].framework` value refers to (`cis-k8s` is CIS). */
export function catalogForRuleFramework(framework: string): Catalog | undefined {
  return Object.values(CATALOGS).find((c) => c.ruleFramework === framework);
}
