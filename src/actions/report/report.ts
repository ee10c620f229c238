/** The containment report document: data shared with the store, so it lives in src/model/containment/. */
export { assertNoSecrets, parseReport } from '../../model/containment/report.js';
export type { ContainmentReport, ReleaseJournal, ReportStatus, Verification } from '../../model/containment/report.js';
