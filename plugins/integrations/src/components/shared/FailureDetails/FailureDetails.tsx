import { TestFailure } from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { failureLabel } from '../../../healthLabels';
import { InlineAlert } from '../InlineAlert';
import { TroubleshootingChecklist } from '../TroubleshootingChecklist';

export interface FailureDetailsProps {
  failure: TestFailure;
  onRerun?(): void;
  rerunning?: boolean;
  rerunDisabledReason?: string;
}

/**
 * What failed, in plain words (the class, its explanation and what the
 * provider said), then the checklist of steps that fix it.
 */
export function FailureDetails(props: FailureDetailsProps) {
  const { failure, onRerun, rerunning, rerunDisabledReason } = props;
  const facts = [
    failure.httpStatus !== undefined && `HTTP ${failure.httpStatus}`,
    failure.retryAfterSeconds !== undefined &&
      `retry after ${failure.retryAfterSeconds} s`,
  ].filter(Boolean);

  return (
    <>
      <InlineAlert severity="error" title={failureLabel(failure.class)}>
        {failure.explanation}
        {failure.providerMessage && (
          <Typography variant="body2" color="textSecondary">
            The provider said: “{failure.providerMessage}”
          </Typography>
        )}
        <Typography variant="caption" color="textSecondary" component="p">
          Failure class <code>{failure.class}</code>
          {facts.length > 0 && ` · ${facts.join(' · ')}`}
        </Typography>
      </InlineAlert>
      <TroubleshootingChecklist
        key={failure.repairSteps.join('\n')}
        steps={failure.repairSteps}
        onRerun={onRerun}
        rerunning={rerunning}
        rerunDisabledReason={rerunDisabledReason}
      />
    </>
  );
}
