import { PerformanceTest } from '@internal/plugin-integrations-common';
import { describeFailure } from './classifyFailure';
import {
  describeExpectation,
  describeProbe,
  meetsExpectation,
} from './probeRequest';
import { StepDefinition, StepFailure } from './steps';
import { SuiteState } from './suiteState';

const PERFORMANCE_SAMPLES = 10;

/** One harmless call with an expected outcome, and timed samples. */
export function functionalSteps(
  suite: SuiteState,
): Record<'functional' | 'performance', StepDefinition> {
  return {
    functional: {
      name: 'Functional call',
      category: 'functionality',
      target: describeProbe(suite.options.provider.probes.functional),
      applies: () => true,
      run: async () => {
        const probe = suite.provider.probes.functional;
        const started = performance.now();
        try {
          const { answer, body } = await suite.send(probe);
          const actual = meetsExpectation(probe, body).actual;
          suite.outcome.functionality = {
            operation: probe.operation,
            passed: true,
            expected: describeExpectation(probe),
            actual,
            durationMs: Math.round(answer.timings.totalMs),
          };
          return {
            message: `${probe.operation}: HTTP ${
              answer.status
            }, ${describeExpectation(probe)}`,
            target: describeProbe(probe),
          };
        } catch (error) {
          suite.outcome.functionality = {
            operation: probe.operation,
            passed: false,
            expected: describeExpectation(probe),
            actual:
              error instanceof StepFailure ? error.failure.class : 'no answer',
            durationMs: Math.round(performance.now() - started),
          };
          throw error;
        }
      },
    },
    performance: {
      name: 'Response time',
      category: 'performance',
      applies: () => true,
      run: async () => {
        const durations: number[] = [];
        let failures = 0;
        for (let i = 0; i < PERFORMANCE_SAMPLES; i++) {
          const started = performance.now();
          try {
            await suite.send(suite.provider.probes.authCheck);
            durations.push(performance.now() - started);
          } catch (error) {
            if (!(error instanceof StepFailure)) {
              throw error;
            }
            failures++;
          }
        }
        if (durations.length === 0) {
          throw new StepFailure(
            describeFailure('provider_error', suite.provider, {
              providerMessage: `All ${PERFORMANCE_SAMPLES} samples failed`,
            }),
          );
        }
        const sorted = [...durations].sort((a, b) => a - b);
        const at = (q: number) =>
          Math.round(
            sorted[
              Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)
            ],
          );
        const figures: PerformanceTest = {
          samples: PERFORMANCE_SAMPLES,
          minMs: Math.round(sorted[0]),
          p50Ms: at(0.5),
          p95Ms: at(0.95),
          maxMs: Math.round(sorted[sorted.length - 1]),
          failures,
        };
        suite.outcome.performance = figures;
        const threshold =
          suite.options.config.monitoringConfig.alertThresholds.responseTime;
        return {
          message: `${PERFORMANCE_SAMPLES} samples: min ${
            figures.minMs
          } ms, p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, max ${
            figures.maxMs
          } ms${failures ? `, ${failures} failed` : ''}`,
          warning: failures > 0 || figures.p95Ms > threshold,
        };
      },
    },
  };
}
