import { usageExportFileName, usageExportQuerySchema } from './analytics';

describe('usageExportFileName', () => {
  const period = {
    start: '2026-12-01T00:00:00.000Z',
    end: '2026-12-07T18:30:00.000Z',
  };

  it('names the environment, the one integration exported, and the UTC dates', () => {
    expect(
      usageExportFileName({
        environment: 'production',
        period,
        format: 'json',
      }),
    ).toBe('integration-usage-production-2026-12-01--2026-12-07.json');
    expect(
      usageExportFileName({
        environment: 'staging',
        integration: 'stripe',
        period,
        format: 'csv',
      }),
    ).toBe('integration-usage-staging-stripe-2026-12-01--2026-12-07.csv');
  });
});

describe('usageExportQuerySchema', () => {
  it('needs a format and keeps the period checks of the analytics query', () => {
    const issues = (query: object) =>
      usageExportQuerySchema
        .safeParse(query)
        .error?.issues.map(
          issue => `${issue.path.join('.')}: ${issue.message}`,
        );

    expect(issues({ format: 'csv', environment: 'staging' })).toBeUndefined();
    expect(issues({})).toEqual(['format: csv or json']);
    expect(
      issues({
        format: 'json',
        from: '2026-12-07T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
      }),
    ).toEqual(['to: Must be after from']);
  });
});
