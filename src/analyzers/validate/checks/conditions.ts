/**
 * Condition checks: operators, keys (global list from the IAM User Guide "AWS global condition
 * context keys"; service keys from the catalog), value types, set operators, IfExists.
 */
import { findOperator, operatorFamily, tokenizeGlob, type OperatorFamily } from '../../../engine/index.js';
import type { StatementView } from '../document.js';
import type { CheckHit, PolicyCheck, ValidationContext } from '../types.js';

type Json = Record<string, unknown>;
type Family = OperatorFamily | 'Null';

/** Global condition keys and their types (IAM User Guide, reference_policies_condition-keys). */
const GLOBAL_KEYS: Record<string, Family> = {
  'aws:calledvia': 'String', 'aws:calledviafirst': 'String', 'aws:calledvialast': 'String', 'aws:currenttime': 'Date', 'aws:epochtime': 'Date',
  'aws:federatedprovider': 'String', 'aws:multifactorauthage': 'Numeric', 'aws:multifactorauthpresent': 'Bool',
  'aws:principalaccount': 'String', 'aws:principalarn': 'ARN', 'aws:principalisawsservice': 'Bool', 'aws:principalorgid': 'String',
  'aws:principalorgpaths': 'String', 'aws:principalservicename': 'String', 'aws:principalservicenameslist': 'String', 'aws:principaltype': 'String',
  'aws:referer': 'String', 'aws:requestedregion': 'String', 'aws:resourceaccount': 'String', 'aws:resourceorgid': 'String', 'aws:resourceorgpaths': 'String',
  'aws:securetransport': 'Bool', 'aws:sourceaccount': 'String', 'aws:sourcearn': 'ARN', 'aws:sourceidentity': 'String', 'aws:sourceip': 'IPAddress',
  'aws:sourceorgid': 'String', 'aws:sourceorgpaths': 'String', 'aws:sourcevpc': 'String', 'aws:sourcevpce': 'String', 'aws:sourcevpcarn': 'ARN',
  'aws:tagkeys': 'String', 'aws:tokenissuetime': 'Date', 'aws:useragent': 'String', 'aws:userid': 'String', 'aws:username': 'String',
  'aws:viaawsservice': 'Bool', 'aws:vpcsourceip': 'IPAddress', 'aws:ec2instancesourceprivateipv4': 'IPAddress', 'aws:ec2instancesourcevpc': 'String',
  'aws:assumedroot': 'Bool', 'aws:chatbotsourcearn': 'ARN', 'aws:rolesessionname': 'String', 'aws:sourceowner': 'String', 'aws:principalisawsservicename': 'String',
};
/** Global keys that take a tag key after a slash. */
const TAG_KEYS = ['aws:requesttag', 'aws:resourcetag', 'aws:principaltag'];
/** Operators that compare magnitudes: one value is enough. */
const ORDER_OPERATORS = /^(Numeric|Date)(LessThan|GreaterThan)(Equals)?$/;

interface Clause {
  pointer: string;
  operatorText: string;
  base: string;
  qualifier?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
  key: string;
  keyPointer: string;
  /** The values as the model reads them, each with its pointer as reported (see `clauses`). */
  values: { value: string; pointer: string }[];
  /** The value as written (an empty list, or how many values the text holds). */
  rawValue: unknown;
}

/**
 * Every (operator, key) pair of a statement's Condition, from the model's condition clauses (the
 * AST, or the model's lenient reading when the document does not parse). Pointers keep the form
 * validation has always reported (operator and key unescaped), so spans are unchanged.
 */
function clauses(s: StatementView): Clause[] {
  const raw = s.condition && typeof s.condition === 'object' && !Array.isArray(s.condition) ? (s.condition as Json) : {};
  return s.conditions.map((cc) => {
    const pointer = `${s.pointer}/Condition/${cc.operator}`;
    const keyPointer = `${pointer}/${cc.key}`;
    const values = cc.values.map((v) => ({ value: v.value, pointer: keyPointer + v.pointer.slice(cc.pointer.length) }));
    const rawValue = (raw[cc.operator] as Json | undefined)?.[cc.key];
    return { pointer, operatorText: cc.operator, base: cc.baseOperator, ...(cc.setQualifier ? { qualifier: cc.setQualifier } : {}), ifExists: cc.ifExists, key: cc.key, keyPointer, values, rawValue };
  });
}

