import { TestStep } from '@internal/plugin-integrations-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatDuration } from '../../../healthLabels';
import { TestStepStatusLabel } from '../../shared/StatusLabel';

/** Each step of a test run: its outcome, what it found and the request it made. */
export function TestSteps(props: { steps: TestStep[] }) {
  return (
    <Table size="small" aria-label="Test steps">
      <TableHead>
        <TableRow>
          <TableCell>Status</TableCell>
          <TableCell>Step</TableCell>
          <TableCell>Result</TableCell>
          <TableCell>Request</TableCell>
          <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
            Duration
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.steps.map(step => (
          <TableRow key={step.id}>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <TestStepStatusLabel status={step.status} />
            </TableCell>
            <TableCell>{step.name}</TableCell>
            <TableCell>{step.message}</TableCell>
            <TableCell>
              {step.target ? <code>{step.target}</code> : '—'}
            </TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              {formatDuration(step.durationMs)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
