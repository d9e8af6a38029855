import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Environment,
  IntegrationConfig,
  ValidationIssue,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from './ConfigStore';

export function originOf(url: string | undefined): string | undefined {
  if (url === undefined) {
    return undefined;
  }
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export function describeIssues(issues: ValidationIssue[], prefix = ''): string {
  return issues
    .map(issue => `${prefix}${issue.path || '(body)'}: ${issue.message}`)
    .join('; ');
}

/** The integration's configurations, or a 404 when it has none. */
export async function requireConfigs(
  configs: ConfigStore,
  name: string,
  environment?: Environment,
): Promise<IntegrationConfig[]> {
  const found = await configs.getConfigs(name, environment);
  if (found.length === 0) {
    throw new NotFoundError(
      environment
        ? `${name} has no ${environment} configuration`
        : `No integration is named ${name}`,
    );
  }
  return found;
}

export function assertNotDeleted(config: IntegrationConfig) {
  if (config.deleted) {
    throw new ConflictError(
      `${config.name} is deleted; restore it before changing it`,
    );
  }
}

export function assertCurrentVersion(
  config: IntegrationConfig,
  version: number,
) {
  if (version !== config.metadata.version) {
    throw new ConflictError(
      `${config.name} (${config.environment}) was changed while you edited version ${version}: the current version is ${config.metadata.version}, saved by ${config.metadata.updatedBy} at ${config.metadata.lastUpdated}`,
    );
  }
}
