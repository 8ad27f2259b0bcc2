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

/** Kahn's algorithm with a heap on file position; on failure returns one cycle as `[a, b, c, a]`. */
export function topologicalOrder(nodes: readonly GraphNode[]): OrderResult {
  const position = new Map(nodes.map((n, i) => [n.id, i]));
  const indegree = nodes.map((n) => n.deps.length);
  const dependents: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) => {
    for (const dep of node.deps) {
      const d = position.get(dep);
      if (d !== undefined) dependents[d]!.push(i);
    }
  });
  const ready = new MinHeap();
  indegree.forEach((n, i) => n === 0 && ready.push(i));
  const order: string[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(nodes[i]!.id);
    for (const next of dependents[i]!) if (--indegree[next]! === 0) ready.push(next);
  }
  if (order.length === nodes.length) return { order };
  return { cycle: findCycle(nodes, new Set(order)) };
}

/** A binary min-heap of integers (stage positions), so ties go to file order. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const a = this.items;
    a.push(value);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
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

/** All stages downstream of `ids`, including `ids`. */
export function descendants(nodes: readonly GraphNode[], ids: Iterable<string>): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const node of nodes) for (const dep of node.deps) dependents.set(dep, [...(dependents.get(dep) ?? []), node.id]);
  return reachable(ids, (id) => dependents.get(id));
}

/** All stages `ids` depend on, including `ids`. */
export function ancestors(nodes: readonly GraphNode[], ids: Iterable<string>): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return reachable(ids, (id) => byId.get(id)?.deps);
}

function reachable(start: Iterable<string>, next: (id: string) => readonly string[] | undefined): Set<string> {
  const out = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    queue.push(...(next(id) ?? []));
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

