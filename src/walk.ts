/**
 * A walk over a syntax tree (mdast or hast) in document order, for the
 * passes every body goes through when it is parsed and drafted.
 *
 * It does what `visit` from unist-util-visit does for them, without its
 * cost: `visit` makes a closure and a copy of the ancestors at every node,
 * which on a large library was about a sixth of the parse and draft time,
 * plus the garbage collection after it. This allocates nothing per node.
 *
 * The visitor gets each node with its index in its parent and the parent.
 * It returns nothing to go on (into the node's children, then its next
 * sibling), {@link skip} to leave the node's children out, or an index in
 * the parent to go on from, after changing the parent's children (the
 * node's own children are still walked, as with `visit`).
 */

/** Return from a visitor to leave the node's children unwalked. */
export const skip = Symbol('skip')

/** What a visitor returns: see {@link walk}. */
export type Step = void | number | typeof skip

interface AnyParent {
  readonly children: readonly unknown[]
}

/** The nodes of a tree whose nodes are `Node` that have children. */
type ParentOf<Node> = Extract<Node, AnyParent>

/** Walk `tree` (typed by its kind of node: mdast's or hast's `Nodes`) depth first, in document order. */
export function walk<Node extends { type: string }>(
  tree: Node,
  visitor: (node: Node, index: number | undefined, parent: ParentOf<Node> | undefined) => Step,
): void {
  const step = (node: Node, index: number | undefined, parent: ParentOf<Node> | undefined): number | undefined => {
    const result = visitor(node, index, parent)
    if (result !== skip && 'children' in node) {
      const children = (node as unknown as AnyParent).children as Node[]
      for (let i = 0; i < children.length;) i = step(children[i]!, i, node as unknown as ParentOf<Node>) ?? i + 1
    }
    return typeof result === 'number' ? result : undefined
  }
  step(tree, undefined, undefined)
}
