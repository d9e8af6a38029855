import {
  ConfigurationTemplate,
  FAILURE_CLASSES,
  FAILURE_CLASS_INFO,
  FailureClass,
} from '@internal/plugin-integrations-common';

/** One known problem and how to fix it: a provider's own, or a generic failure class. */
export interface TroubleshootingGuide {
  id: string;
  failureClass: FailureClass;
  /** The failure class in words, e.g. "Credentials refused". */
  label: string;
  /** Absent for the generic guide of a failure class. */
  provider?: { id: string; displayName: string };
  /** When the provider's guide applies, e.g. "HTTP 403 mentioning rate limit". */
  when?: string;
  explanation: string;
  repairSteps: string[];
}

function matchLabel(match?: { status?: number; bodyIncludes?: string }) {
  if (!match) {
    return undefined;
  }
  return [
    match.status ? `HTTP ${match.status}` : undefined,
    match.bodyIncludes ? `mentioning “${match.bodyIncludes}”` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Every provider's known errors, by provider, then the generic guide of each
 * failure class.
 */
export function troubleshootingGuides(
  templates: ConfigurationTemplate[],
): TroubleshootingGuide[] {
  const providerGuides = [...templates]
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .flatMap(template =>
      template.probes.knownErrors.map((known, index) => ({
        id: `${template.id}-${index}`,
        failureClass: known.failure,
        label: FAILURE_CLASS_INFO[known.failure].label,
        provider: { id: template.id, displayName: template.displayName },
        when: matchLabel(known.match),
        explanation: known.explanation,
        repairSteps: known.repairSteps,
      })),
    );
  const genericGuides = FAILURE_CLASSES.map(failureClass => ({
    id: `generic-${failureClass}`,
    failureClass,
    ...FAILURE_CLASS_INFO[failureClass],
  }));
  return [...providerGuides, ...genericGuides];
}

/**
 * The guides matching every word of the search, looked for in the provider,
 * the failure class (its id and label) and the text.
 */
export function searchGuides(
  guides: TroubleshootingGuide[],
  search: string,
): TroubleshootingGuide[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return guides;
  }
  return guides.filter(guide => {
    const text = [
      guide.provider?.id,
      guide.provider?.displayName ?? 'All providers',
      guide.failureClass,
      guide.failureClass.replace(/_/g, ' '),
      guide.label,
      guide.when,
      guide.explanation,
      ...guide.repairSteps,
    ]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
    return words.every(word => text.includes(word));
  });
}
