/**
 * Allow-policy members (`user:`, `group:`, `serviceAccount:`, `domain:`, `allUsers`, ...) and the
 * v2 principal identifiers of deny and PAB policies (`principal://goog/subject/...`), parsed into
 * one form so the engine compares like with like.
 * https://cloud.google.com/iam/docs/principal-identifiers
 */

export type MemberKind =
  | 'user'
  | 'group'
  | 'serviceAccount'
  | 'domain'
  | 'allUsers'
  | 'allAuthenticatedUsers'
  | 'publicAll'
  | 'customer'
  | 'poolSubject'
  | 'poolSet'
  | 'projectRole'
  | 'deleted'
  | 'unknown';

/** A parsed member or principal identifier. `value` is lower-cased for emails and domains. */
export interface Member {
  kind: MemberKind;
  value: string;
  /** The text as written. */
  raw: string;
}

const V2_SUBJECT = 'principal://goog/subject/';
const V2_GROUP = 'principalSet://goog/group/';
const V2_DOMAIN = 'principalSet://goog/domain/';
const V2_SA = /^principal:\/\/iam\.googleapis\.com\/projects\/[^/]+\/serviceAccounts\/(.+)$/;
const V2_CUSTOMER = 'principalSet://goog/cloudIdentityCustomerId/';

// Parsed members by text: policies repeat the same members in thousands of evaluations.
const PARSED = new Map<string, Member>();
const PARSED_LIMIT = 100_000;

/** Parses a v1 member or a v2 principal identifier (memoised; the result must not be mutated). */
export function parseMember(raw: string): Member {
  let m = PARSED.get(raw);
  if (!m) {
    m = parseMemberText(raw);
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    PARSED.set(raw, m);
  }
  return m;
}

function parseMemberText(raw: string): Member {
  const text = raw.trim();
  if (text === 'allUsers') return { kind: 'allUsers', value: '', raw };
  if (text === 'allAuthenticatedUsers') return { kind: 'allAuthenticatedUsers', value: '', raw };
  if (text === 'principalSet://goog/public:all') return { kind: 'publicAll', value: '', raw };
  if (text.startsWith('deleted:')) return { kind: 'deleted', value: text.slice(8), raw };
  if (text.startsWith(V2_SUBJECT)) return { kind: 'user', value: text.slice(V2_SUBJECT.length).toLowerCase(), raw };
  if (text.startsWith(V2_GROUP)) return { kind: 'group', value: text.slice(V2_GROUP.length).toLowerCase(), raw };
  if (text.startsWith(V2_DOMAIN)) return { kind: 'domain', value: text.slice(V2_DOMAIN.length).toLowerCase(), raw };
  if (text.startsWith(V2_CUSTOMER)) return { kind: 'customer', value: text.slice(V2_CUSTOMER.length), raw };
  const sa = V2_SA.exec(text);
  if (sa) return { kind: 'serviceAccount', value: sa[1]!.toLowerCase(), raw };
  if (text.startsWith('principalSet://')) return { kind: 'poolSet', value: text, raw };
  if (text.startsWith('principal://')) return { kind: 'poolSubject', value: text, raw };
  const colon = text.indexOf(':');
  if (colon > 0) {
    const prefix = text.slice(0, colon);
    const value = text.slice(colon + 1);
    if (prefix === 'user' || prefix === 'group' || prefix === 'serviceAccount' || prefix === 'domain') return { kind: prefix, value: value.toLowerCase(), raw };
    if (prefix === 'projectOwner' || prefix === 'projectEditor' || prefix === 'projectViewer') return { kind: 'projectRole', value: `${prefix}:${value}`, raw };
  }
  return { kind: 'unknown', value: text, raw };
}

/** The v1 member string of a principal (what findings and simulate print): `user:a@x`, `serviceAccount:...`. */
export function memberString(m: Member): string {
  switch (m.kind) {
    case 'user':
    case 'group':
    case 'serviceAccount':
    case 'domain':
      return `${m.kind}:${m.value}`;
    case 'allUsers':
    case 'allAuthenticatedUsers':
      return m.kind;
    default:
      return m.raw.trim();
  }
}

/** v2 principal identifier for a v1 member (deny policies accept only v2 identifiers). */
export function principalIdentifier(member: string): string {
  const m = parseMember(member);
  switch (m.kind) {
    case 'user':
      return V2_SUBJECT + m.value;
    case 'group':
      return V2_GROUP + m.value;
    case 'serviceAccount':
      return `principal://iam.googleapis.com/projects/-/serviceAccounts/${m.value}`;
    case 'domain':
      return V2_DOMAIN + m.value;
    case 'allUsers':
    case 'allAuthenticatedUsers':
      return 'principalSet://goog/public:all';
    default:
      return m.raw.trim();
  }
}

/** The email domain of a user, group or service-account member, lower-cased. */
export function memberDomain(m: Member): string | undefined {
  if (m.kind !== 'user' && m.kind !== 'group' && m.kind !== 'serviceAccount') return undefined;
  const at = m.value.lastIndexOf('@');
  return at < 0 ? undefined : m.value.slice(at + 1);
}
