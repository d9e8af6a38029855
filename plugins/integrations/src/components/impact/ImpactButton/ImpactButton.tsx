import {
  IntegrationHealthStatus,
  IntegrationImpact,
} from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useState } from 'react';
import {
  ImpactState,
  useIntegrationImpact,
} from '../../../hooks/useIntegrationImpact';
import { ImpactDetails } from '../IntegrationImpact';

const plural = (count: number, one: string) =>
  `${count} ${one}${count === 1 ? '' : 's'}`;

/** "Affects 3 components in 1 system", or what is known instead. */
function countOf(impact: IntegrationImpact): string {
  const { components, systems, others } = impact;
  if (!impact.inCatalog) {
    return 'Not in the catalog';
  }
  if (components.length + systems.length + others.length === 0) {
    return 'Nothing depends on it';
  }
  if (components.length > 0) {
    const inSystems =
      systems.length > 0 ? ` in ${plural(systems.length, 'system')}` : '';
    return `Affects ${plural(components.length, 'component')}${inSystems}`;
  }
  if (others.length === 0) {
    return `Affects ${plural(systems.length, 'system')}`;
  }
  const count = systems.length + others.length;
  return `Affects ${count} catalog ${count === 1 ? 'entity' : 'entities'}`;
}

function labelOf(failing: boolean, state: ImpactState): string {
  if (!failing) {
    return 'What depends on it';
  }
  if (state.value) {
    return countOf(state.value);
  }
  return state.error ? 'Who is affected?' : 'Finding who is affected…';
}

/**
 * One compact line on an integration's status card that opens what depends
 * on it in a dialog. A failing integration counts its impact at once
 * ("Affects 3 components in 1 system"); a healthy one asks the catalog only
 * when the dialog opens.
 */
export function ImpactButton(props: { status: IntegrationHealthStatus }) {
  const { integration, environment, displayName } = props.status;
  const failing =
    props.status.status === 'unhealthy' || props.status.status === 'degraded';
  const [open, setOpen] = useState(false);
  const state = useIntegrationImpact(integration, environment, {
    skip: !failing && !open,
    reloadKey: props.status.status,
  });
  return (
    <>
      <Button
        size="small"
        color={failing ? 'secondary' : 'default'}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        {labelOf(failing, state)}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullWidth
        maxWidth="sm"
        aria-labelledby={`impact-${integration}-title`}
      >
        <DialogTitle id={`impact-${integration}-title`}>
          What depends on {displayName}
        </DialogTitle>
        <DialogContent>
          <ImpactDetails integration={integration} state={state} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
