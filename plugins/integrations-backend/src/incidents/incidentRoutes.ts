import { NotFoundError } from '@backstage/errors';
import {
  errorResolvePermission,
  incidentParamsSchema,
  incidentsQuerySchema,
  resolveIncidentSchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { errorVisibility } from '../errors/errorRoutes';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { IncidentService } from './IncidentService';

/**
 * `GET /incidents`, `GET /incidents/:id` and `POST /incidents/:id/resolve`:
 * incidents all of whose integrations the caller may read the errors of;
 * resolving one needs `integrations.errors.resolve` on each of them. The
 * rollback an incident points at is `POST /configs/:name/rollback`.
 */
export function addIncidentRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    configs: ConfigStore;
    incidents: IncidentService;
  },
) {
  const { guard, configs, incidents } = options;
  const visibleTo = errorVisibility(guard, configs);

  router.get('/incidents', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(incidentsQuerySchema, req.query, 'query');
    res.json(await incidents.list(await visibleTo(credentials), query));
  });

  router.get('/incidents/:id', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { id } = parseInput(incidentParamsSchema, req.params, 'params');
    const incident = await incidents.visibleIncident(
      id,
      await visibleTo(credentials),
    );
    if (!incident) {
      throw new NotFoundError(`No incident ${id}`);
    }
    res.json(await incidents.detail(incident));
  });

  router.post('/incidents/:id/resolve', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(incidentParamsSchema, req.params, 'params');
    const { note } = parseInput(resolveIncidentSchema, req.body, 'body');
    const incident = await incidents.visibleIncident(
      id,
      await visibleTo(credentials),
    );
    if (!incident) {
      throw new NotFoundError(`No incident ${id}`);
    }
    const integrations = [...new Set(incident.members.map(m => m.integration))];
    const resolved = await guard.audited(
      req,
      {
        eventId: 'integration-incident-resolve',
        severityLevel: 'low',
        action: 'incident_resolve',
        integrations,
        environment: incident.environment,
      },
      async () => {
        await guard.authorizeResources(
          credentials,
          errorResolvePermission,
          integrations.map(name =>
            integrationResourceRef(name, incident.environment),
          ),
        );
        return incidents.resolve(incident, note, guard.actor(req, credentials));
      },
    );
    res.json(resolved);
  });
}
