import { IntegrationHealthStatus } from '@internal/plugin-integrations-common';
import Checkbox from '@material-ui/core/Checkbox';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { shortRef } from '../../../labels';
import { HealthStatusLabel } from '../../shared/StatusLabel';

export interface RunTargetsProps {
  integrations: IntegrationHealthStatus[];
  /** Names of the selected integrations. */
  selected: ReadonlySet<string>;
  /** Why an integration may not be tested, if it may not. */
  deniedReason(integration: IntegrationHealthStatus): string | undefined;
  disabled?: boolean;
  onChange(selected: ReadonlySet<string>): void;
}

/**
 * The integrations a suite can run on, with their current health; only those
 * the user may test can be picked, the others say why not.
 */
export function RunTargets(props: RunTargetsProps) {
  const { integrations, selected, deniedReason, disabled, onChange } = props;
  const selectable = integrations
    .filter(item => !deniedReason(item))
    .map(item => item.integration);
  const selectedCount = selectable.filter(name => selected.has(name)).length;
  const allSelected =
    selectable.length > 0 && selectedCount === selectable.length;

  const toggle = (name: string) => {
    const next = new Set(selected);
    if (next.has(name)) {
      next.delete(name);
    } else {
      next.add(name);
    }
    onChange(next);
  };

  if (integrations.length === 0) {
    return (
      <Typography color="textSecondary">
        No integrations match these filters.
      </Typography>
    );
  }

  return (
    <Table size="small" aria-label="Integrations to test">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox">
            <Checkbox
              inputProps={{ 'aria-label': 'Select all integrations shown' }}
              checked={allSelected}
              indeterminate={selectedCount > 0 && !allSelected}
              disabled={disabled || selectable.length === 0}
              onChange={() =>
                onChange(allSelected ? new Set() : new Set(selectable))
              }
            />
          </TableCell>
          <TableCell>Integration</TableCell>
          <TableCell>Provider</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Current status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {integrations.map(item => {
          const reason = deniedReason(item);
          const checkbox = (
            <Checkbox
              inputProps={{ 'aria-label': `Select ${item.integration}` }}
              checked={!reason && selected.has(item.integration)}
              disabled={disabled || Boolean(reason)}
              onChange={() => toggle(item.integration)}
            />
          );
          return (
            <TableRow key={item.integration}>
              <TableCell padding="checkbox">
                {reason ? (
                  <Tooltip title={reason}>
                    <span>{checkbox}</span>
                  </Tooltip>
                ) : (
                  checkbox
                )}
              </TableCell>
              <TableCell>
                {item.displayName}{' '}
                <Typography variant="caption" color="textSecondary">
                  {item.integration}
                </Typography>
              </TableCell>
              <TableCell>{item.provider}</TableCell>
              <TableCell>{shortRef(item.owner)}</TableCell>
              <TableCell>
                <HealthStatusLabel status={item.status} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
