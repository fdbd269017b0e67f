/**
 * Compliance catalogs: typed data, one file per framework (src/compliance/catalogs/<id>.ts).
 *
 * A catalog lists a framework's controls as the framework numbers them. A control is `automated`
 * when at least one Palisade rule gives evidence for it (each mapping says, in one line, why the
 * rule is evidence), and `manual` when the evidence has to come from elsewhere (cluster or node
 * configuration, process, people). Manual controls are listed so a report shows the whole
 * framework, and are never shown as passed.
 *
 * Automated checks of manifests support an assessment; they do not replace it. A control that
 * passes here means the manifests given to Palisade showed no violation of the mapped rules, not
 * that the organisation meets the control.
 */

/** The frameworks Palisade has catalogs for (the ids the CLI accepts). */
export const FRAMEWORK_IDS = ['cis', 'nsa', 'mitre', 'pss', 'soc2', 'pci-dss', 'hipaa', 'gdpr'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export function isFrameworkId(v: string): v is FrameworkId {
  return (FRAMEWORK_IDS as readonly string[]).includes(v);
}

export type Evidence = 'automated' | 'manual';

/** A rule that provides automated evidence for a control. */
export interface RuleMapping {
  ruleId: string;
  /** One line: why a finding of this rule is evidence against the control. */
  why: string;
}

export interface CatalogSection {
  id: string;
  title: string;
}

export interface CatalogControl {
  /** The control id exactly as the framework writes it (e.g. `5.2.2`, `CC6.1`, `T1611`). */
  id: string;
  title: string;
  description: string;
  /** Id of a section of the same catalog. */
  section: string;
  /** `automated` exactly when `rules` is not empty. */
  evidence: Evidence;
  rules: readonly RuleMapping[];
}

export interface Catalog {
  id: FrameworkId;
  name: string;
  version: string;
  /** Where the framework's text is published. */
  source: string;
  /** The `framework` value rule metadata uses in `controls` (`cis-k8s` for CIS). */
  ruleFramework: string;
  /** How to read this catalog: scope, id scheme, what automated evidence means here. */
  notes: string;
  sections: readonly CatalogSection[];
  controls: readonly CatalogControl[];
}

/** Shorthands for writing catalogs. */
export function rule(ruleId: string, why: string): RuleMapping {
  return { ruleId, why };
}

export function control(
  section: string,
  id: string,
  title: string,
  description: string,
  rules: readonly RuleMapping[] = [],
): CatalogControl {
  return { id, title, description, section, evidence: rules.length > 0 ? 'automated' : 'manual', rules };
}
