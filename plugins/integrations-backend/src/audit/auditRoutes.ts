import {
  auditQuerySchema,
  auditReadPermission,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { auditCsv } from './auditCsv';
import { AuditStore } from './AuditStore';

/** The audit log, as JSON pages or one CSV download: `/audit`. */
export function addAuditRoutes(
  router: express.Router,
  options: { guard: RequestGuard; auditStore: AuditStore },
) {
  const { guard, auditStore } = options;

  router.get('/audit', async (req, res) => {
    const credentials = await guard.credentials(req);
    await guard.authorize(credentials, auditReadPermission);
    const { format, offset, limit, ...filter } = parseInput(
      auditQuerySchema,
      req.query,
      'query',
    );
    if (format !== 'csv') {
      res.json(await auditStore.list(filter, { offset, limit }));
      return;
    }
    const { items } = await auditStore.list(filter, {
      limit: limit ?? 100_000,
    });
    const csv = auditCsv(items);
    res.type('text/csv').attachment('integrations-audit.csv').send(csv);
  });
}
