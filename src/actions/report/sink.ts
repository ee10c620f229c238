/**
 * Where containment reports are kept: a directory (`src/store/report-dir.ts`) or an S3 bucket
 * (`src/aws/report-bucket.ts`). Actions see only this interface (declared with the report in src/model/containment/).
 */
export type { ReportSink } from '../../model/containment/report.js';
