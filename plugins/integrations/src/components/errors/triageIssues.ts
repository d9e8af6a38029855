import { errorMessage, fieldIssuesOf } from '../../requestErrors';

/**
 * What a refused triage request said, for a dialog: the message of each
 * body field it shows (`text`, `preventionMeasures.2`), and, on a line of its
 * own, whatever else went wrong, so no field error goes unsaid.
 */
export function triageIssues(error: Error | undefined, shownFields: RegExp) {
  if (!error) {
    return { field: () => undefined, other: undefined };
  }
  const issues = fieldIssuesOf(error).map(issue => ({
    field: issue.path.replace(/^body\.?/, ''),
    message: issue.message,
  }));
  const shown = new Map(
    issues
      .filter(issue => shownFields.test(issue.field))
      .map(issue => [issue.field, issue.message]),
  );
  const unshown = issues.filter(issue => !shownFields.test(issue.field));
  let other: string | undefined;
  if (issues.length === 0) {
    other = errorMessage(error);
  } else if (unshown.length > 0) {
    other = unshown
      .map(issue => `${issue.field || 'request'}: ${issue.message}`)
      .join('; ');
  }
  return { field: (name: string) => shown.get(name), other };
}
