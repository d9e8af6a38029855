import {
  FAILURE_CLASS_INFO,
  FailureClass,
  KnownError,
  ProviderDefinition,
  RateLimitReading,
  TestFailure,
  providerErrorOf,
} from '@internal/plugin-integrations-common';

/** An HTTP answer that was not what the probe wanted. */
export interface FailedAnswer {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  rateLimit?: RateLimitReading;
}

/**
 * Removes every credential value from text that came from outside, and
 * anything shaped like a key in case the provider echoes a transformed one.
 */
export function removeSecrets(text: string, secrets: string[]): string {
  let result = text;
  // A secret placed in a URL travels encoded, and may come back that way.
  const forms = secrets.flatMap(secret => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
  ]);
  for (const form of forms) {
    if (form.length >= 4) {
      result = result.split(form).join('***');
    }
  }
  return result
    .replace(/\b(sk|rk|pk)_(live|test)_[A-Za-z0-9*]+/g, '$1_$2_***')
    .replace(
      /\b(ghp|gho|github_pat|xkeysib|ya29)[-_.][A-Za-z0-9_.*-]+/g,
      '$1***',
    )
    .replace(/\b\d{6,}(:|%3A)[A-Za-z0-9_-]{20,}/gi, '***');
}

/** {@link removeSecrets}, cut to a line's length for messages. */
export function redact(text: string, secrets: string[]): string {
  return removeSecrets(text, secrets).slice(0, 300);
}

function retryAfterOf(headers: Record<string, string>): number | undefined {
  const value = headers['retry-after'];
  if (!value) {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return seconds;
  }
  const date = Date.parse(value);
  return Number.isNaN(date)
    ? undefined
    : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** The generic reading of an HTTP status. */
function classOfStatus(answer: FailedAnswer, message: string): FailureClass {
  const text = `${message} ${answer.bodyText}`.toLowerCase();
  if (answer.status === 429) {
    return 'rate_limited';
  }
  if (answer.status === 401) {
    return /expired|revoked/.test(text) ? 'auth_expired' : 'auth_invalid';
  }
  if (answer.status === 400 && /invalid_grant/.test(text)) {
    return 'auth_expired';
  }
  if (answer.status === 400 && /invalid_client/.test(text)) {
    return 'auth_invalid';
  }
  if (answer.status === 403) {
    return answer.rateLimit?.remaining === 0
      ? 'rate_limited'
      : 'permission_missing';
  }
  if (answer.status >= 500) {
    return 'provider_error';
  }
  return 'bad_response';
}

/**
 * The provider's entry for a failure: one for its error code first, then
 * one for the whole class.
 */
export function knownErrorOf(
  provider: ProviderDefinition | undefined,
  failureClass: FailureClass,
  providerCode: string | undefined,
): KnownError | undefined {
  const entries = (provider?.probes.knownErrors ?? []).filter(
    entry => entry.failure === failureClass,
  );
  return (
    entries.find(
      entry => providerCode && entry.providerCode === providerCode,
    ) ?? entries.find(entry => entry.providerCode === undefined)
  );
}

/** The class, explanation and repair steps for a failure of this provider. */
export function describeFailure(
  failureClass: FailureClass,
  provider: ProviderDefinition | undefined,
  extra: Omit<TestFailure, 'class' | 'explanation' | 'repairSteps'> = {},
): TestFailure {
  const known = knownErrorOf(provider, failureClass, extra.providerCode);
  const generic = FAILURE_CLASS_INFO[failureClass];
  const documentationUrl = extra.documentationUrl ?? known?.documentationUrl;
  return {
    class: failureClass,
    explanation: known?.explanation ?? generic.explanation,
    repairSteps: known?.repairSteps ?? generic.repairSteps,
    ...extra,
    ...(documentationUrl ? { documentationUrl } : {}),
  };
}

/**
 * Classifies an answer the probe did not want: the generic reading of its
 * status, unless one of the provider's known errors says otherwise.
 */
export function classifyAnswer(
  answer: FailedAnswer,
  provider: ProviderDefinition | undefined,
  secrets: string[],
): TestFailure {
  const details = providerErrorOf(provider, answer);
  const message = details.message ?? '';
  const body = answer.bodyText.toLowerCase();
  const reclassified = provider?.probes.knownErrors.find(
    entry =>
      entry.match &&
      (entry.match.status === undefined ||
        entry.match.status === answer.status) &&
      (entry.match.bodyIncludes === undefined ||
        body.includes(entry.match.bodyIncludes.toLowerCase())),
  );
  const failureClass = reclassified?.failure ?? classOfStatus(answer, message);
  const failure = describeFailure(failureClass, provider, {
    httpStatus: answer.status,
    ...(message ? { providerMessage: redact(message, secrets) } : {}),
    ...(details.code ? { providerCode: redact(details.code, secrets) } : {}),
    ...(details.documentationUrl
      ? { documentationUrl: details.documentationUrl }
      : {}),
    ...(details.requestId
      ? { requestId: redact(details.requestId, secrets) }
      : {}),
  });
  const retryAfterSeconds = retryAfterOf(answer.headers);
  if (reclassified) {
    failure.explanation = reclassified.explanation;
    failure.repairSteps = reclassified.repairSteps;
  }
  return retryAfterSeconds === undefined
    ? failure
    : { ...failure, retryAfterSeconds };
}
