import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  ENVIRONMENTS,
  auditQuerySchema,
  auditReadPermission,
  bulkUpdateRequestSchema,
  copyConfigRequestSchema,
  createIntegrationRequestSchema,
  diffQuerySchema,
  dryRunQuerySchema,
  environmentQuerySchema,
  integrationCreatePermission,
  integrationCredentialsUpdatePermission,
  integrationDeletePermission,
  integrationReadPermission,
  integrationUpdatePermission,
  keysRotatePermission,
  listConfigsQuerySchema,
  optionalEnvironmentQuerySchema,
  rollbackRequestSchema,
  updateConfigRequestSchema,
  updateCredentialsRequestSchema,
  versionParamsSchema,
} from '@internal/plugin-integrations-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { stringify } from 'csv-stringify/sync';
import express from 'express';
import Router from 'express-promise-router';
import {
  ConfigPropertyFilter,
  IntegrationConfigStore,
} from '../database/IntegrationConfigStore';
import { integrationResourceRef } from '../permissions/rules';
import { ConfigurationService } from '../services/ConfigurationService';
import { CredentialService } from '../services/CredentialService';
import { KeyRotationService } from '../services/vault/KeyRotationService';
import { HealthService } from '../services/health/HealthService';
import { ConnectionTestService } from '../services/testing/ConnectionTestService';
import { addHealthRoutes } from './healthRoutes';
import { testHistoryRoutes } from '../connectionTests/testHistoryRoutes';
import { TestHistoryStore } from '../connectionTests/TestHistoryStore';
import { healthScheduleRoutes } from '../health/scheduleRoutes';
import { HealthScheduleService } from '../health/HealthScheduleService';
import { RequestGuard } from './RequestGuard';
import {
  nameParamsSchema,
  parseConfigurationTarget,
  parseInput,
} from './validation';