/** The operator's value family, as the engine declares it (one place, not repeated here). */
function familyOf(base: string): Family | undefined {
  return operatorFamily(base);
}

/** The type of a condition key: global table, or the catalog's service key type. */
function keyType(key: string, ctx: ValidationContext): Family | undefined {
  const lower = key.toLowerCase();
  if (lower.startsWith('aws:')) return GLOBAL_KEYS[lower] ?? (TAG_KEYS.some((t) => lower.startsWith(`${t}/`)) ? 'String' : undefined);
  const service = lower.slice(0, lower.indexOf(':'));
  const found = serviceKey(key, ctx, service);
  const t = found?.type.replace(/^ArrayOf/, '');
  return t === 'ARN' || t === 'Bool' || t === 'Date' || t === 'Numeric' || t === 'String' || t === 'IPAddress' ? t : undefined;
}

/** The catalog entry of a service key (`s3:ExistingObjectTag/<key>` templates matched by prefix). */
function serviceKey(key: string, ctx: ValidationContext, service: string) {
  const lower = key.toLowerCase();
  return ctx.catalog.conditionKeys(service).find((k) => {
    const kl = k.key.toLowerCase();
    const slash = kl.search(/[/$<]/);
    return slash < 0 ? kl === lower : lower.startsWith(kl.slice(0, slash));
  });
}

