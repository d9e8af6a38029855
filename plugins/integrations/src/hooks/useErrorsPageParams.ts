import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import {
  ENVIRONMENTS,
  ERROR_SEVERITIES,
  ERROR_STATUSES,
  Environment,
  ErrorSeverity,
  ErrorStatus,
  FAILURE_CLASSES,
  FailureClass,
  HEALTH_RANGES,
  HealthRange,
  integrationNameSchema,
} from '@internal/plugin-integrations-common';
import { useCallback, useMemo } from 'react';

export const ERROR_PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 25;

function oneOf<T extends string | number>(
  values: readonly T[],
  value: string | null,
): T | undefined {
  return values.find(candidate => String(candidate) === value);
}

/** What the Errors page shows; every value is in the URL. */
export interface ErrorsView {
  environment: Environment;
  integration?: string;
  status?: ErrorStatus;
  severity?: ErrorSeverity;
  type?: FailureClass;
  includeSnoozed: boolean;
  range: HealthRange;
  page: number;
  pageSize: number;
}

/** A change to the filters; absent keys stay, undefined clears one. */
export type ErrorsViewChange = Partial<Omit<ErrorsView, 'page' | 'pageSize'>>;

/**
 * The filters, period and page of the Errors page, kept in the URL
 * (`?environment=staging&severity=critical&page=2`) so a link or a reload
 * shows the same list; the defaults (production, 24 hours, first page) need
 * no parameter. Values the page does not know are left out.
 */
export function useErrorsPageParams() {
  const [params, setParams] = useAppSearchParams();

  const view = useMemo((): ErrorsView => {
    const integration = params.get('integration');
    const page = Number(params.get('page'));
    return {
      environment:
        oneOf<Environment>(ENVIRONMENTS, params.get('environment')) ??
        'production',
      integration:
        integration && integrationNameSchema.safeParse(integration).success
          ? integration
          : undefined,
      status: oneOf(ERROR_STATUSES, params.get('status')),
      severity: oneOf(ERROR_SEVERITIES, params.get('severity')),
      type: oneOf(FAILURE_CLASSES, params.get('type')),
      includeSnoozed: params.get('snoozed') === 'shown',
      range: oneOf(HEALTH_RANGES, params.get('range')) ?? '24h',
      page: Number.isInteger(page) && page > 1 ? page - 1 : 0,
      pageSize:
        oneOf(ERROR_PAGE_SIZES, params.get('pageSize')) ?? DEFAULT_PAGE_SIZE,
    };
  }, [params]);

  const write = useCallback(
    (next: ErrorsView) =>
      setParams(
        Object.fromEntries(
          Object.entries({
            environment:
              next.environment === 'production' ? undefined : next.environment,
            integration: next.integration,
            status: next.status,
            severity: next.severity,
            type: next.type,
            snoozed: next.includeSnoozed ? 'shown' : undefined,
            range: next.range === '24h' ? undefined : next.range,
            page: next.page > 0 ? String(next.page + 1) : undefined,
            pageSize:
              next.pageSize === DEFAULT_PAGE_SIZE
                ? undefined
                : String(next.pageSize),
          }).filter((entry): entry is [string, string] => Boolean(entry[1])),
        ),
      ),
    [setParams],
  );

  /** Changes filters and goes back to the first page. */
  const changeView = useCallback(
    (change: ErrorsViewChange) => write({ ...view, ...change, page: 0 }),
    [view, write],
  );
  const changePage = useCallback(
    (page: number, pageSize = view.pageSize) =>
      write({ ...view, page, pageSize }),
    [view, write],
  );

  return { view, search: params.toString(), changeView, changePage };
}
