/**
 * Typed errors shared by every layer. Expected problems in user input are reported as
 * `ValidationIssue[]` data; exceptions are for I/O failures and refusals, always as a
 * `CordonError` subclass with a stable `code` that the CLI maps to an exit code and the
 * server maps to its `{code, message, errors[]}` envelope.
 */

/** Where in the user's input a problem sits. Every field is optional; give what is known. */
export interface SourceLocation {
  /** File path or URI the input came from. */
  file?: string;
  /** RFC 6901 JSON pointer inside that file, e.g. `/Statement/0/Action`. */
  pointer?: string;
  /** 1-based line and column, when the source text is at hand. */
  line?: number;
  column?: number;
}

/** One detail line of an error envelope. */
export interface ErrorDetail extends SourceLocation {
  message: string;
}

/** Base class for every error Cordon throws on purpose. */
export class CordonError extends Error {
  /** Stable, machine-readable code (`snake_case`); never renumbered or renamed. */
  readonly code: string;
  readonly details: ErrorDetail[];
  /** CLI exit code: 2 for usage and runtime errors. */
  readonly exitCode: number = 2;

  constructor(code: string, message: string, details: ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }

  /** The JSON envelope shared by the CLI (`--output json`) and the HTTP API. */
  toEnvelope(): { code: string; message: string; errors: ErrorDetail[] } {
    return { code: this.code, message: this.message, errors: this.details };
  }
}

/** The command line was wrong: unknown flag, bad value, missing argument. */
export class UsageError extends CordonError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('usage', message, details);
  }
}

/** A policy document could not be parsed. Carries the pointer of the offending node. */
export class MalformedPolicyError extends CordonError {
  readonly location: SourceLocation;
  constructor(message: string, location: SourceLocation) {
    super('malformed_policy', message, [{ message, ...location }]);
    this.location = location;
  }
}

/** An input file (snapshot, CloudTrail, report) could not be read or is not what it claims. */
export class InputError extends CordonError {
  readonly location: SourceLocation;
  constructor(message: string, location: SourceLocation = {}, options?: { cause?: unknown }) {
    super('bad_input', message, [{ message, ...location }], options);
    this.location = location;
  }
}

/** A call to AWS (or the sandbox) failed after retries. */
export class AwsCallError extends CordonError {
  readonly operation: string;
  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super('aws_call_failed', `${operation}: ${message}`, [], options);
    this.operation = operation;
  }
}

/** A requested object does not exist (finding, scan, report, rule). */
export class NotFoundError extends CordonError {
  constructor(what: string, id: string) {
    super('not_found', `${what} \`${id}\` not found`);
  }
}

/** An action was refused because it would be unsafe (e.g. a remediation that does not remove the access). */
export class RefusedError extends CordonError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('refused', message, details);
  }
}

/** A required external program or service is missing on this machine. */
export class MissingDependencyError extends CordonError {
  constructor(message: string) {
    super('missing_dependency', message);
  }
}

/** Turns anything thrown into a CordonError so every face reports it the same way. */
export function asCordonError(err: unknown): CordonError {
  if (err instanceof CordonError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const known = knownFailure(err, message);
  if (known) return new CordonError(known.code, known.message, [], { cause: err });
  return new CordonError('internal', message, [], { cause: err });
}

/** Failures users cause and can fix, named with the fix (issue 24: "errors name the fix"). */
function knownFailure(err: unknown, message: string): { code: string; message: string } | undefined {
  const name = err instanceof Error ? err.name : '';
  const sysCode = (err as { code?: unknown } | null)?.code;
  if (name === 'CredentialsProviderError' || /Could not load credentials from any providers/.test(message)) {
    return { code: 'no_credentials', message: 'no AWS credentials found: pass `--profile NAME` (a profile in ~/.aws/config), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance or task role is available' };
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'RequestExpired') {
    return { code: 'expired_credentials', message: 'the AWS credentials have expired: refresh them (e.g. `aws sso login --profile NAME`) and run again' };
  }
  if (sysCode === 'EADDRINUSE') {
    const port = (err as { port?: unknown }).port;
    return { code: 'port_in_use', message: `port ${typeof port === 'number' ? port : ''} is already in use: pick another with \`--port\``.replace('port  is', 'the port is') };
  }
  if (sysCode === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return { code: 'unreachable', message: `cannot connect: ${message} (check \`--endpoint-url\`, \`--region\` and the network)` };
  }
  return undefined;
}
