/**
 * What the notes folder keeps private: files and folders quire never reads
 * nor publishes.
 *
 * Always: hidden files and folders (`.obsidian/`, `.trash/`, `.git/`) and
 * `node_modules/`. By default also: folders named `templates` or
 * `_templates` at any depth (note templates of Obsidian and Foam, full of
 * placeholders). The config's `ignore` patterns add to these; a pattern
 * that starts with `!` takes a path back (`!templates`).
 */
import picomatch from 'picomatch'

/** Patterns ignored unless the config takes them back. */
export const defaultIgnore: readonly string[] = ['**/templates', '**/_templates']

/** Is a path (relative to the notes folder, `/`-separated) ignored? Folders are asked about before their contents. */
export type IgnoreTest = (relativePath: string, isFolder: boolean) => boolean

/** The test for a config's `ignore` list. */
export function ignoreTest(patterns: readonly string[]): IgnoreTest {
  const positive = [...defaultIgnore, ...patterns.filter((pattern) => !pattern.startsWith('!'))].map(clean)
  const negative = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => clean(pattern.slice(1)))
  const options = { dot: true, nocase: true }
  const matches = picomatch(positive, options)
  const keeps = negative.length > 0 ? picomatch(negative, options) : () => false
  return (relativePath, isFolder) => {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1)
    if (name.startsWith('.') || (isFolder && name === 'node_modules')) return true
    return matches(relativePath) && !keeps(relativePath)
  }
}

/** `private/` and `./private` mean the folder `private`. */
function clean(pattern: string): string {
  return pattern.trim().replace(/^\.\//, '').replace(/\/+$/, '')
}
