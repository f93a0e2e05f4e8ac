import * as fs from 'fs';
import * as path from 'path';
import { cleanUpSyntheses, EXAMPLE_APP, integAppFiles, synthApp } from './integ-apps';

/**
 * Every template of the example and integration apps deploys in one pass: the graph of what each resource waits
 * for (`Ref`, `Fn::GetAtt`, `Fn::Sub` and `DependsOn`) has no cycle, which CloudFormation would reject.
 */

afterAll(cleanUpSyntheses);

interface Template {
  readonly Resources?: Record<string, { DependsOn?: string | string[]; Properties?: unknown; [key: string]: unknown }>;
}

/** The logical ids a value of a template refers to. */
function referencesOf(value: unknown, ids: Set<string>, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((item) => referencesOf(item, ids, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' && typeof item === 'string' && ids.has(item)) {
        found.add(item);
      } else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(item) ? item[0] : String(item).split('.')[0];
        if (ids.has(target)) found.add(target);
      } else if (key === 'Fn::Sub') {
        const text = Array.isArray(item) ? item[0] : item;
        for (const [, name] of String(text).matchAll(/\$\{([^}!.]+)[^}]*\}/g)) {
          if (ids.has(name)) found.add(name);
        }
        if (Array.isArray(item)) referencesOf(item[1], ids, found);
      }
      referencesOf(item, ids, found);
    }
  }
  return found;
}

/** What each resource waits for. */
export function dependencyGraph(template: Template): Map<string, Set<string>> {
  const resources = template.Resources ?? {};
  const ids = new Set(Object.keys(resources));
  return new Map(
    Object.entries(resources).map(([id, resource]) => {
      const { DependsOn: dependsOn, ...rest } = resource;
      const edges = referencesOf(rest, ids);
      for (const target of [dependsOn ?? []].flat()) edges.add(target);
      return [id, edges];
    }),
  );
}

/** A cycle of the graph, as the logical ids along it, or undefined. */
export function cycleOf(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const trail: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...trail.slice(trail.indexOf(node)), node];
    state.set(node, 'visiting');
    trail.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the dependency check', () => {
  test('finds a cycle through Ref, Fn::GetAtt, Fn::Sub and DependsOn', () => {
    const template: Template = {
      Resources: {
        A: { Properties: { X: { Ref: 'B' } } },
        B: { Properties: { Y: { 'Fn::Sub': 'https://${C.SubDomain}/x' } } },
        C: { DependsOn: 'D' },
        D: { Properties: { Z: { 'Fn::GetAtt': ['A', 'Arn'] } } },
      },
    };

    expect(cycleOf(dependencyGraph(template))).toEqual(['A', 'B', 'C', 'D', 'A']);
  });

  test('finds none in a chain, nor through parameters and pseudo parameters', () => {
    const template: Template = {
      Resources: { A: { Properties: { X: { Ref: 'B' }, Y: { Ref: 'AWS::Region' } } }, B: { Properties: { Z: { 'Fn::Sub': '${Param}' } } } },
    };

    expect(cycleOf(dependencyGraph(template))).toBeUndefined();
  });
});

describe.each([EXAMPLE_APP, ...integAppFiles()])('the templates of %s', (file) => {
  test('have no dependency cycle', () => {
    const outdir = synthApp(file);
    const templates = fs.readdirSync(outdir).filter((name) => name.endsWith('.template.json'));

    expect(templates.length).toBeGreaterThan(0);
    for (const name of templates) {
      const template = JSON.parse(fs.readFileSync(path.join(outdir, name), 'utf-8')) as Template;
      expect([name, cycleOf(dependencyGraph(template))]).toEqual([name, undefined]);
    }
  });
});
