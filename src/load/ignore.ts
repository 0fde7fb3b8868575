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
const defaultIgnore: readonly string[] = ['**/templates', '**/_templates']

/** Is a path (relative to the notes folder, `/`-separated) ignored? Folders are asked about before their contents. */
export type IgnoreTest = (relativePath: string, isFolder: boolean) => boolean

/** The test for a config's `ignore` list. */
export function ignoreTest(patterns: readonly string[]): IgnoreTest {
  const positive = [...defaultIgnore, ...patterns.filter((pattern) => !pattern.startsWith('!'))].map(clean)
  const negative = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => clean(pattern.slice(1)))
  // No extglobs (`+(a*)`): they nest quantifiers, and a pattern of the (untrusted) config must not take minutes to match.
  const options = { dot: true, nocase: true, noextglob: true }
  const matches = picomatch(positive, options)
  const keeps = negative.length > 0 ? picomatch(negative, options) : () => false
  return (relativePath, isFolder) => {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1)
    if (name.startsWith('.') || (isFolder && name === 'node_modules')) return true
    return matches(relativePath) && !keeps(relativePath)
  }
}

/**
 * Most `*` one part of a pattern may have (a `**` part aside). picomatch
 * matches with a regular expression that backtracks: `*a*a*a*a*c` takes
 * seconds on one long file name, and minutes with a few more stars; with
 * two, matching stays quick on any name.
 */
export const maxStarsInPart = 2

/** Does an `ignore` pattern have a part with more than {@link maxStarsInPart} `*`? */
export function tooManyStars(pattern: string): boolean {
  return clean(pattern.replace(/^!/, ''))
    .split('/')
    .some((part) => part !== '**' && (part.match(/\*/g)?.length ?? 0) > maxStarsInPart)
}

/** `private/` and `./private` mean the folder `private`. */
function clean(pattern: string): string {
  return pattern.trim().replace(/^\.\//, '').replace(/\/+$/, '')
}
