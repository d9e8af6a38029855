import { parseEntityRef } from '@backstage/catalog-model';
import { ImpactedEntity } from '@internal/plugin-integrations-common';

/** How an integration is failing, as the summary says it. */
export type ImpactCondition = 'down' | 'degraded';

/** Names beyond this many are counted, not listed: a notification stays readable. */
const MAX_NAMED = 10;

/** `a`, `a and b`, `a, b and c`. */
function inWords(parts: string[]): string {
  if (parts.length <= 1) {
    return parts.join('');
  }
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function ownerName(owner: string): string {
  try {
    return parseEntityRef(owner).name;
  } catch {
    return owner;
  }
}

/**
 * The affected entities grouped by owner, each group followed by its
 * owner's name: `checkout-service and invoicing (payments-team),
 * billing-portal (web-team)`. Entities without an owner come last.
 */
function groupedByOwner(entities: ImpactedEntity[]): string {
  const groups = new Map<string, string[]>();
  const unowned: string[] = [];
  let named = 0;
  for (const entity of entities) {
    if (named === MAX_NAMED) {
      break;
    }
    named += 1;
    const label = entity.title ?? entity.name;
    if (entity.owner) {
      groups.set(entity.owner, [...(groups.get(entity.owner) ?? []), label]);
    } else {
      unowned.push(label);
    }
  }
  const parts = [...groups].map(
    ([owner, labels]) => `${inWords(labels)} (${ownerName(owner)})`,
  );
  if (unowned.length) {
    parts.push(inWords(unowned));
  }
  const more = entities.length - named;
  return more > 0 ? `${parts.join(', ')} and ${more} more` : parts.join(', ');
}

/**
 * "checkout-service and invoicing (payments-team), billing-portal (web-team)
 * are affected", or undefined when nothing is.
 */
export function affectedSentence(
  entities: ImpactedEntity[],
): string | undefined {
  if (entities.length === 0) {
    return undefined;
  }
  return `${groupedByOwner(entities)} ${
    entities.length === 1 ? 'is' : 'are'
  } affected`;
}

/** The description, then "checkout-service (payments-team) is affected." when anything is. */
export function withAffected(
  description: string,
  affected: ImpactedEntity[],
): string {
  const sentence = affectedSentence(affected);
  if (!sentence) {
    return description;
  }
  const said = description.trimEnd();
  return `${/[.!?]$/.test(said) ? said : `${said}.`} ${sentence}.`;
}

/**
 * The impact in one sentence for people. A failing integration leads
 * ("Stripe is down: … are affected"); a healthy one is named as what the
 * entities depend on.
 */
export function impactSummary(options: {
  displayName: string;
  condition?: ImpactCondition;
  inCatalog: boolean;
  affected: ImpactedEntity[];
}): string {
  const { displayName, condition, inCatalog, affected } = options;
  const state = condition ? `${displayName} is ${condition}` : undefined;
  if (!inCatalog) {
    return state
      ? `${state}; it is not in the catalog yet, so what depends on it is unknown.`
      : `${displayName} is not in the catalog yet, so what depends on it is unknown.`;
  }
  if (affected.length === 0) {
    return state
      ? `${state}; nothing in the catalog depends on it.`
      : `Nothing in the catalog depends on ${displayName}.`;
  }
  if (state) {
    return `${state}: ${affectedSentence(affected)}.`;
  }
  return `${groupedByOwner(affected)} ${
    affected.length === 1 ? 'depends' : 'depend'
  } on ${displayName}.`;
}
