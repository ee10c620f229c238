/**
 * The Athena table over an organization trail bucket, with partition projection on account,
 * region and date (Athena User Guide, "Creating the table for CloudTrail logs in Athena using
 * partition projection"), laid out as `AWSLogs/o-xxx/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`
 * (or `AWSLogs/ACCOUNT/...` for an account trail). Columns are CloudTrail's record fields; the
 * partitions are named as `cloudtrail-sql.ts` queries them (`account`, `region`, `"date"`).
 */
import { InputError } from '../../model/errors.js';

export interface AthenaTableSpec {
  database: string;
  table: string;
  bucket: string;
  /** Organization id for an organization trail (`o-…`), absent for an account trail. */
  orgId?: string;
  accounts: readonly string[];
  regions: readonly string[];
  /** First day of the projection range, `YYYY/MM/DD`. */
  since: string;
}

/** Regions projected when none are given: every commercial region CloudTrail writes to by default. */
export const DEFAULT_REGIONS = [
  'af-south-1', 'ap-east-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
  'ca-central-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1',
  'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

const COLUMNS = `  eventversion STRING,
  useridentity STRUCT<
    type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING, accesskeyid: STRING, username: STRING,
    onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>>>,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  readonly STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  vpcendpointaccountid STRING,
  eventcategory STRING,
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>`;

function check(ok: boolean, what: string, value: string): void {
  if (!ok) throw new InputError(`invalid ${what} \`${value}\``, { pointer: what });
}

/** The CREATE EXTERNAL TABLE statement. */
export function athenaTableDdl(spec: AthenaTableSpec): string {
  check(/^[a-z_][a-z0-9_]*$/.test(spec.database), '--database', spec.database);
  check(/^[a-z_][a-z0-9_]*$/.test(spec.table), '--table', spec.table);
  check(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(spec.bucket), '--bucket', spec.bucket);
  if (spec.orgId !== undefined) check(/^o-[a-z0-9]{10,32}$/.test(spec.orgId), '--org-id', spec.orgId);
  check(spec.accounts.length > 0, '--accounts', '(none)');
  spec.accounts.forEach((a) => check(/^\d{12}$/.test(a), '--accounts', a));
  spec.regions.forEach((r) => check(/^[a-z]{2}(-[a-z]+)+-\d$/.test(r), '--regions', r));
  check(/^\d{4}\/\d{2}\/\d{2}$/.test(spec.since), '--since', spec.since);
  const root = `s3://${spec.bucket}/AWSLogs/${spec.orgId ? `${spec.orgId}/` : ''}`;
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${spec.database}.${spec.table} (
${COLUMNS}
)
COMMENT 'CloudTrail ${spec.orgId ? `organization trail ${spec.orgId}` : 'trail'} for Cordon (partition projection on account, region, date)'
PARTITIONED BY (account STRING, region STRING, \`date\` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${root}'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.account.type' = 'enum',
  'projection.account.values' = '${spec.accounts.join(',')}',
  'projection.region.type' = 'enum',
  'projection.region.values' = '${spec.regions.join(',')}',
  'projection.date.type' = 'date',
  'projection.date.format' = 'yyyy/MM/dd',
  'projection.date.range' = '${spec.since},NOW',
  'projection.date.interval' = '1',
  'projection.date.interval.unit' = 'DAYS',
  'storage.location.template' = '${root}\${account}/CloudTrail/\${region}/\${date}'
)`;
}
