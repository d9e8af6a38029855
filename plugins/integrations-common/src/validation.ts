import { z } from 'zod';
import { ValidationIssue } from './api';
import { ProviderDefinition } from './providers/types';
import { integrationSettingsSchema } from './schemas';
import { Environment, IntegrationSettings } from './types';

/** Keys under which a value is probably a secret. */
export const SECRET_LOOKING_KEY =
  /secret|password|passwd|token|api[-_]?key|private[-_]?key|credential|authorization/i;

/** What the rules beyond field types need to know about the configuration's surroundings. */
export interface ValidationContext {
  /** The integration being validated. */
  name: string;
  environment: Environment;
  /** Its provider; its settings schema and features are checked when given. */
  provider?: ProviderDefinition;
  /**
   * Every other existing integration, by name, with its dependencies in this
   * environment: dependencies must exist and must not form a cycle.
   */
  dependencyGraph: ReadonlyMap<string, readonly string[]>;
}

function issuesOf(error: z.ZodError, prefix: string[] = []): ValidationIssue[] {
  return error.issues.map(issue => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** Finds the path from `from` back to `target` through dependencies, if any. */
function findCycle(
  target: string,
  from: string,
  graph: ReadonlyMap<string, readonly string[]>,
  seen = new Set<string>(),
): string[] | undefined {
  if (from === target) {
    return [from];
  }
  if (seen.has(from)) {
    return undefined;
  }
  seen.add(from);
  for (const next of graph.get(from) ?? []) {
    const rest = findCycle(target, next, graph, seen);
    if (rest) {
      return [from, ...rest];
    }
  }
  return undefined;
}

/**
 * Validates one environment's settings: field types and ranges first, then the
 * rules an admin would expect, with the same messages in the API and the form.
 */
export function validateIntegrationSettings(
  input: unknown,
  context: ValidationContext,
): ValidationIssue[] {
  const parsed = integrationSettingsSchema.safeParse(input);
  if (!parsed.success) {
    return issuesOf(parsed.error);
  }
  const settings: IntegrationSettings = parsed.data;
  const { environment, provider, name, dependencyGraph } = context;
  const issues: ValidationIssue[] = [];

  if (environment === 'production') {
    if (!settings.complianceConfig.encryptionRequired) {
      issues.push({
        path: 'complianceConfig.encryptionRequired',
        message: 'Production requires encryption',
      });
    }
    if (!settings.complianceConfig.auditEnabled) {
      issues.push({
        path: 'complianceConfig.auditEnabled',
        message: 'Production requires auditing',
      });
    }
  }

  if (environment !== 'development') {
    const urls = {
      'connectionConfig.baseUrl': settings.connectionConfig.baseUrl,
      'authConfig.tokenUrl': settings.authConfig.tokenUrl,
    };
    for (const [path, url] of Object.entries(urls)) {
      if (url !== undefined && !url.startsWith('https://')) {
        issues.push({ path, message: `Must use https in ${environment}` });
      }
    }
  }

  for (const key of Object.keys(settings.featureConfig.customSettings)) {
    if (SECRET_LOOKING_KEY.test(key)) {
      issues.push({
        path: `featureConfig.customSettings.${key}`,
        message:
          'Looks like a secret: store it as a credential, which is encrypted and never shown',
      });
    }
  }

  const { alertThresholds } = settings.monitoringConfig;
  if (
    alertThresholds.responseTime > settings.connectionConfig.timeout &&
    settings.monitoringConfig.enabledAlerts.includes('response_time')
  ) {
    issues.push({
      path: 'monitoringConfig.alertThresholds.responseTime',
      message: `Above the ${settings.connectionConfig.timeout} ms timeout, so it could never fire`,
    });
  }

  if (provider) {
    if (settings.authConfig.type !== provider.authType) {
      issues.push({
        path: 'authConfig.type',
        message: `${provider.displayName} uses ${provider.authType}`,
      });
    }
    const settingsResult = provider.settingsSchema.safeParse(
      settings.featureConfig.featureSettings,
    );
    if (!settingsResult.success) {
      issues.push(
        ...issuesOf(settingsResult.error, ['featureConfig', 'featureSettings']),
      );
    }
    const known = new Set(provider.features.map(feature => feature.id));
    settings.featureConfig.enabledFeatures.forEach((feature, index) => {
      if (!known.has(feature)) {
        issues.push({
          path: `featureConfig.enabledFeatures.${index}`,
          message: `${provider.displayName} has no feature "${feature}"`,
        });
      }
    });
  }

  const seenDependencies = new Set<string>();
  settings.dependencies.forEach((dependency, index) => {
    const path = `dependencies.${index}`;
    if (dependency === name) {
      issues.push({ path, message: 'An integration cannot depend on itself' });
    } else if (!dependencyGraph.has(dependency)) {
      issues.push({ path, message: `No integration is named "${dependency}"` });
    } else if (seenDependencies.has(dependency)) {
      issues.push({ path, message: `"${dependency}" is listed twice` });
    } else {
      const cycle = findCycle(name, dependency, dependencyGraph);
      if (cycle) {
        issues.push({
          path,
          message: `Would form a cycle: ${[name, ...cycle].join(' → ')}`,
        });
      }
    }
    seenDependencies.add(dependency);
  });

  return issues;
}
