import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  ErrorPattern,
  automatedFixSchema,
  errorAutomatedFixPermission,
  errorCategorizePermission,
  errorIdParamsSchema,
  errorPatternsQuerySchema,
  errorReadPermission,
  errorResolvePermission,
  errorSensitiveDataPermission,
  errorSummaryQuerySchema,
  errorsQuerySchema,
  mergePatternsSchema,
  patternSeveritySchema,
  patternStatusSchema,
  resolveErrorSchema,
  snoozePatternSchema,
  unmergePatternSchema,
} from '@internal/plugin-integrations-common';
import express, { Request } from 'express';
import { auditRecord } from '../audit/auditRecords';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { JsonAnswer, jsonAnswerOf, sendJsonAnswer } from '../http/jsonAnswer';
import { SharedAnswers } from '../http/SharedAnswers';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { StoredErrorGroup } from './errorRows';
import { ErrorService, VisibleConfiguration } from './ErrorService';
import { ErrorTriageService } from './ErrorTriageService';

/**
 * Errors read back and triaged: `/errors`, `/errors/summary`, `/errors/:id`,
 * `/errors/:id/resolve`, `/error-patterns` and the pattern actions.
 */
export function addErrorRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    configs: ConfigStore;
    errors: ErrorService;
    triage: ErrorTriageService;
    auditStore: AuditStore;
  },
) {
  const { guard, configs, errors, triage, auditStore } = options;
  const visibleTo = errorVisibility(guard, configs);
  // Callers asking for the same page as the same principal while it is read
  // share that one read, what they may see included. Nothing is kept once
  // it is answered: the Errors page is live and must show a change at once.
  const errorPages = new SharedAnswers<JsonAnswer>({ ttlMs: 0 });

  router.get('/errors', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(errorsQuerySchema, req.query, 'query');
    const page = await errorPages.answer(
      JSON.stringify([credentials.principal, query]),
      async () =>
        jsonAnswerOf(
          await errors.listErrors(await visibleTo(credentials), query),
        ),
    );
    sendJsonAnswer(req, res, page);
  });

  router.get('/errors/summary', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(errorSummaryQuerySchema, req.query, 'query');
    res.json(await errors.summary(await visibleTo(credentials), query));
  });

  router.get('/errors/:id', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { id } = parseInput(errorIdParamsSchema, req.params, 'params');
    const error = await errors.getError(id, await visibleTo(credentials));
    if (!error) {
      throw new NotFoundError(`No error ${id}`);
    }
    res.json(error);
  });

  router.get('/error-patterns', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(errorPatternsQuerySchema, req.query, 'query');
    res.json(await errors.listPatterns(await visibleTo(credentials), query));
  });

  router.get('/error-patterns/:id', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { id } = parseInput(errorIdParamsSchema, req.params, 'params');
    const pattern = await errors.getPattern(id, await visibleTo(credentials));
    if (!pattern) {
      throw new NotFoundError(`No error pattern ${id}`);
    }
    res.json(pattern);
  });

  /**
   * A triage change to one group: found among what the caller sees, allowed
   * by the permission on its configuration, audited either way.
   */
  async function triageRoute(
    req: Request,
    res: express.Response,
    change: {
      permission: ResourcePermission;
      describe: string;
      group: (
        credentials: BackstageCredentials,
      ) => Promise<StoredErrorGroup | undefined>;
      apply: (group: StoredErrorGroup, actor: string) => Promise<unknown>;
    },
  ) {
    const credentials = await guard.credentials(req);
    const { id } = parseInput(errorIdParamsSchema, req.params, 'params');
    const group = await change.group(credentials);
    if (!group) {
      throw new NotFoundError(`No error pattern or error ${id}`);
    }
    const actor =
      credentials.principal.type === 'user'
        ? credentials.principal.userEntityRef
        : `service:${credentials.principal.subject}`;
    await guard.changeConfiguration(
      req,
      credentials,
      {
        eventId: 'integration-error-triage',
        action: 'error_triage',
        permission: change.permission,
        name: group.integration,
        environment: group.environment,
        severityLevel: 'low',
      },
      async () => {
        await change.apply(group, actor);
        await auditStore.append([
          auditRecord(
            { userRef: actor, ip: req.ip, userAgent: req.get('user-agent') },
            new Date(),
            {
              action: 'error_triage',
              category: 'operations',
              integration: group.integration,
              environment: group.environment,
              details: {
                changedFields: [],
                pattern: group.id,
                change: change.describe,
              },
            },
          ),
        ]);
      },
    );
    const pattern = await errors.getPattern(
      group.id,
      await visibleTo(credentials),
    );
    res.json(pattern as ErrorPattern);
  }

  const patternOf =
    (req: Request) => async (credentials: BackstageCredentials) =>
      errors.visibleGroup(req.params.id, await visibleTo(credentials));

  router.post('/errors/:id/resolve', async (req, res) => {
    const body = parseInput(resolveErrorSchema, req.body, 'body');
    await triageRoute(req, res, {
      permission: errorResolvePermission,
      describe: `resolved (${body.resolution})`,
      group: async credentials => {
        const visible = await visibleTo(credentials);
        const error = await errors.getError(req.params.id, visible);
        return error
          ? errors.visibleGroup(error.patternId, visible)
          : errors.visibleGroup(req.params.id, visible);
      },
      apply: (group, actor) => triage.resolve(group, body, actor),
    });
  });

  router.post('/error-patterns/:id/status', async (req, res) => {
    const body = parseInput(patternStatusSchema, req.body, 'body');
    await triageRoute(req, res, {
      permission: errorResolvePermission,
      describe: `status ${body.status}`,
      group: patternOf(req),
      apply: (group, actor) =>
        triage.setStatus(group, body.status, body.note, actor),
    });
  });

  router.post('/error-patterns/:id/snooze', async (req, res) => {
    const body = parseInput(snoozePatternSchema, req.body, 'body');
    await triageRoute(req, res, {
      permission: errorResolvePermission,
      describe: 'snoozed',
      group: patternOf(req),
      apply: (group, actor) => triage.snooze(group, body, actor),
    });
  });

  router.delete('/error-patterns/:id/snooze', async (req, res) => {
    await triageRoute(req, res, {
      permission: errorResolvePermission,
      describe: 'woken',
      group: patternOf(req),
      apply: (group, actor) => triage.wake(group, actor),
    });
  });

  router.post('/error-patterns/:id/severity', async (req, res) => {
    const body = parseInput(patternSeveritySchema, req.body, 'body');
    await triageRoute(req, res, {
      permission: errorResolvePermission,
      describe: `severity ${body.severity ?? 'computed'}`,
      group: patternOf(req),
      apply: (group, actor) => triage.setSeverity(group, body.severity, actor),
    });
  });

  router.post('/error-patterns/:id/automated-fix', async (req, res) => {
    const body = parseInput(automatedFixSchema, req.body, 'body');
    await triageRoute(req, res, {
      permission: errorAutomatedFixPermission,
      describe: `automated fix ${body.enabled ? 'on' : 'off'}`,
      group: patternOf(req),
      apply: (group, actor) =>
        triage.setAutomatedFix(group, body.enabled, actor),
    });
  });

  router.post('/error-patterns/:id/automated-fix/run', async (req, res) => {
    await triageRoute(req, res, {
      permission: errorAutomatedFixPermission,
      describe: 'automated fix run',
      group: patternOf(req),
      apply: (group, actor) => triage.runAutomatedFix(group, actor),
    });
  });

  router.post('/error-patterns/:id/merge', async (req, res) => {
    const body = parseInput(mergePatternsSchema, req.body, 'body');
    await triageRoute(req, res, {
      permission: errorCategorizePermission,
      describe: `merged ${body.patternIds.join(', ')}`,
      group: patternOf(req),
      apply: (group, actor) => triage.merge(group, body.patternIds, actor),
    });
  });

  router.post('/error-patterns/:id/unmerge', async (req, res) => {
    const body = parseInput(unmergePatternSchema, req.body, 'body');
    await triageRoute(req, res, {
      permission: errorCategorizePermission,
      describe: `unmerged ${body.patternId}`,
      group: patternOf(req),
      apply: (group, actor) => triage.unmerge(group, body.patternId, actor),
    });
  });
}

/**
 * The readable configurations whose errors a caller may see, and whether
 * they may see requests and responses too: what every read of errors and
 * incidents is limited to.
 */
export function errorVisibility(guard: RequestGuard, configs: ConfigStore) {
  return async function visibleTo(
    credentials: BackstageCredentials,
  ): Promise<VisibleConfiguration[]> {
    const { items } = await configs.listConfigs(
      await guard.readableFilter(credentials),
      { limit: 100_000 },
    );
    const refs = items.map(c => integrationResourceRef(c.name, c.environment));
    const [readable, sensitive] = await Promise.all([
      guard.allowedResources(credentials, errorReadPermission, refs),
      guard.allowedResources(credentials, errorSensitiveDataPermission, refs),
    ]);
    const canRead = new Set(readable);
    const canSee = new Set(sensitive);
    return items.flatMap(config => {
      const ref = integrationResourceRef(config.name, config.environment);
      return canRead.has(ref)
        ? [
            {
              name: config.name,
              environment: config.environment,
              provider: config.provider,
              ...(config.monitoringConfig.runbookUrl
                ? { runbookUrl: config.monitoringConfig.runbookUrl }
                : {}),
              sensitive: canSee.has(ref),
            },
          ]
        : [];
    });
  };
}
