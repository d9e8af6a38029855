import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { ImpactedEntity } from '@internal/plugin-integrations-common';
import { ImpactService } from './ImpactService';

/** Who else hears of an integration's failure, and about what. */
export interface ImpactNotice {
  /** Owners of the entities that depend on the integration. */
  owners: string[];
  /** The Components, Systems and others that depend on it; see `affectedSentence`. */
  affected: ImpactedEntity[];
}

/** Whom to tell besides an integration's owner; what alerts and incidents ask. */
export interface ImpactLookup {
  noticeFor(integration: string): Promise<ImpactNotice>;
}

const NOBODY: ImpactNotice = { owners: [], affected: [] };

/** A storm of alerts on one integration asks the catalog once a minute. */
const CACHE_MS = 60_000;
/** A catalog that hangs must not hold up the notification of an alert. */
const TIMEOUT_MS = 10_000;

/**
 * The owners of what depends on an integration, read from the catalog with
 * the plugin's own credentials (notifications are sent by the plugin, not
 * on a person's behalf) and kept for a minute. It never throws: when the
 * catalog cannot be read, the notification goes to the integration's owner
 * alone, which is what it did before the catalog knew anything.
 */
export class ImpactRecipients implements ImpactLookup {
  private readonly impact: Pick<ImpactService, 'dependents'>;
  private readonly auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  private readonly logger: LoggerService;
  private readonly now: () => number;
  private readonly cache = new Map<
    string,
    { at: number; notice: Promise<ImpactNotice> }
  >();

  constructor(options: {
    impact: Pick<ImpactService, 'dependents'>;
    auth: Pick<AuthService, 'getOwnServiceCredentials'>;
    logger: LoggerService;
    now?: () => number;
  }) {
    this.impact = options.impact;
    this.auth = options.auth;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  noticeFor(integration: string): Promise<ImpactNotice> {
    const at = this.now();
    for (const [key, entry] of this.cache) {
      if (at - entry.at >= CACHE_MS) {
        this.cache.delete(key);
      }
    }
    const cached = this.cache.get(integration);
    if (cached) {
      return cached.notice;
    }
    // A failed read is kept too, so a storm does not retry a catalog that is down.
    const notice = this.read(integration);
    this.cache.set(integration, { at, notice });
    return notice;
  }

  private async read(integration: string): Promise<ImpactNotice> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const credentials = await this.auth.getOwnServiceCredentials();
      const dependents = await Promise.race([
        this.impact.dependents(integration, credentials),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)),
            TIMEOUT_MS,
          );
        }),
      ]);
      const affected = [
        ...dependents.components,
        ...dependents.systems,
        ...dependents.others,
      ];
      return {
        owners: [
          ...new Set(
            affected.flatMap(entity => (entity.owner ? [entity.owner] : [])),
          ),
        ],
        affected,
      };
    } catch (error) {
      this.logger.warn(
        `Could not read what depends on ${integration} from the catalog; only its owner is notified: ${
          (error as Error).message
        }`,
      );
      return NOBODY;
    } finally {
      clearTimeout(timer);
    }
  }
}
