/**
 * The schema, as ordered migrations shared by both backends (dialect tokens: `dialect.ts`).
 * Append new migrations; never edit an applied one. Times are ISO-8601 UTC text (sortable),
 * JSON is text, booleans are 0/1 integers, so both backends store the same values.
 */

export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema: scans, findings, history, archive rules, alerts, journal, tokens, activity',
    statements: [
      `CREATE TABLE scans (
        id TEXT PRIMARY KEY,
        scope TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        actor TEXT,
        inputs TEXT NOT NULL,
        versions TEXT NOT NULL,
        counts TEXT NOT NULL
      )`,
      'CREATE INDEX scans_by_time ON scans (started_at, id)',
      'CREATE INDEX scans_by_scope ON scans (scope, started_at)',
      `CREATE TABLE findings (
        id TEXT PRIMARY KEY,
        scope TEXT NOT NULL,
        status TEXT NOT NULL,
        type TEXT NOT NULL,
        severity TEXT NOT NULL,
        account_id TEXT NOT NULL,
        resource TEXT NOT NULL,
        resource_type TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      'CREATE INDEX findings_by_scope ON findings (scope, status)',
      'CREATE INDEX findings_by_status ON findings (status, id)',
      'CREATE INDEX findings_by_type ON findings (type, id)',
      'CREATE INDEX findings_by_severity ON findings (severity, id)',
      'CREATE INDEX findings_by_account ON findings (account_id, id)',
      'CREATE INDEX findings_by_resource ON findings (resource)',
      `CREATE TABLE finding_events (
        seq {{autoid}},
        finding_id TEXT NOT NULL,
        at TEXT NOT NULL,
        change TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        by_kind TEXT NOT NULL,
        actor TEXT,
        scan_id TEXT,
        rule_name TEXT,
        reason TEXT
      )`,
      'CREATE INDEX finding_events_by_finding ON finding_events (finding_id, seq)',
      'CREATE INDEX finding_events_by_scan ON finding_events (scan_id)',
      `CREATE TABLE archive_rules (
        name TEXT PRIMARY KEY,
        filter TEXT NOT NULL,
        description TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT
      )`,
      `CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        event_id TEXT NOT NULL,
        event_time TEXT NOT NULL,
        event_name TEXT NOT NULL,
        event_source TEXT NOT NULL,
        account_id TEXT NOT NULL,
        region TEXT NOT NULL,
        actor TEXT NOT NULL,
        summary TEXT NOT NULL,
        data TEXT NOT NULL,
        stored_at TEXT NOT NULL
      )`,
      'CREATE INDEX alerts_by_time ON alerts (event_time, id)',
      'CREATE INDEX alerts_by_rule ON alerts (rule_id)',
      `CREATE TABLE alert_deliveries (
        id {{autoid}},
        alert_id TEXT NOT NULL REFERENCES alerts (id),
        sink TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at TEXT NOT NULL,
        claimed_until TEXT,
        last_error TEXT,
        delivered_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (alert_id, sink)
      )`,
      'CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at)',
      `CREATE TABLE executions (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        status TEXT NOT NULL,
        actor TEXT,
        metadata TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      'CREATE INDEX executions_by_subject ON executions (kind, subject, created_at)',
      'CREATE INDEX executions_by_time ON executions (created_at, id)',
      `CREATE TABLE journal_steps (
        execution_id TEXT NOT NULL REFERENCES executions (id),
        step_index INTEGER NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        payload TEXT NOT NULL,
        result TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (execution_id, step_index)
      )`,
      `CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      )`,
      `CREATE TABLE activity_daily (
        account_id TEXT NOT NULL,
        principal_arn TEXT NOT NULL,
        action TEXT NOT NULL,
        resource_arn TEXT NOT NULL,
        day TEXT NOT NULL,
        success_count {{bigint}} NOT NULL,
        denied_count {{bigint}} NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (principal_arn, day, action, resource_arn, account_id)
      )`,
      'CREATE INDEX activity_by_day ON activity_daily (day)',
      `CREATE TABLE ingested_files (
        file_key TEXT PRIMARY KEY,
        etag TEXT,
        size {{bigint}},
        events {{bigint}},
        ingested_at TEXT NOT NULL
      )`,
    ],
  },
];
