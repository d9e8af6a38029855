import { z } from 'zod';
import { ENVIRONMENTS, INTEGRATION_CATEGORIES } from './types';

/** @public */
export const environmentSchema = z.enum(ENVIRONMENTS);

/** @public */
export const integrationCategorySchema = z.enum(INTEGRATION_CATEGORIES);

const booleanString = z
  .enum(['true', 'false'])
  .transform(value => value === 'true');

/**
 * Query of `GET /configs`. Values arrive as strings.
 *
 * @public
 */
export const listConfigsQuerySchema = z.strictObject({
  environment: environmentSchema.optional(),
  category: integrationCategorySchema.optional(),
  enabled: booleanString.optional(),
});

/** @public */
export type ListConfigsQuery = z.infer<typeof listConfigsQuerySchema>;
