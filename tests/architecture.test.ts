/**
 * The core stays independent of Discord: nothing under `src/services/` imports discord.js, neither
 * itself nor through the modules it loads at run time (a type-only import loads nothing).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const SERVICES = join(SRC, 'services');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/** Module specifiers a file imports or re-exports, with whether the import loads code at run time. */
function importsOf(file: string): Array<{ specifier: string; runtime: boolean }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: Array<{ specifier: string; runtime: boolean }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, runtime: !typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, runtime: !node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push({ specifier: arg.text, runtime: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
  try {
    return statSync(target).isFile() ? target : undefined;
  } catch {
    return undefined;
  }
}

const isDiscord = (specifier: string) => specifier === 'discord.js' || specifier.startsWith('@discordjs/');

describe('the services know nothing of Discord', () => {
  const services = filesUnder(SERVICES);

  it('no service file imports discord.js, even for types', () => {
    const offenders = services.filter((file) => importsOf(file).some((i) => isDiscord(i.specifier)));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('no module a service loads at run time imports discord.js', () => {
    const chains: string[] = [];
    for (const start of services) {
      const seen = new Set<string>([start]);
      const queue: Array<{ file: string; path: string[] }> = [{ file: start, path: [start] }];
      while (queue.length > 0) {
        const { file, path } = queue.shift()!;
        for (const { specifier, runtime } of importsOf(file)) {
          if (!runtime) continue;
          if (isDiscord(specifier)) {
            chains.push([...path.map((p) => relative(SRC, p)), specifier].join(' → '));
            continue;
          }
          const next = resolveLocal(file, specifier);
          if (next && !seen.has(next)) {
            seen.add(next);
            queue.push({ file: next, path: [...path, next] });
          }
        }
      }
    }
    expect(chains).toEqual([]);
  });

  it('the check itself sees an import of discord.js where there is one', () => {
    expect(importsOf(join(SRC, 'bot', 'digest-poster.ts')).some((i) => isDiscord(i.specifier) && i.runtime)).toBe(true);
  });
});
