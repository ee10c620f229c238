/**
 * Why each validation check exists and where its rule is written: one row per issue code. The first
 * reference is the most specific page (it becomes the finding's `learnMoreLink`); Access Analyzer's
 * codes also cite its policy check reference, where the code is defined.
 */
import { AA_REFERENCE } from './types.js';

/** The reasons of one check. */
export interface CheckReasons {
  rationale: string;
  references: readonly string[];
}

const UG = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/';
const EL = (name: string) => `${UG}reference_policies_elements_${name}.html`;
const GRAMMAR = `${UG}reference_policies_grammar.html`;
const VERSION = EL('version');
const STATEMENT = EL('statement');
const SID = EL('sid');
const EFFECT = EL('effect');
const ACTION = EL('action');
const RESOURCE = EL('resource');
const PRINCIPAL = EL('principal');
const NOT_PRINCIPAL = EL('notprincipal');
const CONDITION = EL('condition');
const OPERATORS = EL('condition_operators');
const GLOBAL_KEYS = `${UG}reference_policies_condition-keys.html`;
const MULTI_VALUED = `${UG}reference_policies_condition-single-vs-multi-valued-context-keys.html`;
const VARIABLES = `${UG}reference_policies_variables.html`;
const ARNS = `${UG}reference-arns.html`;
const QUOTAS = `${UG}reference_iam-quotas.html`;
const SAR = 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';
const SCP_SYNTAX = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html';
const RCPS = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html';
const PASS_ROLE = `${UG}id_roles_use_passrole.html`;
const SLR = `${UG}using-service-linked-roles.html`;
const S3_PUBLIC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status';

const aa = (rationale: string, ...pages: string[]): CheckReasons => ({ rationale, references: [...pages, AA_REFERENCE] });
const own = (rationale: string, ...pages: string[]): CheckReasons => ({ rationale, references: pages });

const EMPTY = (what: string, page: string) => aa(`An empty ${what} adds nothing and hides the author's intent; remove it or fill it.`, page);
const TYPE = (family: string) => aa(`A ${family} operator compares ${family} values: a value of another type never matches, so the condition silently never holds (or, negated, always holds).`, OPERATORS);
const PASS = (how: string) => aa(`iam:PassRole ${how} lets the holder hand any role, admin roles included, to a service it can run code in: a privilege escalation path. Name the roles and pin iam:PassedToService.`, PASS_ROLE, GLOBAL_KEYS);
const SLR_ROW = (how: string) => aa(`iam:CreateServiceLinkedRole ${how} lets the holder create service-linked roles for any service; pin the services with iam:AWSServiceName.`, SLR);

