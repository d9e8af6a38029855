import { z } from 'zod';
import { environmentSchema, integrationNameSchema } from './schemas';
import { TEST_SUITES, TestRunResult } from './testing';

/** The outcomes a test run can have, as the history filter names them. */
export const TEST_RUN_STATUSES = ['passed', 'degraded', 'failed'] as const;

/** What started a test run, as the history filter names it. */
export const TEST_TRIGGERS = ['manual', 'bulk', 'scheduled'] as const;

const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'An ISO 8601 date and time, e.g. 2027-01-31T00:00:00Z',
});

/** Query of `GET /tests`: the test history across integrations. */
export const testHistoryQuerySchema = z
  .strictObject({
    environment: environmentSchema.optional(),
    integration: integrationNameSchema.optional(),
    suite: z
      .enum(TEST_SUITES, {
        message: `Must be one of: ${TEST_SUITES.join(', ')}`,
      })
      .optional(),
    status: z
      .enum(TEST_RUN_STATUSES, {
        message: `Must be one of: ${TEST_RUN_STATUSES.join(', ')}`,
      })
      .optional(),
    trigger: z
      .enum(TEST_TRIGGERS, {
        message: `Must be one of: ${TEST_TRIGGERS.join(', ')}`,
      })
      .optional(),
    /** Runs started at or after this time. */
    from: isoDateTime.optional(),
    /** Runs started before this time. */
    to: isoDateTime.optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .refine(
    query =>
      !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to),
    { message: 'Must be after from', path: ['to'] },
  );

/** @public */
export type TestHistoryQuery = z.infer<typeof testHistoryQuerySchema>;

/** @public */
export interface TestHistoryResponse {
  items: TestRunResult[];
  totalCount: number;
}
