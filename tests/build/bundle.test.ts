/**
 * dist/Code.js is what clasp pushes: a classic script (no import/export) whose top-level
 * functions include every name Apps Script will call — the menu items, the clock trigger handler,
 * the simple triggers and every sidebar endpoint. Runs on the output of `npm run build`.
 */
import * as acorn from 'acorn';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { API_NAMES } from '../../src/server/api/contract';
import { TICK_HANDLER } from '../../src/server/automations/trigger-installer';
import { MENU_ENTRIES } from '../../src/server/ui/menu';

const dist = path.resolve(__dirname, '../../dist');
const code = fs.readFileSync(path.join(dist, 'Code.js'), 'utf8');

function topLevelFunctions(source: string): Set<string> {
  const program = acorn.parse(source, { ecmaVersion: 2020, sourceType: 'script' });
  const names = new Set<string>();
  for (const node of program.body) {
    if (node.type === 'FunctionDeclaration' && node.id) names.add(node.id.name);
  }
  return names;
}

describe('dist/Code.js', () => {
  it('parses as an ES2020 classic script', () => {
    expect(() => acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow();
  });

  it('declares every function Apps Script calls by name at the top level', () => {
    const declared = topLevelFunctions(code);
    const menuFunctions = MENU_ENTRIES.flatMap((e) =>
      'functionName' in e ? [e.functionName] : [],
    );
    const expected = ['onOpen', 'onInstall', TICK_HANDLER, ...menuFunctions, ...API_NAMES];
    expect(expected.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('has a Sidebar.html with the script and styles inlined', () => {
    const html = fs.readFileSync(path.join(dist, 'Sidebar.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<base target="_top" />');
    expect(html).not.toContain('INLINE_JS');
    expect(html).not.toContain('INLINE_CSS');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
