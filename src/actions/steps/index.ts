/** The step machine shared by containment, release and remediation (docs/actions.md). */
export { kindLookup, permissionsOf, type Journaled, type KindOf, type StepKind, type StepTable, type UndoOutcome } from './step.js';
export { runSteps, type RunOptions, type RunOutcome, type StepJournal } from './run.js';
export { entriesToApply, entriesToUndo, storeJournal, STORE_STATUS, type StoredStep } from './store-journal.js';
export type { JournalEntry, JournalStatus } from '../../model/journal.js';
