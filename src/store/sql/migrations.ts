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
        id {{text}} PRIMARY KEY,
        scope {{text}} NOT NULL,
        started_at {{text}} NOT NULL,
        finished_at {{text}} NOT NULL,
        actor {{text}},
        inputs {{text}} NOT NULL,
        versions {{text}} NOT NULL,
        counts {{text}} NOT NULL
      )`,
      'CREATE INDEX scans_by_time ON scans (started_at, id)',
      'CREATE INDEX scans_by_scope ON scans (scope, started_at)',
      `CREATE TABLE findings (
        id {{text}} PRIMARY KEY,
        scope {{text}} NOT NULL,
        status {{text}} NOT NULL,
        type {{text}} NOT NULL,
        severity {{text}} NOT NULL,
        account_id {{text}} NOT NULL,
        resource {{text}} NOT NULL,
        resource_type {{text}} NOT NULL,
        content_hash {{text}} NOT NULL,
        data {{text}} NOT NULL,
        created_at {{text}} NOT NULL,
        updated_at {{text}} NOT NULL
      )`,
      'CREATE INDEX findings_by_scope ON findings (scope, status)',
      'CREATE INDEX findings_by_status ON findings (status, id)',
      `CREATE TABLE finding_events (
        seq {{autoid}},
        finding_id {{text}} NOT NULL,
        at {{text}} NOT NULL,
        change {{text}} NOT NULL,
        from_status {{text}},
        to_status {{text}} NOT NULL,
        by_kind {{text}} NOT NULL,
        actor {{text}},
        scan_id {{text}},
        rule_name {{text}},
        reason {{text}}
      )`,
      'CREATE INDEX finding_events_by_finding ON finding_events (finding_id, seq)',
      'CREATE INDEX finding_events_by_scan ON finding_events (scan_id)',
      `CREATE TABLE archive_rules (
        name {{text}} PRIMARY KEY,
        filter {{text}} NOT NULL,
        description {{text}},
        created_at {{text}} NOT NULL,
        updated_at {{text}} NOT NULL,
        created_by {{text}}
      )`,
      `CREATE TABLE alerts (
        id {{text}} PRIMARY KEY,
        rule_id {{text}} NOT NULL,
        severity {{text}} NOT NULL,
        event_id {{text}} NOT NULL,
        event_time {{text}} NOT NULL,
        event_name {{text}} NOT NULL,
        event_source {{text}} NOT NULL,
        account_id {{text}} NOT NULL,
        region {{text}} NOT NULL,
        actor {{text}} NOT NULL,
        summary {{text}} NOT NULL,
        data {{text}} NOT NULL,
        stored_at {{text}} NOT NULL
      )`,
      'CREATE INDEX alerts_by_time ON alerts (event_time, id)',
      'CREATE INDEX alerts_by_rule ON alerts (rule_id)',
      `CREATE TABLE alert_deliveries (
        id {{autoid}},
        alert_id {{text}} NOT NULL REFERENCES alerts (id),
        sink {{text}} NOT NULL,
        status {{text}} NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at {{text}} NOT NULL,
        claimed_until {{text}},
        last_error {{text}},
        delivered_at {{text}},
        created_at {{text}} NOT NULL,
        updated_at {{text}} NOT NULL,
        UNIQUE (alert_id, sink)
      )`,
      'CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at)',
      `CREATE TABLE executions (
        id {{text}} PRIMARY KEY,
        kind {{text}} NOT NULL,
        subject {{text}} NOT NULL,
        status {{text}} NOT NULL,
        actor {{text}},
        metadata {{text}} NOT NULL,
        created_at {{text}} NOT NULL,
        updated_at {{text}} NOT NULL
      )`,
      'CREATE INDEX executions_by_subject ON executions (kind, subject, created_at)',
      'CREATE INDEX executions_by_time ON executions (created_at, id)',
      `CREATE TABLE journal_steps (
        execution_id {{text}} NOT NULL REFERENCES executions (id),
        step_index INTEGER NOT NULL,
        kind {{text}} NOT NULL,
        status {{text}} NOT NULL,
        payload {{text}} NOT NULL,
        result {{text}},
        error {{text}},
        created_at {{text}} NOT NULL,
        updated_at {{text}} NOT NULL,
        PRIMARY KEY (execution_id, step_index)
      )`,
      `CREATE TABLE api_tokens (
        id {{text}} PRIMARY KEY,
        name {{text}} NOT NULL,
        role {{text}} NOT NULL,
        hash {{text}} NOT NULL UNIQUE,
        created_at {{text}} NOT NULL,
        last_used_at {{text}},
        revoked_at {{text}}
      )`,
      `CREATE TABLE activity_daily (
        account_id {{text}} NOT NULL,
        principal_arn {{text}} NOT NULL,
        action {{text}} NOT NULL,
        resource_arn {{text}} NOT NULL,
        day {{text}} NOT NULL,
        success_count {{bigint}} NOT NULL,
        denied_count {{bigint}} NOT NULL,
        first_seen {{text}} NOT NULL,
        last_seen {{text}} NOT NULL,
        PRIMARY KEY (principal_arn, day, action, resource_arn, account_id)
      )`,
      'CREATE INDEX activity_by_day ON activity_daily (day)',
      `CREATE TABLE ingested_files (
        file_key {{text}} PRIMARY KEY,
        etag {{text}},
        size {{bigint}},
        events {{bigint}},
        ingested_at {{text}} NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'findings remember the scan that created them and the scan that last changed their content',
    statements: ['ALTER TABLE findings ADD COLUMN first_scan_id {{text}}', 'ALTER TABLE findings ADD COLUMN content_scan_id {{text}}'],
  },
  {
    version: 3,
    name: 'API tokens may expire (tokens create --expires-in)',
    statements: ['ALTER TABLE api_tokens ADD COLUMN expires_at {{text}}'],
  },
  {
    version: 4,
    name: 'an alert is one event with the rules it matched (alert_rules); rows stored before keep their one rule',
    statements: [
      `CREATE TABLE alert_rules (
        alert_id {{text}} NOT NULL REFERENCES alerts (id),
        rule_id {{text}} NOT NULL,
        severity {{text}} NOT NULL,
        PRIMARY KEY (alert_id, rule_id)
      )`,
      'CREATE INDEX alert_rules_by_rule ON alert_rules (rule_id, alert_id)',
      // Old rows (one rule each) are found by their rule as before; their JSON is upgraded on read.
      'INSERT INTO alert_rules (alert_id, rule_id, severity) SELECT id, rule_id, severity FROM alerts',
      'CREATE INDEX alerts_by_actor ON alerts (actor)',
    ],
  },
];
