import {
  ErrorPattern,
  ResolveErrorRequest,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import IconButton from '@material-ui/core/IconButton';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { FormEvent, useId, useState } from 'react';
import { useErrorTriage } from '../../../hooks/useErrorTriage';
import { FormError } from '../../credentials/CredentialsPanel/FormError';
import { triageIssues } from '../triageIssues';

type Resolution = 'resolved' | 'workaround_applied';

/** The most prevention measures one resolution keeps. */
const MAX_MEASURES = 20;

/**
 * Settles an error group: how (fixed, or a workaround), what was done, and
 * what keeps it from coming back. The backend resolves the group through one
 * of its events; should the group happen again it shows as regressed.
 */
export function ResolveDialog(props: {
  patternName: string;
  /** An event of the group, which the backend resolves the group through. */
  errorId: string;
  /**
   * A resolution to start from: the known fix of the error and what
   * prevents it, from the provider catalog.
   */
  template?: { text: string; preventionMeasures: string[] };
  onResolved(pattern: ErrorPattern): void;
  onCancel(): void;
}) {
  const { patternName, errorId, template, onResolved, onCancel } = props;
  const titleId = useId();
  const fieldId = useId();
  const [resolution, setResolution] = useState<Resolution>('resolved');
  const [text, setText] = useState('');
  const [measures, setMeasures] = useState<string[]>([]);
  const [state, resolve] = useErrorTriage(
    (api, request: ResolveErrorRequest) => api.resolveError(errorId, request),
    onResolved,
  );
  const issues = triageIssues(
    state.error,
    /^(resolution|text|preventionMeasures(\.\d+)?)$/,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Blank measures are dropped from the form too, so the backend's
    // position of a wrong measure is the one shown.
    const preventionMeasures = measures.map(m => m.trim()).filter(Boolean);
    setMeasures(preventionMeasures);
    resolve({ resolution, text: text.trim(), preventionMeasures });
  };
  const setMeasure = (index: number, value: string) =>
    setMeasures(measures.map((m, i) => (i === index ? value : m)));

  return (
    <Dialog
      open
      onClose={onCancel}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Resolve “{patternName}”</DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            Resolves the whole group. Should it happen again, it reopens and is
            marked as regressed.
          </Typography>
          <FormControl
            component="fieldset"
            error={Boolean(issues.field('resolution'))}
          >
            <FormLabel component="legend">Outcome</FormLabel>
            <RadioGroup
              row
              value={resolution}
              onChange={event =>
                setResolution(event.target.value as Resolution)
              }
            >
              <FormControlLabel
                value="resolved"
                control={<Radio />}
                label="Fixed"
              />
              <FormControlLabel
                value="workaround_applied"
                control={<Radio />}
                label="Workaround applied"
              />
            </RadioGroup>
            {issues.field('resolution') && (
              <FormHelperText>{issues.field('resolution')}</FormHelperText>
            )}
          </FormControl>
          {template && (
            <Button
              size="small"
              onClick={() => {
                setText(template.text);
                setMeasures(template.preventionMeasures.slice(0, MAX_MEASURES));
              }}
            >
              Start from the known fix
            </Button>
          )}
          <TextField
            id={`${fieldId}-text`}
            label="What fixed it"
            value={text}
            onChange={event => setText(event.target.value)}
            error={Boolean(issues.field('text'))}
            helperText={
              issues.field('text') ??
              'What was done, for whoever meets this error next'
            }
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            variant="outlined"
          />
          <FormLabel component="legend">Prevention measures</FormLabel>
          {issues.field('preventionMeasures') && (
            <FormHelperText error>
              {issues.field('preventionMeasures')}
            </FormHelperText>
          )}
          {measures.map((measure, index) => (
            <Box key={index} display="flex" alignItems="flex-start">
              <TextField
                id={`${fieldId}-measure-${index}`}
                label={`Measure ${index + 1}`}
                value={measure}
                onChange={event => setMeasure(index, event.target.value)}
                error={Boolean(issues.field(`preventionMeasures.${index}`))}
                helperText={issues.field(`preventionMeasures.${index}`)}
                fullWidth
                margin="dense"
                variant="outlined"
                size="small"
              />
              <IconButton
                aria-label={`Remove measure ${index + 1}`}
                onClick={() =>
                  setMeasures(measures.filter((_, i) => i !== index))
                }
              >
                <DeleteIcon />
              </IconButton>
            </Box>
          ))}
          <Button
            size="small"
            onClick={() => setMeasures([...measures, ''])}
            disabled={measures.length >= MAX_MEASURES}
          >
            Add a measure
          </Button>
          <FormError message={issues.other} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} disabled={state.loading}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={state.loading || !text.trim()}
          >
            Resolve
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
