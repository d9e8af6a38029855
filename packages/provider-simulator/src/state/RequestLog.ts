/** One request a simulated provider received. */
export interface RecordedRequest {
  method: string;
  /** The provider's own path, without the query string and with credentials masked. */
  path: string;
  /** ISO 8601, from the simulator's clock. */
  at: string;
  /** Null while the request is unanswered, or if it never was, as with `hang`. */
  status: number | null;
}

const MAX_ENTRIES = 200;

const KEY_PREFIXES =
  /^((sk|rk|pk)_(live|test)_|(ghp|gho|ghu|ghs|github_pat)_|xkeysib-|xsmtpsib-|ya29\.)/;

// Telegram puts the bot token in the path; a log must not keep it.
function redactSegment(segment: string): string {
  if (/^bot\d/.test(segment)) {
    return 'bot***';
  }
  return KEY_PREFIXES.test(segment) ? '***' : segment;
}

export function redactPath(path: string): string {
  return path.split('/').map(redactSegment).join('/');
}

/** The most recent requests of one provider, oldest first. */
export class RequestLog {
  private entries: RecordedRequest[] = [];

  /** Adds an entry; the caller fills in `status` once the answer is sent. */
  record(entry: RecordedRequest): RecordedRequest {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) {
      this.entries.shift();
    }
    return entry;
  }

  list(): RecordedRequest[] {
    return this.entries.map(entry => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
