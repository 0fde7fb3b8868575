/**
 * `[[target]]`, `[[target|label]]` (`[[target\|label]]` in a table cell),
 * `[[target#fragment]]` and embeds `![[target]]` as Markdown
 * syntax: a micromark extension (tokenizer) and an mdast-util-from-markdown
 * extension (tree builder). Because wikilinks are parsed, not found with a
 * regular expression, they keep exact positions and are never recognised
 * inside code spans or code blocks.
 */
import { markdownLineEnding } from 'micromark-util-character'
import type { Code, Effects, Extension, State, TokenizeContext } from 'micromark-util-types'
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'
import type { Data, Literal } from 'mdast'

/** A wikilink in the mdast tree. `data.quireLink` is its index in the document's links. */
export interface WikiLink extends Literal {
  type: 'wikiLink'
  /** The target as written, including any `#fragment`. */
  value: string
  /** The label after `|`, if any (for an embedded image, its width or alt text). */
  label: string | undefined
  /** Written `![[…]]`: show the file, or transclude the note, rather than link to it. */
  embed: boolean
  data?: Data & { quireLink?: number }
}

declare module 'mdast' {
  interface PhrasingContentMap {
    wikiLink: WikiLink
  }
  interface RootContentMap {
    wikiLink: WikiLink
  }
  interface Data {
    /** Index of this link in its document's `links` (set by quire's parse stage). */
    quireLink?: number
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    wikiLink: 'wikiLink'
    wikiLinkMarker: 'wikiLinkMarker'
    wikiLinkTarget: 'wikiLinkTarget'
    wikiLinkLabel: 'wikiLinkLabel'
  }
}

const exclamationMark = 33
const leftBracket = 91
const rightBracket = 93
const verticalBar = 124
/** Longest target or label accepted; longer text is left as plain text. */
const maxSize = 1000

/** micromark syntax extension for wikilinks. */
export function wikiLinkSyntax(): Extension {
  // The embed construct is tried before CommonMark's image start (`![`), which would otherwise take the `!`.
  return {
    text: {
      [leftBracket]: { name: 'wikiLink', tokenize: tokenizeWikiLink },
      [exclamationMark]: { name: 'wikiEmbed', tokenize: tokenizeWikiLink },
    },
  }
}

function tokenizeWikiLink(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0
  return start

  function start(code: Code): State | undefined {
    effects.enter('wikiLink')
    effects.enter('wikiLinkMarker')
    effects.consume(code)
    return code === exclamationMark ? openFirst : openSecond
  }

  function openFirst(code: Code): State | undefined {
    if (code !== leftBracket) return nok(code)
    effects.consume(code)
    return openSecond
  }

  function openSecond(code: Code): State | undefined {
    if (code !== leftBracket) return nok(code)
    effects.consume(code)
    effects.exit('wikiLinkMarker')
    return targetStart
  }

  function targetStart(code: Code): State | undefined {
    if (!isTextCode(code) || code === verticalBar) return nok(code)
    effects.enter('wikiLinkTarget')
    size = 0
    return target(code)
  }

  function target(code: Code): State | undefined {
    if (code === verticalBar) {
      effects.exit('wikiLinkTarget')
      effects.enter('wikiLinkMarker')
      effects.consume(code)
      effects.exit('wikiLinkMarker')
      return labelStart
    }
    if (code === rightBracket) {
      effects.exit('wikiLinkTarget')
      return closeFirst(code)
    }
    if (!isTextCode(code) || ++size > maxSize) return nok(code)
    effects.consume(code)
    return target
  }

  function labelStart(code: Code): State | undefined {
    if (!isTextCode(code) || code === verticalBar) return nok(code)
    effects.enter('wikiLinkLabel')
    size = 0
    return label(code)
  }

  function label(code: Code): State | undefined {
    if (code === rightBracket) {
      effects.exit('wikiLinkLabel')
      return closeFirst(code)
    }
    if (!isTextCode(code) || code === verticalBar || ++size > maxSize) return nok(code)
    effects.consume(code)
    return label
  }

  function closeFirst(code: Code): State | undefined {
    effects.enter('wikiLinkMarker')
    effects.consume(code)
    return closeSecond
  }

  function closeSecond(code: Code): State | undefined {
    if (code !== rightBracket) return nok(code)
    effects.consume(code)
    effects.exit('wikiLinkMarker')
    effects.exit('wikiLink')
    return ok
  }
}

/** Characters allowed inside `[[…]]`: anything on one line except brackets. */
function isTextCode(code: Code): boolean {
  return code !== null && code !== leftBracket && code !== rightBracket && !markdownLineEnding(code)
}

/** mdast-util-from-markdown extension that turns wikilink tokens into `wikiLink` nodes. */
export function wikiLinkFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      wikiLink(this: CompileContext, token: Token) {
        const node: WikiLink = { type: 'wikiLink', value: '', label: undefined, embed: this.sliceSerialize(token).startsWith('!') }
        this.enter(node, token)
      },
    },
    exit: {
      wikiLinkTarget(this: CompileContext, token: Token) {
        // In a table cell the `|` must be escaped (`[[note\|label]]`, `![[figure.png\|600]]`); the `\` is not part of the target.
        current(this).value = this.sliceSerialize(token).replace(/\\$/, '').trim()
      },
      wikiLinkLabel(this: CompileContext, token: Token) {
        current(this).label = this.sliceSerialize(token).trim()
      },
      wikiLink(this: CompileContext, token: Token) {
        this.exit(token)
      },
    },
  }
}

function current(context: CompileContext): WikiLink {
  return context.stack[context.stack.length - 1] as unknown as WikiLink
}
