/** Activity: how principals used their permissions, as counted from CloudTrail (the store keeps it). */

/** One day of one principal's use of one action on one resource. */
export interface ActivityRow {
  accountId: string;
  principalArn: string;
  action: string;
  /** `*` when the events do not show the resource. */
  resourceArn: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  successCount: number;
  deniedCount: number;
  firstSeen: string;
  lastSeen: string;
}

/** Activity summed over a window: one row per (account, principal, action, resource). */
export type ActivitySummary = Omit<ActivityRow, 'day'> & { days: number };

