/**
 * The DAG of stages: topological order (stable: file order among ready stages), cycle
 * detection that names the cycle, and selection for `--only`, `--from` and `--skip`.
 */

export interface GraphNode {
  id: string;
  /** Ids of the stages this one reads from. */
  deps: readonly string[];
}

export type OrderResult = { order: string[] } | { cycle: string[] };

/** Kahn's algorithm; on failure returns one cycle as `[a, b, c, a]`. */
export function topologicalOrder(nodes: readonly GraphNode[]): OrderResult {
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const node of nodes) {
    indegree.set(node.id, node.deps.length);
    for (const dep of node.deps) {
      const list = dependents.get(dep) ?? [];
      list.push(node.id);
      dependents.set(dep, list);
    }
  }
  const position = new Map(nodes.map((n, i) => [n.id, i]));
  const ready = nodes.filter((n) => n.deps.length === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const next of dependents.get(id) ?? []) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (order.length === nodes.length) return { order };
  return { cycle: findCycle(nodes, new Set(order)) };
}

function findCycle(nodes: readonly GraphNode[], done: Set<string>): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const state = new Map<string, 'visiting' | 'visited'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of byId.get(id)?.deps ?? []) {
      if (done.has(dep)) continue;
      if (state.get(dep) === 'visiting') return [...stack.slice(stack.indexOf(dep)), dep].reverse();
      if (!state.has(dep)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'visited');
    return undefined;
  };
  for (const node of nodes) {
    if (done.has(node.id) || state.has(node.id)) continue;
    const cycle = visit(node.id);
    if (cycle) return cycle;
  }
  return [];
}

/** All stages reachable downstream from `id`, including `id`. */
export function descendants(nodes: readonly GraphNode[], ids: Iterable<string>): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const node of nodes) for (const dep of node.deps) dependents.set(dep, [...(dependents.get(dep) ?? []), node.id]);
  const out = new Set<string>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    queue.push(...(dependents.get(id) ?? []));
  }
  return out;
}

/** All stages `ids` depend on, including `ids`. */
export function ancestors(nodes: readonly GraphNode[], ids: Iterable<string>): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Set<string>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    queue.push(...(byId.get(id)?.deps ?? []));
  }
  return out;
}

export interface Selection {
  /** Run only these stages and what they need. */
  only?: readonly string[];
  /** Run these stages, what they need, and everything downstream of them. */
  from?: readonly string[];
  /** Leave these stages (and so what needs them) out. */
  skip?: readonly string[];
}

/** The set of stage ids a selection keeps; with no selection, every stage. */
export function selectStages(nodes: readonly GraphNode[], selection: Selection): Set<string> {
  let keep = new Set(nodes.map((n) => n.id));
  if (selection.only?.length) keep = ancestors(nodes, selection.only);
  if (selection.from?.length) {
    const needed = ancestors(nodes, descendants(nodes, selection.from));
    keep = new Set([...keep].filter((id) => needed.has(id)));
  }
  if (selection.skip?.length) {
    const dropped = descendants(nodes, selection.skip);
    keep = new Set([...keep].filter((id) => !dropped.has(id)));
  }
  return keep;
}

