// The layer rule of ../shared/DESIGN.md §1 as one ESLint rule that resolves every import to the
// folder it lands in, instead of matching import strings with globs (which `./azure/x.js`, a
// `cordon/src/...` self-reference, `export * from`, `require()` or a dynamic `import()` slipped
// past). The table itself (ranks, pure layers, SDK adapters) is data in eslint.config.js.
import { dirname, relative, resolve, sep } from 'node:path';

/** Node's builtins are `node:x` or bare `x`; compare them without the prefix. */
const bare = (spec) => (spec.startsWith('node:') ? spec.slice(5) : spec);
/** `@scope/name/deep` → `@scope/name`, `name/deep` → `name`. */
const packageOf = (spec) => {
  const parts = bare(spec).split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};
const matches = (spec, prefixes) => prefixes.some((p) => (p.endsWith('/') ? bare(spec).startsWith(p) : packageOf(spec) === p));

/** node:crypto's and Web Crypto's sources of randomness. */
const RANDOM = /^(randomUUID|randomBytes|randomInt|randomFill|randomFillSync|getRandomValues|pseudoRandomBytes)$/;

/** The string a module specifier node holds, or undefined when it is computed at run time. */
function literal(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Data flows one way between the folders of src/ (DESIGN.md §1).' },
    schema: [{ type: 'object' }],
  },
  create(context) {
    const opts = context.options[0];
    const root = resolve(context.cwd);
    const srcDir = resolve(root, 'src');
    const layerByFolder = new Map();
    opts.layers.forEach((row, rank) => {
      for (const folder of row.folders) layerByFolder.set(folder, { ...row, rank, folder });
    });

    /** The layer a path under src/ belongs to: its first folder, `activity/readers` apart. */
    const layerOfPath = (abs) => {
      const rel = relative(srcDir, abs);
      if (rel.startsWith('..') || rel === '' || rel.startsWith(sep)) return undefined;
      const parts = rel.split(sep);
      if (parts.length === 1) return { unknown: '(src root)' };
      const two = `${parts[0]}/${parts[1]}`;
      return layerByFolder.get(two) ?? layerByFolder.get(parts[0]) ?? { unknown: parts[0] };
    };

    const filename = resolve(root, context.filename);
    const self = layerOfPath(filename);
    if (!self) return {};
    const where = self.unknown ? undefined : self;

    /** Where a relative, absolute or self-referencing specifier lands; undefined for packages. */
    const targetPath = (spec) => {
      const clean = spec.split(/[?#]/)[0];
      if (clean.startsWith('file://')) return resolve(new URL(clean).pathname);
      if (clean.startsWith('.') || clean.startsWith('/')) return resolve(dirname(filename), clean);
      if (clean === opts.packageName || clean.startsWith(`${opts.packageName}/`)) return resolve(root, clean.slice(opts.packageName.length + 1));
      return undefined;
    };

    function checkSpecifier(node, spec, typeOnly) {
      const abs = targetPath(spec);
      if (abs !== undefined) {
        const target = layerOfPath(abs);
        if (!target || target.unknown || !where || target.folder === where.folder) return;
        if (target.rank > where.rank) {
          context.report({ node, message: `src/${where.folder}/ may not import src/${target.folder}/ ("${spec}"): data flows one way (DESIGN.md §1, order in eslint.config.js).` });
        } else if (target.io && !where.io && !typeOnly) {
          context.report({ node, message: `src/${where.folder}/ does no I/O itself: import only types from src/${target.folder}/ ("${spec}") and take the implementation as a parameter.` });
        }
        return;
      }
      for (const [adapter, prefixes] of Object.entries(opts.sdks)) {
        if (matches(spec, prefixes) && where?.folder !== adapter) {
          context.report({ node, message: `"${spec}" is imported only in src/${adapter}/ (its SDK adapter, DESIGN.md §1).` });
          return;
        }
      }
      if (!where) return;
      if (where.pure && !typeOnly && !matches(spec, opts.pureModules)) {
        context.report({ node, message: `src/${where.folder}/ is pure (DESIGN.md §1): "${spec}" is not on the pure-module list in eslint.config.js.` });
      } else if (!where.io && !where.pure && !typeOnly && matches(spec, opts.ioModules)) {
        context.report({ node, message: `src/${where.folder}/ does I/O only through interfaces (DESIGN.md §1): "${spec}" is not allowed here.` });
      }
    }

    const isTypeOnlyImport = (node) =>
      node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));

    function dynamic(node, sourceNode) {
      if (where?.pure) {
        context.report({ node, message: `src/${where.folder}/ is pure: no dynamic import() or require() (DESIGN.md §1); import statically.` });
        return;
      }
      const spec = literal(sourceNode);
      if (spec === undefined) context.report({ node, message: 'a module name computed at run time cannot be checked against the layer rule: use a string literal.' });
      else checkSpecifier(node, spec, false);
    }

    const report = (node, what) => context.report({ node, message: `src/${where.folder}/ is pure (DESIGN.md §1): ${what}; take time, randomness and settings as parameters.` });
    const propName = (m) => (m.computed ? literal(m.property) : m.property.name);

    /** Pure layers: look at every use of a global (shadowed names are someone's variable, not the global). */
    function checkGlobals() {
      const refs = context.sourceCode.scopeManager.scopes.flatMap((s) => s.references);
      for (const ref of refs) {
        if (ref.resolved && ref.resolved.scope.type !== 'global') continue;
        const id = ref.identifier;
        const name = id.name;
        const parent = id.parent;
        if (opts.pureBannedGlobals.includes(name)) report(id, `\`${name}\` is not used here`);
        else if (name === 'Math') {
          const ok = parent.type === 'MemberExpression' && parent.object === id && propName(parent) !== undefined && propName(parent) !== 'random';
          if (!ok) report(id, '`Math.random()` (or Math passed around) is not used here');
        } else if (name === 'Date') {
          const member = parent.type === 'MemberExpression' && parent.object === id;
          const okMember = member && ['parse', 'UTC'].includes(propName(parent));
          const okNew = parent.type === 'NewExpression' && parent.callee === id && parent.arguments.length > 0;
          const typeRef = parent.type === 'TSTypeReference' || parent.type === 'TSQualifiedName' || parent.type === 'TSTypeQuery';
          const isCheck = parent.type === 'BinaryExpression' && parent.operator === 'instanceof' && parent.right === id;
          if (!okMember && !okNew && !typeRef && !isCheck) report(id, '`Date.now()`, `new Date()` and `Date()` read the clock');
        }
      }
    }

    return {
      ImportDeclaration(node) {
        checkSpecifier(node.source, node.source.value, isTypeOnlyImport(node));
        if (where?.pure) {
          for (const s of node.specifiers) {
            if (s.type === 'ImportSpecifier' && RANDOM.test(s.imported.name ?? s.imported.value)) report(s, `\`${s.imported.name}\` is randomness`);
          }
        }
      },
      ExportNamedDeclaration(node) {
        if (node.source) checkSpecifier(node.source, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        checkSpecifier(node.source, node.source.value, node.exportKind === 'type');
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') dynamic(node, node.moduleReference.expression);
      },
      TSImportType(node) {
        const spec = literal(node.argument?.literal ?? node.argument) ?? literal(node.source);
        if (spec !== undefined) checkSpecifier(node, spec, true);
      },
      ImportExpression(node) {
        dynamic(node, node.source);
      },
      MemberExpression(node) {
        // crypto.randomUUID(), webcrypto.getRandomValues(), a namespace import's randomBytes...
        if (where?.pure && RANDOM.test(propName(node) ?? '')) report(node, `\`${propName(node)}\` is randomness`);
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === 'Identifier' && callee.name === 'require') dynamic(node, node.arguments[0]);
      },
      'Program:exit'(node) {
        if (self.unknown) {
          context.report({ node, message: `src/${self.unknown}/ is not in the layer table of eslint.config.js: give the folder a rank (DESIGN.md §1).` });
          return;
        }
        if (where.pure) checkGlobals();
      },
    };
  },
};
