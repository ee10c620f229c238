/**
 * Where containment reports are kept: a directory (`src/store/report-dir.ts`) or an S3 bucket
 * (`src/aws/report-bucket.ts`). Actions see only this interface.
 */
import type { ContainmentReport } from './report.js';

/** A place reports are written to and read back from, keyed by the report key layout. */
export interface ReportSink {
  /** Human/machine location of a key: a file path or an `s3://` URI. */
  locate(key: string): string;
  /** Prepares the location (creates the directory; checks the bucket is private or creates it). */
  prepare(): Promise<void>;
  /** Writes the whole report atomically (a reader never sees half a report). */
  write(key: string, report: ContainmentReport): Promise<void>;
  /** Reads a report back; undefined when the key does not exist. */
  read(key: string): Promise<ContainmentReport | undefined>;
  /** Finds the key of an execution id (for resuming), if a report for it exists. */
  find(executionId: string): Promise<string | undefined>;
}
