import { Progress } from '@backstage/core-components';
import { Environment } from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  ImpactState,
  useIntegrationImpact,
} from '../../../hooks/useIntegrationImpact';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { AffectedByOwner } from './AffectedByOwner';

/**
 * The impact as loaded elsewhere (a dialog that counted it first): the
 * summary sentence, then what is affected by owning team; a plain message
 * when nothing depends on the integration or the catalog does not know it.
 */
export function ImpactDetails(props: {
  integration: string;
  state: ImpactState;
}) {
  const { integration, state } = props;
  const impact = state.value;
  if (state.error) {
    return (
      <InlineAlert
        severity="error"
        title={`What depends on ${integration} could not be loaded`}
        action={<Button onClick={state.retry}>Retry</Button>}
      >
        {errorMessage(state.error)}
      </InlineAlert>
    );
  }
  if (!impact) {
    return <Progress />;
  }
  if (!impact.inCatalog) {
    return (
      <InlineAlert severity="info" title="Not in the catalog">
        {impact.summary} Components and Systems name it in their dependsOn as{' '}
        <code>{impact.entityRef}</code>.
      </InlineAlert>
    );
  }
  const affected =
    impact.components.length + impact.systems.length + impact.others.length;
  return (
    <>
      <Typography>{impact.summary}</Typography>
      {affected > 0 && <AffectedByOwner impact={impact} />}
      {impact.truncated && (
        <Typography variant="caption" color="textSecondary" component="p">
          The catalog walk stopped at its limit: more may depend on it than is
          shown.
        </Typography>
      )}
    </>
  );
}

/**
 * What in the catalog depends on an integration, read when shown: "Stripe
 * is down: checkout-service and invoicing (payments-team) are affected",
 * then each affected Component and System, by owning team, linked to its
 * catalog page.
 */
export function IntegrationImpact(props: {
  integration: string;
  environment?: Environment;
  /** Reloads the impact when it changes, e.g. the integration's health. */
  reloadKey?: unknown;
}) {
  const state = useIntegrationImpact(props.integration, props.environment, {
    reloadKey: props.reloadKey,
  });
  return <ImpactDetails integration={props.integration} state={state} />;
}
