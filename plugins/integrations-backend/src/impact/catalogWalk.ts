import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ImpactedEntity } from '@internal/plugin-integrations-common';

/** How far the walk goes before it stops and says so. */
export interface WalkLimits {
  /** Steps of `dependencyOf` from the integration's Resource. */
  maxDepth: number;
  /** Entities read in all, Systems included. */
  maxEntities: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = {
  maxDepth: 6,
  maxEntities: 200,
};

/** Reads entities by ref, undefined where the catalog has none (or hides it from the caller). */
export type ReadEntities = (
  refs: string[],
) => Promise<Array<Entity | undefined>>;

export interface Dependents {
  affected: ImpactedEntity[];
  truncated: boolean;
}

const KINDS: Record<string, ImpactedEntity['kind']> = {
  component: 'Component',
  system: 'System',
  resource: 'Resource',
  api: 'API',
};

/** A ref in the one spelling relations and lookups compare by. */
function normalRef(
  ref: string,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref, defaults)).toLowerCase();
  } catch {
    return undefined;
  }
}

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? []).flatMap(relation => {
    const ref =
      relation.type === type ? normalRef(relation.targetRef) : undefined;
    return ref ? [ref] : [];
  });
}

/** The owner's ref: the `ownedBy` relation, or `spec.owner` before the catalog has stitched it. */
export function ownerOf(entity: Entity): string | undefined {
  const [related] = relationTargets(entity, RELATION_OWNED_BY);
  if (related) {
    return related;
  }
  const owner = entity.spec?.owner;
  return typeof owner === 'string'
    ? normalRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace,
      })
    : undefined;
}

/** The Systems a Component is part of, by relation or by `spec.system`. */
function systemsOf(entity: Entity): string[] {
  const related = relationTargets(entity, RELATION_PART_OF).filter(ref =>
    ref.startsWith('system:'),
  );
  const system = entity.spec?.system;
  const declared =
    typeof system === 'string'
      ? normalRef(system, {
          defaultKind: 'system',
          defaultNamespace: entity.metadata.namespace,
        })
      : undefined;
  return [...new Set([...related, ...(declared ? [declared] : [])])];
}

function impacted(entity: Entity, via: string[]): ImpactedEntity | undefined {
  const kind = KINDS[entity.kind.toLowerCase()];
  if (!kind) {
    return undefined;
  }
  const owner = ownerOf(entity);
  return {
    entityRef: stringifyEntityRef(entity).toLowerCase(),
    kind,
    name: entity.metadata.name,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(owner ? { owner } : {}),
    direct: via.length === 0,
    via,
  };
}

interface Step {
  ref: string;
  via: string[];
}

/**
 * Everything that depends on the root, breadth first along `dependencyOf`
 * (so each entity carries its shortest path), and the Systems the affected
 * Components are part of. Each entity is read once, however many paths
 * lead to it, which also ends cycles; the limits bound the rest.
 */
export async function walkDependents(
  root: Entity,
  read: ReadEntities,
  limits: WalkLimits = DEFAULT_WALK_LIMITS,
): Promise<Dependents> {
  const rootRef = stringifyEntityRef(root).toLowerCase();
  const seen = new Set([rootRef]);
  const found: ImpactedEntity[] = [];
  const systems = new Map<string, string[]>();
  let truncated = false;
  let frontier: Step[] = relationTargets(root, RELATION_DEPENDENCY_OF).map(
    ref => ({ ref, via: [] }),
  );

  for (let depth = 1; frontier.length > 0; depth++) {
    const steps = frontier.filter(step => {
      const fresh = !seen.has(step.ref);
      seen.add(step.ref);
      return fresh;
    });
    if (steps.length === 0) {
      break;
    }
    if (depth > limits.maxDepth) {
      truncated = true;
      break;
    }
    const room = limits.maxEntities - found.length;
    if (steps.length > room) {
      truncated = true;
      steps.splice(Math.max(room, 0));
      if (steps.length === 0) {
        break;
      }
    }
    const entities = await read(steps.map(step => step.ref));
    const next: Step[] = [];
    for (const [index, step] of steps.entries()) {
      const entity = entities[index];
      const entry = entity && impacted(entity, step.via);
      if (!entity || !entry) {
        continue;
      }
      found.push(entry);
      const through = [...step.via, entry.entityRef];
      for (const ref of relationTargets(entity, RELATION_DEPENDENCY_OF)) {
        next.push({ ref, via: through });
      }
      if (entry.kind === 'Component') {
        for (const system of systemsOf(entity)) {
          if (!systems.has(system)) {
            systems.set(system, through);
          }
        }
      }
    }
    frontier = next;
  }

  // A System holding an affected Component is affected, even when nothing
  // in it names the integration; those reached by dependsOn are in already.
  const containing = [...systems].filter(([ref]) => !seen.has(ref));
  const room = Math.max(limits.maxEntities - found.length, 0);
  if (containing.length > room) {
    truncated = true;
    containing.splice(room);
  }
  if (containing.length > 0) {
    const entities = await read(containing.map(([ref]) => ref));
    containing.forEach(([, via], index) => {
      const entity = entities[index];
      const entry = entity && impacted(entity, via);
      if (entry) {
        found.push(entry);
      }
    });
  }
  return { affected: found, truncated };
}
