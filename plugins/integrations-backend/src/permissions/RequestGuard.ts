import {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  AuditAction,
  Environment,
  IntegrationConfig,
  integrationCredentialsUpdatePermission,
  integrationReadPermission,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import {
  ConditionTransformer,
  PermissionRuleset,
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { Actor } from '../audit/actor';
import { refusedChangeRecord } from '../audit/auditRecords';
import { AuditStore } from '../audit/AuditStore';
import { ConfigPropertyFilter, integrationResourceRef } from './rules';

/** Questions per request to the permission backend, well inside its body limit. */
export const AUTHORIZE_BATCH_SIZE = 100;

/**
 * A user's call of one of the plugin's actions through Backstage's actions
 * registry (a Scaffolder step, an AI agent): no request of ours carries it,
 * so the caller comes from the credentials the registry hands over.
 */
export interface ActionCall {
  /** The action's name in the registry, e.g. `create-integration`. */
  actionName: string;
  credentials: BackstageCredentials<BackstageUserPrincipal>;
}

/** Where a change comes from: a request to the API, or an action call. */
export type ChangeOrigin = Request | ActionCall;

function isActionCall(origin: ChangeOrigin): origin is ActionCall {
  return 'actionName' in origin;
}

/** The part of a listing's filter that a conditional read decision adds. */
export interface ReadableFilter {
  permission?: PermissionCriteria<ConfigPropertyFilter>;
}

/**
 * Identity, permission checks and auditing of requests: who is calling, may
 * they do this, and a record of every change they make or are refused.
 */
export class RequestGuard {
  private readonly transformConditions: ConditionTransformer<ConfigPropertyFilter>;
  private readonly conditionsAllow: (
    decision: PolicyDecision,
    config: IntegrationConfig,
  ) => boolean;

  constructor(
    private readonly options: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      auditor: AuditorService;
      auditStore: AuditStore;
      /** The rules a policy's conditions on integrations are made of. */
      permissionRuleset: PermissionRuleset<
        IntegrationConfig,
        ConfigPropertyFilter
      >;
      now?: () => Date;
    },
  ) {
    this.transformConditions = createConditionTransformer(
      options.permissionRuleset,
    );
    this.conditionsAllow = createConditionAuthorizer(options.permissionRuleset);
  }

  /**
   * The filter that limits a listing to the configurations the caller may
   * read: none for an unconditional allow, the policy's conditions as a query
   * otherwise.
   */
  async readableFilter(
    credentials: BackstageCredentials,
  ): Promise<ReadableFilter> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: integrationReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `You lack the permission ${integrationReadPermission.name}`,
      );
    }
    return decision.result === AuthorizeResult.CONDITIONAL
      ? { permission: this.transformConditions(decision.conditions) }
      : {};
  }

  async credentials(req: Request) {
    return this.options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
  }

  /** Another plugin or an outside service with an external-access token. */
  async serviceCredentials(req: Request) {
    return this.options.httpAuth.credentials(req, { allow: ['service'] });
  }

  async userCredentials(
    req: Request,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    return this.options.httpAuth.credentials(req, { allow: ['user'] });
  }

  /**
   * A user's credentials, as the routes that change something demand them;
   * an action hands over whatever called it, so it asks here.
   */
  userOf(
    credentials: BackstageCredentials,
  ): BackstageCredentials<BackstageUserPrincipal> {
    const principal = credentials.principal as { type?: string };
    if (principal.type !== 'user') {
      throw new NotAllowedError(
        'Only a signed-in user may do this, under their own permissions',
      );
    }
    return credentials as BackstageCredentials<BackstageUserPrincipal>;
  }

  actor(
    origin: ChangeOrigin,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Actor {
    return {
      userRef: credentials.principal.userEntityRef,
      ...(isActionCall(origin)
        ? {}
        : { ip: origin.ip, userAgent: origin.get('user-agent') }),
      authorizeCredentialTarget: async (name, environment) => {
        try {
          await this.authorizeResources(
            credentials,
            integrationCredentialsUpdatePermission,
            [integrationResourceRef(name, environment)],
          );
        } catch {
          throw new NotAllowedError(
            `Changing the host ${name} (${environment}) sends its stored credentials to needs the permission ${integrationCredentialsUpdatePermission.name}`,
          );
        }
      },
      authorizeResultingConfiguration: async config => {
        const [decision] = await this.options.permissions.authorizeConditional(
          [{ permission: integrationUpdatePermission }],
          { credentials },
        );
        if (
          decision.result === AuthorizeResult.DENY ||
          (decision.result === AuthorizeResult.CONDITIONAL &&
            !this.conditionsAllow(decision, config))
        ) {
          throw new NotAllowedError(
            `You lack the permission ${
              integrationUpdatePermission.name
            } on ${integrationResourceRef(
              config.name,
              config.environment,
            )} as it would be after this change (owner ${config.owner})`,
          );
        }
      },
    };
  }

  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You lack the permission ${permission.name}`);
    }
  }

  /** Checks one resource permission on each of the given `name:environment` refs. */
  async authorizeResources(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resourceRefs: string[],
  ): Promise<void> {
    const decisions = await this.decideEach(
      credentials,
      permission,
      resourceRefs,
    );
    const denied = resourceRefs.filter(
      (_, index) => decisions[index].result !== AuthorizeResult.ALLOW,
    );
    if (denied.length) {
      throw new NotAllowedError(
        `You lack the permission ${permission.name} on ${denied.join(', ')}`,
      );
    }
  }

  /** Which of the refs the permission allows. */
  async allowedResources(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resourceRefs: string[],
  ): Promise<string[]> {
    const decisions = await this.decideEach(
      credentials,
      permission,
      resourceRefs,
    );
    return resourceRefs.filter(
      (_, index) => decisions[index].result === AuthorizeResult.ALLOW,
    );
  }

  /**
   * One decision per ref, asked in batches: the permission backend refuses
   * a request body over 100 kB, which one question about each configuration
   * of a few hundred integrations exceeds.
   */
  private async decideEach(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resourceRefs: string[],
  ) {
    const batches: string[][] = [];
    for (let i = 0; i < resourceRefs.length; i += AUTHORIZE_BATCH_SIZE) {
      batches.push(resourceRefs.slice(i, i + AUTHORIZE_BATCH_SIZE));
    }
    const answers = await Promise.all(
      batches.map(batch =>
        this.options.permissions.authorize(
          batch.map(resourceRef => ({ permission, resourceRef })),
          { credentials },
        ),
      ),
    );
    return answers.flat();
  }

  /**
   * Runs a mutation as an auditor event. A refused change (permission or
   * conflict) also gets a failure row in the audit log. The auditor reads
   * the caller from a request; an action call names them in the event.
   */
  async audited<T>(
    origin: ChangeOrigin,
    event: {
      eventId: string;
      severityLevel: AuditorServiceEventSeverityLevel;
      action: AuditAction;
      /** The integrations the change touches. */
      integrations: string[];
      environment?: Environment;
    },
    mutation: () => Promise<T>,
  ): Promise<T> {
    const { auditor, auditStore } = this.options;
    const meta = {
      integrations: event.integrations,
      ...(event.environment ? { environment: event.environment } : {}),
    };
    const auditorEvent = await auditor.createEvent({
      eventId: event.eventId,
      severityLevel: event.severityLevel,
      ...(isActionCall(origin)
        ? {
            meta: {
              ...meta,
              actionName: origin.actionName,
              actor: origin.credentials.principal.userEntityRef,
            },
          }
        : { request: origin, meta }),
    });
    try {
      const result = await mutation();
      await auditorEvent.success({ meta });
      return result;
    } catch (error) {
      await auditorEvent.fail({ error: error as Error, meta });
      if (error instanceof NotAllowedError || error instanceof ConflictError) {
        const at = this.options.now?.() ?? new Date();
        const actor = await this.refusedActor(origin);
        await auditStore.append(
          event.integrations.map(integration =>
            refusedChangeRecord(actor, at, {
              action: event.action,
              integration,
              environment: event.environment,
              error,
            }),
          ),
        );
      }
      throw error;
    }
  }

  private async refusedActor(origin: ChangeOrigin) {
    if (isActionCall(origin)) {
      return { userRef: origin.credentials.principal.userEntityRef };
    }
    const credentials = await this.options.httpAuth
      .credentials(origin, { allow: ['user'] })
      .catch(() => undefined);
    return {
      userRef: credentials?.principal.userEntityRef ?? 'unknown',
      ip: origin.ip,
      userAgent: origin.get('user-agent'),
    };
  }

  /**
   * A change to one configuration: audited, and allowed only with the
   * permission on that configuration.
   */
  async changeConfiguration<T>(
    origin: ChangeOrigin,
    credentials: BackstageCredentials,
    change: {
      eventId: string;
      action: AuditAction;
      permission: ResourcePermission;
      name: string;
      environment: Environment;
      severityLevel?: AuditorServiceEventSeverityLevel;
    },
    mutation: () => Promise<T>,
  ): Promise<T> {
    const { name, environment } = change;
    return this.audited(
      origin,
      {
        eventId: change.eventId,
        severityLevel:
          change.severityLevel ??
          (environment === 'production' ? 'high' : 'medium'),
        action: change.action,
        integrations: [name],
        environment,
      },
      async () => {
        await this.authorizeResources(credentials, change.permission, [
          integrationResourceRef(name, environment),
        ]);
        return mutation();
      },
    );
  }
}