/** Reasons per issue code. */
export const CHECK_REASONS: Readonly<Record<string, CheckReasons>> = {
  MISSING_VERSION: aa('Without Version, IAM applies the 2008-10-17 language: policy variables are read as literal text, so `${aws:username}` never matches.', VERSION, VARIABLES),
  INVALID_VERSION: aa('IAM knows only 2012-10-17 and 2008-10-17; any other Version is refused when the policy is saved.', VERSION),
  MISSING_STATEMENT: aa('A policy without statements grants and denies nothing; IAM refuses it.', STATEMENT),
  INVALID_POLICY_ELEMENT: aa('An element outside the policy grammar is refused by IAM, or ignored by tools that read the policy differently.', GRAMMAR),
  DUPLICATE_KEYS_WITH_DIFFERENT_CASE: aa('Keys that differ only by case are read inconsistently by JSON parsers: which one wins is not defined.', GRAMMAR),
  DATA_TYPE_MISMATCH: aa('An element of the wrong JSON type (a number for Effect, an object for Action) is refused by IAM.', GRAMMAR),
  MISSING_EFFECT: aa('Every statement must say Allow or Deny; IAM refuses a statement without Effect.', EFFECT),
  INVALID_EFFECT: aa('Effect is case-sensitive and only Allow or Deny; anything else is refused.', EFFECT),
  MISSING_ACTION: aa('A statement must name the actions it covers (Action or NotAction).', ACTION),
  MISSING_RESOURCE: aa('Identity-based statements must name resources (Resource or NotResource).', RESOURCE),
  MISSING_PRINCIPAL: aa('A resource-based or trust statement must say whom it applies to; without Principal it is refused.', PRINCIPAL),
  UNSUPPORTED_PRINCIPAL: aa('Identity policies apply to the identity they are attached to; Principal is not allowed in them.', PRINCIPAL),
  SCP_SYNTAX_ERROR_PRINCIPAL: aa('SCPs apply to every principal of the accounts they are attached to and take no Principal element.', SCP_SYNTAX),
  UNSUPPORTED_ELEMENT_COMBINATION: aa('An element and its Not form cannot appear together in one statement; IAM refuses the policy.', GRAMMAR),
  UNIQUE_SIDS_REQUIRED: aa('Sids identify statements (remediation, evidence and some services rely on it); duplicates are refused in resource policies and ambiguous elsewhere.', SID),
  UNSUPPORTED_SID: aa('IAM accepts only ASCII letters and digits in a Sid.', SID),
  EMPTY_SID_VALUE: aa('An empty Sid identifies nothing; drop it or name the statement.', SID),
  EMPTY_ARRAY_ACTION: EMPTY('Action list', ACTION),
  EMPTY_ARRAY_RESOURCE: EMPTY('Resource list', RESOURCE),
  POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: aa('Managed policies are limited to 6,144 characters (whitespace excluded); IAM refuses larger ones.', QUOTAS),
  POLICY_SIZE_EXCEEDS_SCP_QUOTA: aa('SCPs and RCPs are limited to 5,120 characters; AWS Organizations refuses larger ones.', 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html'),
  REDUNDANT_STATEMENT: aa('A statement repeated word for word adds size towards the quota and nothing else.', STATEMENT),
  INVALID_ACTION: aa('An action that no service defines is never requested, so the statement does not do what its author meant (often a typo of a real action).', ACTION, SAR),
  INVALID_SERVICE_IN_ACTION: aa('The service prefix names no AWS service: the statement matches no request.', ACTION, SAR),
  WILDCARD_IN_SERVICE_NAME: aa('A wildcard in the service prefix matches services that do not exist yet; name the services.', ACTION),
  SCP_SYNTAX_ERROR_ACTION_WILDCARD: aa('SCPs accept a wildcard only at the end of an action name.', SCP_SYNTAX),
  REDUNDANT_ACTION: aa('An action already covered by another pattern of the statement makes the policy longer, not broader; remove it.', ACTION),
  UNSUPPORTED_ACTION_IN_POLICY: aa('A resource policy only governs actions of its own service; other actions in it have no effect.', ACTION, SAR),
  INVALID_ARN_PREFIX: aa('Resource values are ARNs (or `*`); anything else matches no resource.', RESOURCE, ARNS),
  MISSING_ARN_FIELD: aa('An ARN has six colon-separated fields; a shorter one matches no resource.', ARNS),
  INVALID_PARTITION: aa('The partition (aws, aws-cn, aws-us-gov...) must exist, or the ARN matches nothing.', ARNS),
  INVALID_ARN_SERVICE_CASE: aa('ARN service names are lower case; an upper-case one matches nothing.', ARNS),
  INVALID_SERVICE: aa('The ARN names a service that does not exist: the statement matches no resource.', ARNS, SAR),
  INVALID_ARN_REGION: aa('The region field is not a region code: the ARN matches no resource.', ARNS),
  INVALID_ARN_ACCOUNT: aa('The account field must be 12 digits (or empty where the service omits it).', ARNS),
  ARN_REGION_NOT_ALLOWED: aa('Global services (S3, IAM...) have no region in their ARNs; one written there matches nothing.', ARNS, SAR),
  ARN_ACCOUNT_NOT_ALLOWED: aa('S3 bucket and object ARNs carry no account id; one written there matches nothing.', ARNS, SAR),
  MISSING_ARN_REGION: aa('A regional service\'s ARN needs its region (or a wildcard) to match its resources.', ARNS, SAR),
  MISSING_ARN_ACCOUNT: aa('The service\'s ARNs carry an account; without it (or a wildcard) the ARN matches nothing.', ARNS, SAR),
  INVALID_ARN_RESOURCE: aa('The resource part matches no resource type of the service: the statement grants nothing on it.', ARNS, SAR),
  UNSUPPORTED_RESOURCE_ARN_IN_POLICY: aa('A resource policy governs its own resource; ARNs of other services in it have no effect.', RESOURCE),
  REDUNDANT_RESOURCE: aa('A resource already covered by another pattern of the statement adds size, not scope.', RESOURCE),
  INVALID_PRINCIPAL_KEY: aa('Principal keys are AWS, Service, Federated and CanonicalUser; others are refused.', PRINCIPAL),
  INVALID_PRINCIPAL_FORMAT: aa('A principal is `*`, an account id or an IAM/STS ARN; other values are refused or name nobody.', PRINCIPAL),
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: aa('Principal ARNs take no wildcards (only a bare `*`); use a condition such as aws:PrincipalArn with ArnLike instead.', PRINCIPAL),
  INVALID_SERVICE_PRINCIPAL_FORMAT: aa('A Service principal is a service endpoint name such as lambda.amazonaws.com.', PRINCIPAL),
  EMPTY_OBJECT_PRINCIPAL: EMPTY('Principal object', PRINCIPAL),
  EMPTY_ARRAY_PRINCIPAL: EMPTY('principal list', PRINCIPAL),
  ALLOW_WITH_NOT_PRINCIPAL: aa('Allow with NotPrincipal grants everyone not listed, anonymous callers included; AWS recommends against it.', NOT_PRINCIPAL),
  CORDON_RCP_ALLOW_STATEMENT: own('RCPs restrict with Deny statements only; AWS attaches RCPFullAWSAccess itself and refuses other Allow statements.', RCPS),
  INVALID_CONDITION_OPERATOR: aa('An operator IAM does not know makes the policy invalid.', OPERATORS),
  NULL_WITH_IF_EXISTS: aa('Null already tests presence; IAM refuses NullIfExists.', OPERATORS),
  INVALID_CONDITION_KEY_FORMAT: aa('Condition keys are `prefix:name`; another shape names no key, so the condition never holds.', CONDITION),
  INVALID_GLOBAL_CONDITION_KEY: aa('An `aws:` key that does not exist is never in a request: the condition never holds (or, negated, always holds).', GLOBAL_KEYS),
  MISSING_TAG_KEY_IN_CONDITION: aa('Tag keys such as aws:RequestTag need the tag name after a slash; without it they name no key.', GLOBAL_KEYS),
  INVALID_SERVICE_CONDITION_KEY: aa('The service defines no such condition key: it is never in a request.', SAR),
  TYPE_MISMATCH: aa('The operator compares another type than the key holds, so the comparison is not what it seems.', OPERATORS, GLOBAL_KEYS),
  TYPE_MISMATCH_NUMBER: TYPE('Numeric'),
  TYPE_MISMATCH_DATE: TYPE('Date'),
  TYPE_MISMATCH_BOOLEAN: TYPE('Bool'),
  TYPE_MISMATCH_IP_RANGE: TYPE('IPAddress'),
  INVALID_CONDITION_MULTIPLE_BOOLEAN: aa('Values of one key are ORed: true OR false always holds, so the condition restricts nothing.', OPERATORS),
  INVALID_VARIABLE_FOR_OPERATOR: aa('Only some operators substitute policy variables; elsewhere `${...}` is compared as literal text.', VARIABLES, OPERATORS),
  WILDCARD_WITHOUT_LIKE_OPERATOR: aa('Equals operators compare `*` and `?` literally; the author most likely meant a Like operator.', OPERATORS),
  PRIVATE_IP_ADDRESS: aa('aws:SourceIp holds the public address a request comes from; a private range never matches it (use aws:VpcSourceIp).', GLOBAL_KEYS),
  PRIVATE_NOT_IP_ADDRESS: aa('aws:SourceIp never holds a private address, so excluding a private range excludes nothing.', GLOBAL_KEYS),
  EMPTY_OBJECT_CONDITION: EMPTY('Condition block', CONDITION),
  EMPTY_ARRAY_CONDITION: EMPTY('condition value list', CONDITION),
  EMPTY_ARRAY_CONDITION_FORALLVALUES: aa('ForAllValues over an empty value list holds only when the request key is absent or empty, rarely what was meant.', MULTI_VALUED),
  EMPTY_ARRAY_CONDITION_FORANYVALUE: aa('ForAnyValue over an empty value list never holds.', MULTI_VALUED),
  EMPTY_ARRAY_CONDITION_IFEXISTS: aa('An IfExists condition with no values holds only when the key is absent.', OPERATORS),
  REDUNDANT_CONDITION_VALUE_NUM: aa('Values are ORed, so of several less-than/greater-than bounds only the loosest one counts.', OPERATORS),
  CORDON_FORALLVALUES_WITH_SINGLE_VALUED_KEY: own('ForAllValues is vacuously true when the key is absent; on a single-valued key that usually opens what the author meant to restrict.', MULTI_VALUED),
  PASS_ROLE_WITH_STAR_IN_RESOURCE: PASS('on every role'),
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: PASS('through a wildcard action, on every role,'),
  PASS_ROLE_WITH_NOT_RESOURCE: PASS('with NotResource (every role but a few)'),
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: PASS('through a wildcard action with NotResource'),
  CREATE_SLR_WITH_STAR_IN_RESOURCE: SLR_ROW('on `*`'),
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: SLR_ROW('through a wildcard action on `*`'),
  CREATE_SLR_WITH_NOT_RESOURCE: SLR_ROW('with NotResource'),
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: SLR_ROW('through a wildcard action with NotResource'),
  CORDON_PUBLIC_PRINCIPAL: own('An Allow to `*` without a condition admits every AWS account and, for many services, anonymous callers: the resource is public.', PRINCIPAL, S3_PUBLIC),
  CORDON_FULL_ADMIN: own('Every action on every resource is administrator access: one leaked credential is the whole account. The engine decides it, so a Deny or a condition that takes it back counts.', `${UG}access_policies_job-functions.html`, `${UG}best-practices.html#grant-least-privilege`),
};
