import { NotAllowedError } from '@backstage/errors';
import {
  ENVIRONMENTS,
  bulkUpdateRequestSchema,
  copyConfigRequestSchema,
  createIntegrationRequestSchema,
  diffQuerySchema,
  dryRunQuerySchema,
  environmentQuerySchema,
  integrationDeletePermission,
  integrationReadPermission,
  integrationUpdatePermission,
  listConfigsQuerySchema,
  optionalEnvironmentQuerySchema,
  rollbackRequestSchema,
  updateConfigRequestSchema,
  versionParamsSchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import {
  nameParamsSchema,
  parseConfigurationTarget,
  parseInput,
  readableConfiguration,
} from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { ConfigStore } from './ConfigStore';
import { ConfigurationHistoryService } from './ConfigurationHistoryService';
import { ConfigurationService } from './ConfigurationService';
import { createIntegration } from './createIntegration';

/**
 * Templates, configurations, their versions and bulk changes: `/templates`,
 * `/configs/*` and `/bulk-update`.
 */
export function addConfigurationRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    configs: ConfigStore;
    configurations: ConfigurationService;
    history: ConfigurationHistoryService;
  },
) {
  const { guard, configurations, history } = options;

  router.get('/templates', async (req, res) => {
    await guard.credentials(req);
    res.json(configurations.listTemplates());
  });

  router.get('/configs', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(listConfigsQuerySchema, req.query, 'query');
    const { offset, limit, ...filter } = query;
    res.json(
      await options.configs.listConfigs(
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
    res
      .status(201)
      .json(await createIntegration(options, req, credentials, body));
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
    const { name, environment } = await readableConfiguration(guard, req);
    res.json(await history.listVersions(name, environment));
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
    res.json(await history.getVersion(name, environment, version));
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
    res.json(await history.diff(name, environment, from, to));
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
        history.rollback(
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
}
