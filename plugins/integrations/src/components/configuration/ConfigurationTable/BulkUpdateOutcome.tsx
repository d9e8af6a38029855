import { BulkUpdateResponse } from '@internal/plugin-integrations-common';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';

export type BulkOutcome =
  | { enabled: boolean; response: BulkUpdateResponse }
  | { enabled: boolean; error: Error };

/** What a bulk enable or disable did, configuration by configuration. */
export function BulkUpdateOutcome(props: { outcome: BulkOutcome }) {
  const { outcome } = props;
  const verb = outcome.enabled ? 'enable' : 'disable';
  if ('error' in outcome) {
    return (
      <InlineAlert
        severity="error"
        title={`Could not ${verb} the selected configurations; nothing was changed`}
      >
        {errorMessage(outcome.error)}
      </InlineAlert>
    );
  }
  const { applied, results } = outcome.response;
  const failed = results.filter(result => result.status === 'failed');
  return (
    <InlineAlert
      severity={applied ? 'success' : 'error'}
      title={
        applied
          ? `${outcome.enabled ? 'Enabled' : 'Disabled'} ${
              results.filter(r => r.status === 'updated').length
            } of ${results.length} configurations`
          : `Nothing was changed: ${failed.length} of ${results.length} configurations could not be updated, and a bulk update is all-or-nothing`
      }
    >
      <ul aria-label="Bulk update results">
        {results.map(result => (
          <li key={`${result.name}:${result.environment}`}>
            {result.name} ({ENVIRONMENT_LABELS[result.environment]}):{' '}
            {result.status === 'updated' &&
              `updated to version ${result.version}`}
            {result.status === 'unchanged' && `already ${verb}d`}
            {result.status === 'failed' &&
              `failed: ${(result.errors ?? [])
                .map(issue => `${issue.path}: ${issue.message}`)
                .join('; ')}`}
          </li>
        ))}
      </ul>
    </InlineAlert>
  );
}
