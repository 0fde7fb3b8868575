import type { Nodes, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { skip, walk } from '../src/walk.js'

const fromMarkdown = (text: string): Root => unified().use(remarkParse).parse(text)

const markdown = '# Title\n\nA *b* `c`.\n\n- one\n- two **three**\n\n> quote\n> > nested\n'

describe('walking a tree', () => {
  it('meets every node in the order unist-util-visit does, with the same index and parent', () => {
    const tree = fromMarkdown(markdown)
    const seen: unknown[] = []
    const expected: unknown[] = []
    walk<Nodes>(tree, (node, index, parent) => void seen.push([node, index, parent]))
    visit(tree, (node, index, parent) => void expected.push([node, index, parent]))
    expect(seen.length).toBe(expected.length)
    seen.forEach((entry, i) => expect((entry as unknown[]).every((part, j) => part === (expected[i] as unknown[])[j])).toBe(true))
  })

  it('leaves out the children of a node when told to skip', () => {
    const types: string[] = []
    walk<Nodes>(fromMarkdown(markdown), (node) => {
      types.push(node.type)
      return node.type === 'list' ? skip : undefined
    })
    expect(types).toContain('list')
    expect(types).not.toContain('listItem')
    expect(types).toContain('blockquote')
  })

  it('goes on from the index a visitor returns after changing its parent, as visit does', () => {
    const run = (
      each: (tree: Root, remove: (node: Nodes, index: number | undefined, parent: { children: unknown[] } | undefined) => number | undefined) => void,
    ): string[] => {
      const tree = fromMarkdown('a\n\nb\n\nc\n\nd')
      each(tree, (node, index, parent) => {
        if (node.type !== 'paragraph' || !parent || index === undefined) return undefined
        const text = node.children[0]
        if (text?.type !== 'text' || text.value !== 'b') return undefined
        parent.children.splice(index, 1)
        return index
      })
      return tree.children.map((child) => (child.type === 'paragraph' && child.children[0]?.type === 'text' ? child.children[0].value : '?'))
    }
    const walked = run((tree, remove) => walk<Nodes>(tree, remove))
    const visited = run((tree, remove) => visit(tree, remove as never))
    expect(walked).toEqual(['a', 'c', 'd'])
    expect(walked).toEqual(visited)
  })
})