export interface RouterOptions {
  /** Turns a policy's conditions on integrations into a store filter. */
  transformConditions: ConditionTransformer<ConfigPropertyFilter>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: IntegrationConfigStore;
  configurations: ConfigurationService;
  credentialService: CredentialService;
  keyRotation: KeyRotationService;
  tester: ConnectionTestService;
  health: HealthService;
  testHistory: TestHistoryStore;
  schedule: HealthScheduleService;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, configurations, credentialService, keyRotation } = options;
  const guard = new RequestGuard({
    ...options,
    auditStore: store.audit,
  });

  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  /** The configuration a read request names, once the caller may read it. */
  async function readableConfiguration(req: express.Request) {
    const credentials = await guard.credentials(req);
    const { name, environment } = parseConfigurationTarget(req);
    await guard.authorizeResources(credentials, integrationReadPermission, [
      integrationResourceRef(name, environment),
    ]);
    return { name, environment };
  }

  router.get('/templates', async (req, res) => {
    await guard.credentials(req);
    res.json(configurations.listTemplates());
  });

  router.get('/configs', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(listConfigsQuerySchema, req.query, 'query');
    const { offset, limit, ...filter } = query;
    res.json(
      await store.listConfigs(
        { ...filter, ...(await guard.readableFilter(credentials)) },
        { offset, limit },
      ),
    );
  });

  router.get('/configs/:name', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { name } = parseInput(nameParamsSchema, req.params, 'params');
    const { environment } = parseInput(
      optionalEnvironmentQuerySchema,
      req.query,
      'query',
    );
    const configs = await configurations.getConfigs(name, environment);
    const allowed = new Set(
      await guard.allowedResources(
        credentials,
        integrationReadPermission,
        configs.map(c => integrationResourceRef(c.name, c.environment)),
      ),
    );
    const visible = configs.filter(c =>
      allowed.has(integrationResourceRef(c.name, c.environment)),
    );
    if (visible.length === 0) {
      throw new NotAllowedError(
        `You lack the permission ${integrationReadPermission.name} on ${name}`,
      );
    }
    res.json(visible);
  });

  router.post('/configs', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const body = parseInput(createIntegrationRequestSchema, req.body, 'body');
    const created = await guard.audited(
      req,
      {
        eventId: 'integration-create',
        severityLevel: 'medium',
        action: 'create',
        integrations: [body.name],
      },
      async () => {
        await guard.authorize(credentials, integrationCreatePermission);
        return configurations.create(body, guard.actor(req, credentials));
      },
    );
    res.status(201).json(created);
  });

  router.put('/configs/:name', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { name } = parseInput(nameParamsSchema, req.params, 'params');
    const { environment, dryRun = false } = parseInput(
      dryRunQuerySchema,
      req.query,
      'query',
    );
    const body = parseInput(updateConfigRequestSchema, req.body, 'body');
    const update = () =>
      configurations.update(
        name,
        environment,
        body,
        { dryRun },
        guard.actor(req, credentials),
      );
    const result = dryRun
      ? await guard
          .authorizeResources(credentials, integrationUpdatePermission, [
            integrationResourceRef(name, environment),
          ])
          .then(update)
      : await guard.changeConfiguration(
          req,
          credentials,
          {
            eventId: 'integration-update',
            action: 'update',
            permission: integrationUpdatePermission,
            name,
            environment,
          },
          update,
        );
    res.json(result);
  });

  router.delete('/configs/:name', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { name } = parseInput(nameParamsSchema, req.params, 'params');
    await guard.audited(
      req,
      {
        eventId: 'integration-delete',
        severityLevel: 'high',
        action: 'delete',
        integrations: [name],
      },
      async () => {
        await guard.authorizeResources(
          credentials,
          integrationDeletePermission,
          ENVIRONMENTS.map(environment =>
            integrationResourceRef(name, environment),
          ),
        );
        await configurations.delete(name, guard.actor(req, credentials));
      },
    );
    res.status(204).end();
  });

  router.post('/configs/:name/restore', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { name } = parseInput(nameParamsSchema, req.params, 'params');
    const restored = await guard.audited(
      req,
      {
        eventId: 'integration-restore',
        severityLevel: 'medium',
        action: 'restore',
        integrations: [name],
      },
      async () => {
        await guard.authorizeResources(
          credentials,
          integrationDeletePermission,
          ENVIRONMENTS.map(environment =>
            integrationResourceRef(name, environment),
          ),
        );
        return configurations.restore(name, guard.actor(req, credentials));
      },
    );
    res.json(restored);
  });

  router.post('/configs/:name/copy', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { name } = parseInput(nameParamsSchema, req.params, 'params');
    const body = parseInput(copyConfigRequestSchema, req.body, 'body');
    const result = await guard.audited(
      req,
      {
        eventId: 'integration-copy',
        severityLevel: body.to === 'production' ? 'high' : 'medium',
        action: 'copy',
        integrations: [name],
        environment: body.to,
      },
      async () => {
        await guard.authorizeResources(credentials, integrationReadPermission, [
          integrationResourceRef(name, body.from),
        ]);
        await guard.authorizeResources(
          credentials,
          integrationUpdatePermission,
          [integrationResourceRef(name, body.to)],
        );
        return configurations.copy(name, body, guard.actor(req, credentials));
      },
    );
    res.json(result);
  });

  router.get('/configs/:name/versions', async (req, res) => {
    const { name, environment } = await readableConfiguration(req);
    res.json(await configurations.listVersions(name, environment));
  });

  router.get('/configs/:name/versions/:version', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { name, version } = parseInput(
      versionParamsSchema,
      req.params,
      'params',
    );
    const { environment } = parseInput(
      environmentQuerySchema,
      req.query,
      'query',
    );
    await guard.authorizeResources(credentials, integrationReadPermission, [
      integrationResourceRef(name, environment),
    ]);
    res.json(await configurations.getVersion(name, environment, version));
  });

  router.get('/configs/:name/diff', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { name } = parseInput(nameParamsSchema, req.params, 'params');
    const { environment, from, to } = parseInput(
      diffQuerySchema,
      req.query,
      'query',
    );
    await guard.authorizeResources(credentials, integrationReadPermission, [
      integrationResourceRef(name, environment),
    ]);
    res.json(await configurations.diff(name, environment, from, to));
  });

  router.post('/configs/:name/rollback', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { name, environment } = parseConfigurationTarget(req);
    const body = parseInput(rollbackRequestSchema, req.body, 'body');
    const config = await guard.changeConfiguration(
      req,
      credentials,
      {
        eventId: 'integration-rollback',
        action: 'rollback',
        permission: integrationUpdatePermission,
        name,
        environment,
      },
      () =>
        configurations.rollback(
          name,
          environment,
          body,
          guard.actor(req, credentials),
        ),
    );
    res.json(config);
  });

  router.post('/bulk-update', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const body = parseInput(bulkUpdateRequestSchema, req.body, 'body');
    const names = Object.keys(body);
    const result = await guard.audited(
      req,
      {
        eventId: 'integration-bulk-update',
        severityLevel: 'high',
        action: 'bulk_update',
        integrations: names,
      },
      async () => {
        const refs = names.flatMap(name => {
          const environment = body[name].environment;
          return (environment ? [environment] : ENVIRONMENTS).map(env =>
            integrationResourceRef(name, env),
          );
        });
        await guard.authorizeResources(
          credentials,
          integrationUpdatePermission,
          refs,
        );
        return configurations.bulkUpdate(body, guard.actor(req, credentials));
      },
    );
    res.json(result);
  });

  router.get('/:name/credentials', async (req, res) => {
    const { name, environment } = await readableConfiguration(req);
    res.json(await credentialService.status(name, environment));
  });

  router.put('/:name/credentials', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { name, environment } = parseConfigurationTarget(req);
    const body = parseInput(updateCredentialsRequestSchema, req.body, 'body');
    const status = await guard.changeConfiguration(
      req,
      credentials,
      {
        eventId: 'integration-credentials-update',
        action: 'credentials_update',
        permission: integrationCredentialsUpdatePermission,
        name,
        environment,
        severityLevel: 'high',
      },
      () =>
        credentialService.update(
          name,
          environment,
          body,
          guard.actor(req, credentials),
        ),
    );
    res.json(status);
  });

  router.get('/keys/status', async (req, res) => {
    const credentials = await guard.credentials(req);
    await guard.authorize(credentials, keysRotatePermission);
    res.json(await keyRotation.status());
  });

  router.post('/keys/rotate', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const result = await guard.audited(
      req,
      {
        eventId: 'integration-keys-rotate',
        severityLevel: 'high',
        action: 'keys_rotate',
        integrations: [],
      },
      async () => {
        await guard.authorize(credentials, keysRotatePermission);
        return keyRotation.rotate(credentials.principal.userEntityRef);
      },
    );
    res.json(result);
  });

  router.get('/audit', async (req, res) => {
    const credentials = await guard.credentials(req);
    await guard.authorize(credentials, auditReadPermission);
    const { format, offset, limit, ...filter } = parseInput(
      auditQuerySchema,
      req.query,
      'query',
    );
    if (format !== 'csv') {
      res.json(await store.audit.list(filter, { offset, limit }));
      return;
    }
    const { items } = await store.audit.list(filter, {
      limit: limit ?? 100_000,
    });
    const csv = stringify(
      items.map(entry => ({
        timestamp: entry.timestamp,
        eventId: entry.eventId,
        userId: entry.userId,
        integration: entry.integration,
        environment: entry.environment ?? '',
        action: entry.action,
        category: entry.category,
        changedFields: entry.details.changedFields.join(' '),
        version: entry.details.version ?? '',
        outcome: entry.outcome,
        error: entry.error ?? '',
        ip: entry.context.ip ?? '',
        userAgent: entry.context.userAgent ?? '',
      })),
      {
        header: true,
        // Values such as user agents come from requests; a spreadsheet must not run them.
        escape_formulas: true,
        columns: [
          'timestamp',
          'eventId',
          'userId',
          'integration',
          'environment',
          'action',
          'category',
          'changedFields',
          'version',
          'outcome',
          'error',
          'ip',
          'userAgent',
        ],
      },
    );
    res.type('text/csv').attachment('integrations-audit.csv').send(csv);
  });

  router.use(testHistoryRoutes({ ...options, guard }));
  router.use(healthScheduleRoutes({ ...options, guard }));
  addHealthRoutes(router, { ...options, guard });

  return router;
}
