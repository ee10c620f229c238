/**
 * Errors in detection rules: a pattern that does not compile. EventBridge patterns carry the JSON
 * pointer of the bad part; metric-filter patterns carry the 1-based column.
 */
import { CordonError, type SourceLocation } from '../model/errors.js';

/** A pattern (either language) is invalid; `location` says where. */
export class PatternError extends CordonError {
  readonly location: SourceLocation;
  constructor(message: string, location: SourceLocation) {
    super('invalid_pattern', message, [{ message, ...location }]);
    this.location = location;
  }
}