const isPrivateIp = (v: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(v);
const hasVariable = (v: string) => v.includes('${');
const mismatchCode: Partial<Record<Family, string>> = { Numeric: 'TYPE_MISMATCH_NUMBER', Date: 'TYPE_MISMATCH_DATE', Bool: 'TYPE_MISMATCH_BOOLEAN', IPAddress: 'TYPE_MISMATCH_IP_RANGE' };

/** A per-clause check. */
const perClause = (fn: (c: Clause, ctx: ValidationContext) => CheckHit[] | CheckHit | undefined) => (s: StatementView, ctx: ValidationContext): CheckHit[] =>
  clauses(s).flatMap((c) => { const r = fn(c, ctx); return r === undefined ? [] : Array.isArray(r) ? r : [r]; });

/** Values that the operator rejects (`NumericEquals "abc"`), for one family. */
function invalidValues(c: Clause, family: Family): CheckHit[] {
  const op = findOperator(c.base);
  if (!op) return [];
  return c.values.flatMap(({ value: text, pointer }) => {
    if (hasVariable(text)) return [];
    // Bool accepts any text at evaluation time (it just never matches); the grammar wants true/false.
    const valid = family === 'Bool' ? /^(true|false)$/i.test(text) : op.compile(text, tokenizeGlob(text)) !== null;
    if (valid) return [];
    return [{ pointer, message: `The value ${JSON.stringify(text)} is not a valid ${family} for ${c.operatorText}.` }];
  });
}

const typeMismatch = (family: Family): PolicyCheck => ({
  code: mismatchCode[family]!,
  severity: 'WARNING',
  source: 'access-analyzer',
  summary: `a ${family} operator with a value that is not a ${family}`,
  statement: perClause((c) => (familyOf(c.base) === family ? invalidValues(c, family) : undefined)),
});

export const CONDITION_CHECKS: readonly PolicyCheck[] = [
  {
    code: 'INVALID_CONDITION_OPERATOR',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an operator that does not exist',
    statement: (s) => {
      const c = s.condition;
      if (!c || typeof c !== 'object' || Array.isArray(c)) return [];
      return Object.keys(c as Json).flatMap((text) => {
        let base = text.replace(/^(ForAllValues|ForAnyValue):/, '');
        if (base.endsWith('IfExists')) base = base.slice(0, -'IfExists'.length);
        return base === 'Null' || findOperator(base) ? [] : [{ pointer: `${s.pointer}/Condition/${text}`, message: `The condition operator ${text} is not valid.` }];
      });
    },
  },
  {
    code: 'NULL_WITH_IF_EXISTS',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'the Null operator with IfExists',
    statement: (s) => (s.condition && typeof s.condition === 'object' ? Object.keys(s.condition as Json).filter((k) => /^(For(All|Any)Values?:)?NullIfExists$/.test(k)).map((k) => ({ pointer: `${s.pointer}/Condition/${k}`, message: 'The Null operator cannot be used with IfExists.' })) : []),
  },
  {
    code: 'INVALID_CONDITION_KEY_FORMAT',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a condition key that is not `prefix:name`',
    statement: perClause((c) => (/^[A-Za-z0-9-]+:[^\s:][^\s]*$/.test(c.key) ? undefined : { pointer: c.keyPointer, message: `The condition key ${c.key} is not of the form prefix:name.` })),
  },
  {
    code: 'INVALID_GLOBAL_CONDITION_KEY',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an `aws:` key that is not a global condition key',
    statement: perClause((c) => {
      const k = c.key.toLowerCase();
      if (!k.startsWith('aws:') || k in GLOBAL_KEYS || TAG_KEYS.some((t) => k === t || k.startsWith(`${t}/`))) return undefined;
      return { pointer: c.keyPointer, message: `The global condition key ${c.key} does not exist.` };
    }),
  },
  {
    code: 'MISSING_TAG_KEY_IN_CONDITION',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'aws:RequestTag/ResourceTag/PrincipalTag without the tag key',
    statement: perClause((c) => (TAG_KEYS.includes(c.key.toLowerCase()) ? { pointer: c.keyPointer, message: `The condition key ${c.key} needs a tag key: ${c.key}/<tag-key>.` } : undefined)),
  },
  {
    code: 'INVALID_SERVICE_CONDITION_KEY',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a service condition key that the service does not define',
    statement: perClause((c, ctx) => {
      const colon = c.key.indexOf(':');
      const service = c.key.slice(0, colon).toLowerCase();
      if (colon <= 0 || service === 'aws' || !ctx.catalog.isKnownService(service) || ctx.catalog.conditionKeys(service).length === 0) return undefined;
      return serviceKey(c.key, ctx, service) ? undefined : { pointer: c.keyPointer, message: `The condition key ${c.key} does not exist in service ${service}.` };
    }),
  },
  {
    code: 'TYPE_MISMATCH',
    severity: 'WARNING',
    source: 'access-analyzer',
    summary: 'an operator whose type does not fit the condition key type',
    statement: perClause((c, ctx) => {
      const op = familyOf(c.base);
      const key = keyType(c.key, ctx);
      if (!op || !key || op === 'Null' || op === key || (op === 'String' && key === 'ARN') || (op === 'ARN' && key === 'String' && /arn/i.test(c.key))) return undefined;
      return { pointer: c.keyPointer, message: `The operator ${c.operatorText} is not compatible with ${c.key} (type ${key}).` };
    }),
  },
  typeMismatch('Numeric'),
  typeMismatch('Date'),
  typeMismatch('Bool'),
  typeMismatch('IPAddress'),
  {
    code: 'INVALID_CONDITION_MULTIPLE_BOOLEAN',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a Bool condition with both true and false',
    statement: perClause((c) => (c.base === 'Bool' && new Set(c.values.map((v) => v.value.toLowerCase())).size > 1 ? { pointer: c.keyPointer, message: `The Bool condition on ${c.key} lists both true and false; it is always true.` } : undefined)),
  },
  {
    code: 'INVALID_VARIABLE_FOR_OPERATOR',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a policy variable in the value of an operator that does not support them',
    statement: perClause((c) => {
      const op = findOperator(c.base);
      return op && !op.variables && c.values.some((v) => hasVariable(v.value)) ? { pointer: c.keyPointer, message: `The operator ${c.operatorText} does not support policy variables in its values.` } : undefined;
    }),
  },
  {
    code: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
    severity: 'WARNING',
    source: 'access-analyzer',
    summary: 'a `*` or `?` in a value of an operator that compares literally',
    statement: perClause((c) => {
      const op = findOperator(c.base);
      return op && !op.wildcards && familyOf(c.base) === 'String' && c.values.some((v) => /[*?]/.test(v.value.replace(/\$\{[^}]*\}/g, ''))) ? { pointer: c.keyPointer, message: `${c.operatorText} compares literally; use ${c.base.replace('Equals', 'Like')} for wildcards.` } : undefined;
    }),
  },
  {
    code: 'PRIVATE_IP_ADDRESS',
    severity: 'WARNING',
    source: 'access-analyzer',
    summary: 'aws:SourceIp with a private range (it only sees public addresses)',
    statement: perClause((c) => (c.base === 'IpAddress' && c.key.toLowerCase() === 'aws:sourceip' && c.values.some((v) => isPrivateIp(v.value)) ? { pointer: c.keyPointer, message: 'aws:SourceIp only holds public addresses; a private range never matches (use aws:VpcSourceIp).' } : undefined)),
  },
  {
    code: 'PRIVATE_NOT_IP_ADDRESS',
    severity: 'WARNING',
    source: 'access-analyzer',
    summary: 'NotIpAddress on aws:SourceIp with a private range',
    statement: perClause((c) => (c.base === 'NotIpAddress' && c.key.toLowerCase() === 'aws:sourceip' && c.values.some((v) => isPrivateIp(v.value)) ? { pointer: c.keyPointer, message: 'aws:SourceIp only holds public addresses; excluding a private range has no effect.' } : undefined)),
  },
  {
    code: 'EMPTY_OBJECT_CONDITION',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'an empty Condition or operator block',
    statement: (s) => {
      const c = s.condition;
      if (!c || typeof c !== 'object' || Array.isArray(c)) return [];
      if (Object.keys(c).length === 0) return [{ pointer: `${s.pointer}/Condition`, message: 'The Condition element is empty.' }];
      return Object.entries(c as Json).filter(([, b]) => b && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).length === 0).map(([k]) => ({ pointer: `${s.pointer}/Condition/${k}`, message: `The ${k} block is empty.` }));
    },
  },
  ...(['EMPTY_ARRAY_CONDITION', 'EMPTY_ARRAY_CONDITION_FORALLVALUES', 'EMPTY_ARRAY_CONDITION_FORANYVALUE', 'EMPTY_ARRAY_CONDITION_IFEXISTS'] as const).map((code): PolicyCheck => ({
    code, severity: 'SUGGESTION', source: 'access-analyzer', summary: `an empty value list${code === 'EMPTY_ARRAY_CONDITION' ? '' : ` with ${code.split('_').pop()}`}`,
    statement: perClause((c) => {
      const kind = c.qualifier === 'ForAllValues' ? 'EMPTY_ARRAY_CONDITION_FORALLVALUES' : c.qualifier === 'ForAnyValue' ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE' : c.ifExists ? 'EMPTY_ARRAY_CONDITION_IFEXISTS' : 'EMPTY_ARRAY_CONDITION';
      return kind === code && Array.isArray(c.rawValue) && c.rawValue.length === 0 ? { pointer: c.keyPointer, message: `The value list of ${c.key} under ${c.operatorText} is empty.` } : undefined;
    }),
  })),
  {
    code: 'REDUNDANT_CONDITION_VALUE_NUM',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'several values for a less-than/greater-than operator (one decides)',
    statement: perClause((c) => (ORDER_OPERATORS.test(c.base) && c.values.length > 1 ? { pointer: c.keyPointer, message: `${c.operatorText} with several values on ${c.key}: only the loosest one matters; keep one.` } : undefined)),
  },
  {
    code: 'CORDON_FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    severity: 'WARNING',
    source: 'cordon',
    summary: 'ForAllValues on a single-valued global key (true when the key is absent)',
    statement: perClause((c) => (c.qualifier === 'ForAllValues' && c.key.toLowerCase() in GLOBAL_KEYS && c.key.toLowerCase() !== 'aws:tagkeys' && !c.key.toLowerCase().includes('list') && !c.key.toLowerCase().includes('calledvia') && !c.key.toLowerCase().includes('orgpaths') ? { pointer: c.keyPointer, message: `ForAllValues on the single-valued key ${c.key} is also true when the key is absent; drop the qualifier.` } : undefined)),
  },
];
