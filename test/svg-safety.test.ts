/**
 * SVG attachments: only drawings are published. Each hostile SVG below
 * would run script (or load from elsewhere) when opened on the site, and
 * most of them got past the old pattern block-list; each ordinary SVG
 * (charts, editor files) must still be published. And the site ships a
 * `_headers` file, so hosts that read it serve every file (an SVG opened
 * on its own too) with the pages' Content-Security-Policy.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../templates/layout.js'
import { run } from '../src/cli.js'
import { deepestSvg, largestSvg, svgSafety, unsafeCss } from '../src/load/svg-safety.js'
import { headersText } from '../src/render/site-files/headers.js'
import { note, notesFolder, recordingIO } from './support/notes.js'

const svgNs = 'xmlns="http://www.w3.org/2000/svg"'
const xlinkNs = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
const svg = (inner: string, attributes = ''): string => `<svg ${svgNs} ${xlinkNs}${attributes} viewBox="0 0 10 10">${inner}</svg>`

/** Name, SVG, and what the refusal must mention. */
const hostile: [string, string, RegExp][] = [
  ['a script with a namespace prefix', `<svg ${svgNs}><s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>`, /<s:script> element/],
  ['a plain script', svg('<script>alert(1)</script>'), /<script> element/],
  [
    'an entity that expands to <script>',
    `<!DOCTYPE svg [<!ENTITY e "&#60;script&#62;alert(1)&#60;/script&#62;">]>\n<svg ${svgNs}>&e;</svg>`,
    /DOCTYPE that declares entities/,
  ],
  ['a DOCTYPE naming an outside DTD', `<!DOCTYPE svg SYSTEM "https://example.com/evil.dtd">\n<svg ${svgNs}/>`, /DOCTYPE other than the W3C SVG one/],
  ['an entity reference with no DOCTYPE', `<svg ${svgNs}>&nbsp;</svg>`, /does not parse \(undefined entity\)/],
  [
    'xlink:href to javascript:',
    svg('<a xlink:href="java&#x73;cript:alert(1)"><rect width="5" height="5"/></a>'),
    /xlink:href="javascript:alert\(1\)".*link to something other than a #fragment/,
  ],
  ['a link to another site', svg('<a href="https://example.com/"><text>click</text></a>'), /href="https:\/\/example\.com\/"/],
  ['an image from another site', svg('<image href="http://example.com/x.png" width="5" height="5"/>'), /data: PNG, JPEG, GIF or WebP image/],
  ['an SVG image in a data: URL', svg('<image href="data:image/svg+xml;base64,PHN2Zy8+" width="5" height="5"/>'), /<image>/],
  ['a use of another file', svg('<use href="other.svg#x"/>'), /href="other\.svg#x" on <use>/],
  ['onload with a namespace prefix', `<svg ${svgNs} xmlns:e="http://example.com/e" e:onload="alert(1)"/>`, /e:onload=.*event handler/],
  ['onload with no prefix', svg('<rect onclick="alert(1)"/>'), /onclick=.*event handler/],
  [
    'a foreignObject with a prefix',
    `<svg ${svgNs}><s:foreignObject xmlns:s="http://www.w3.org/2000/svg"><iframe xmlns="http://www.w3.org/1999/xhtml" src="x"/></s:foreignObject></svg>`,
    /<s:foreignObject> element/,
  ],
  [
    'an XHTML element',
    `<svg ${svgNs}><h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://example.com"/></svg>`,
    /<h:iframe> element of the namespace http:\/\/www\.w3\.org\/1999\/xhtml/,
  ],
  ['an embed', svg('<embed src="x.swf"/>'), /<embed> element, which is not one of the drawing elements/],
  [
    'an animation of href',
    svg('<a href="#a"><animate attributeName="href" values="java&#115;cript:alert(1)" begin="0s"/><text id="a">x</text></a>'),
    /javascript:|changes the attribute href/,
  ],
  [
    'an animation of xlink:href',
    svg('<a xlink:href="#a"><set attributeName="xlink:href" to="#b"/></a>'),
    /<set> element that changes the attribute xlink:href/,
  ],
  [
    'a set of onclick',
    svg('<rect width="5" height="5"><set attributeName="onclick" to="alert(1)"/></rect>'),
    /<set> element that changes the attribute onclick/,
  ],
  [
    'a style with url(http…)',
    svg('<style>rect { fill: url(http://example.com/track.svg#p) }</style><rect width="5" height="5"/>'),
    /<style> element with a url\(…\) to something other than a #fragment/,
  ],
  ['a style with @import', svg('<style>@import "https://example.com/x.css";</style>'), /<style> element with @import/],
  ['an @import split by a nested style', svg('<style>@import "https://example.com/x.css"<style>g{}</style>;</style>'), /<style> element with @import/],
  ['a style with an escaped url(', svg('<style>rect { background: u\\72l(https://example.com/x) }</style>'), /url\(…\)/],
  ['a style attribute with javascript:', svg('<rect style="fill: url(javascript:alert(1))"/>'), /style=.*javascript: address/],
  ['a style attribute with expression(', svg('<rect style="width: expression(alert(1))"/>'), /expression\(…\)/],
  [
    'a presentation attribute with an outside url(',
    svg('<rect fill="url(https://example.com/p.svg#g)"/>'),
    /fill=.*url\(…\) to something other than a #fragment/,
  ],
  ['an xml-stylesheet instruction', `<?xml-stylesheet type="text/xsl" href="evil.xsl"?>\n<svg ${svgNs}/>`, /processing instruction <\?xml-stylesheet\?>/],
  ['malformed XML', `<svg ${svgNs}><rect></svg>`, /XML that does not parse/],
  ['an unclosed document', `<svg ${svgNs}><g>`, /XML that does not parse/],
  ['an unknown attribute', svg('<rect contentScriptType="text/ecmascript" width="1"/>'), /contentScriptType=.*not one of the drawing attributes/],
  ['xml:base', svg('<g xml:base="https://example.com/"/>'), /xml:base=/],
  ['an svg with no namespace', '<svg><rect/></svg>', /no xmlns="http:\/\/www\.w3\.org\/2000\/svg"/],
  ['HTML as the root', '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', /root element <html>/],
  ['not UTF-8', '\u00ff', /not UTF-8/],
  ['a declared UTF-16 encoding', `<?xml version="1.0" encoding="UTF-16"?><svg ${svgNs}/>`, /declared encoding UTF-16/],
  ['nesting past the limit', `<svg ${svgNs}>${'<g>'.repeat(deepestSvg)}${'</g>'.repeat(deepestSvg)}</svg>`, new RegExp(`nested more than ${deepestSvg} deep`)],
  ['an empty file', '', /does not parse|no root element/],
]

const chart = `<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="460.8pt" height="345.6pt" viewBox="0 0 460.8 345.6" xmlns="http://www.w3.org/2000/svg" version="1.1">
 <metadata>
  <rdf:RDF xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
   <cc:Work>
    <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/>
    <dc:date>2025-01-01T00:00:00</dc:date>
    <dc:format>image/svg+xml</dc:format>
    <dc:creator><cc:Agent><dc:title>Matplotlib v3.9, https://matplotlib.org/</dc:title></cc:Agent></dc:creator>
   </cc:Work>
  </rdf:RDF>
 </metadata>
 <defs>
  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>
  <linearGradient id="fade" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#36c"/><stop offset="1" stop-color="#36c" stop-opacity="0"/></linearGradient>
  <clipPath id="p1"><rect x="57.6" y="41.47" width="357.12" height="266.112"/></clipPath>
  <path id="m1" d="M 0 0 L 0 3.5" style="stroke: #000000; stroke-width: 0.8"/>
 </defs>
 <g id="figure_1">
  <path d="M 57.6 307.584 L 414.72 307.584 L 414.72 41.472 Z" clip-path="url(#p1)" style="fill: url(#fade); fill-opacity: 0.8"/>
  <use xlink:href="#m1" x="73.833" y="307.584" style="stroke: #000000; stroke-width: 0.8"/>
  <use href="#m1" x="120" y="307.584"/>
  <text x="230" y="330" style="font: 10px sans-serif; text-anchor: middle" transform="rotate(0)">softmax temperature <tspan dy="-3" font-size="7">2</tspan> &amp; accuracy &#x2014; &lt;α&gt;</text>
  <circle cx="100" cy="100" r="3" fill="#d62728"><title>point (1, 2)</title></circle>
  <image width="4" height="4" xlink:href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="/>
  <filter id="blur"><feGaussianBlur stdDeviation="2"/><feOffset dx="1" dy="1" result="o"/><feMerge><feMergeNode in="o"/><feMergeNode in="SourceGraphic"/></feMerge></filter>
  <rect width="10" height="10" filter="url('#blur')"><animate attributeName="opacity" from="1" to="0.5" dur="2s" repeatCount="indefinite"/></rect>
  <![CDATA[ text in CDATA ]]>
  <!-- a comment -->
 </g>
</svg>
`

const inkscape = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->

<svg
   width="210mm"
   height="297mm"
   viewBox="0 0 210 297"
   version="1.1"
   id="svg5"
   inkscape:version="1.3 (0e150ed6c4, 2023-07-21)"
   sodipodi:docname="drawing.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg">
  <sodipodi:namedview
     id="namedview7"
     pagecolor="#ffffff"
     bordercolor="#666666"
     inkscape:showpageshadow="2"
     inkscape:zoom="0.72337262"
     inkscape:current-layer="layer1">
    <inkscape:page x="0" y="0" width="210" height="297" id="page2" />
  </sodipodi:namedview>
  <defs id="defs2">
    <inkscape:path-effect effect="spiro" id="path-effect1" is_visible="true" lpeversion="1" />
  </defs>
  <g inkscape:label="Layer 1 (image)" inkscape:groupmode="layer" id="layer1">
    <svg:ellipse
       style="fill:#ff0000;stroke:#000000;stroke-width:0.264583"
       id="path1" cx="60" cy="80" rx="30" ry="20"
       sodipodi:nodetypes="cc" />
  </g>
</svg>
`

const illustrator = `<?xml version="1.0" encoding="iso-8859-1"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
\t viewBox="0 0 100 100" style="enable-background:new 0 0 100 100;" xml:space="preserve">
<style type="text/css">
\t.st0{fill:#1D1D1B;}
\t.st1{font-family:'\\5FAE\\8F6F\\96C5\\9ED1';font-size:12px;}
</style>
<g id="Group_1" data-name="Group 1">
\t<polygon class="st0" points="50,5 95,95 5,95 "/>
\t<text transform="matrix(1 0 0 1 20 60)" class="st1">Label</text>
</g>
</svg>
`

/** Name and SVG of drawings that must be kept. */
const ordinary: [string, string][] = [
  ['a chart with paths, gradients, text, use and plain CSS (matplotlib-style)', chart],
  ['an Inkscape file with sodipodi: and inkscape: data', inkscape],
  ['an Illustrator file with data-name and an ASCII Latin-1 declaration', illustrator],
  ['a byte-order mark', `\ufeff<svg ${svgNs}><rect width="1" height="1"/></svg>`],
  ['a local link and an accessible label', svg('<a href="#part"><rect id="part" aria-label="Image (left)" role="img" width="5" height="5"/></a>')],
  [
    'an embedded SVG 1.1 font and editor text attributes',
    svg(
      '<defs><font id="f" horiz-adv-x="500"><font-face font-family="Hand" units-per-em="1000" ascent="800" descent="-200"/><missing-glyph horiz-adv-x="500" d="M0 0h500v700H0z"/><glyph unicode="a" glyph-name="a" horiz-adv-x="520" d="M10 0L260 700L510 0z"/><hkern u1="a" u2="a" k="20"/></font></defs><text x="5" y="20" font-family="Hand" text-align="center" line-height="1.2">a</text>',
    ),
  ],
  [
    'a marker and a pattern',
    svg(
      '<defs><marker id="arrow" markerWidth="4" markerHeight="4" refX="2" refY="2" orient="auto"><path d="M0,0 L4,2 L0,4 z"/></marker><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse"><line x1="0" y1="0" x2="4" y2="4" stroke="#000"/></pattern></defs><line x1="0" y1="0" x2="9" y2="9" marker-end="url(#arrow)" fill="url(&quot;#hatch&quot;)"/>',
    ),
  ],
]

describe('SVG allow-list', () => {
  it.each(hostile)('refuses %s', (_, text, mention) => {
    const verdict = svgSafety(new TextEncoder().encode(text))
    if (text === '\u00ff') return expect(svgSafety(new Uint8Array([0xff]))).toMatchObject({ safe: false, found: expect.stringMatching(mention) })
    expect(verdict.safe).toBe(false)
    expect(verdict.safe === false && verdict.found).toMatch(mention)
  })

  it.each(ordinary)('keeps %s', (_, text) => {
    expect(svgSafety(new TextEncoder().encode(text))).toEqual({ safe: true })
  })

  it('says where in the file it found the problem', () => {
    const text = `<svg ${svgNs}>\n  <g>\n    <path d="M0 0"/><s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>\n  </g>\n</svg>`
    expect(svgSafety(new TextEncoder().encode(text))).toEqual({ safe: false, found: 'a <s:script> element', at: { line: 3, column: 21 } })
    const doctype = `<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY e "x">\n]>\n<svg ${svgNs}>&e;</svg>`
    expect(svgSafety(new TextEncoder().encode(doctype))).toMatchObject({ at: { line: 2, column: 1 } })
    const attribute = `<svg ${svgNs}>\n<rect width="1"\n  onclick="alert(1)"/></svg>`
    expect(svgSafety(new TextEncoder().encode(attribute))).toMatchObject({ at: { line: 2, column: 1 } })
    const malformed = `<svg ${svgNs}>\n<g></svg>`
    expect(svgSafety(new TextEncoder().encode(malformed))).toMatchObject({ safe: false, at: { line: 2 } })
  })

  it('refuses a file too large to check, without parsing it', () => {
    const started = performance.now()
    expect(svgSafety(new Uint8Array(largestSvg + 1))).toMatchObject({ safe: false, found: expect.stringContaining('more than 16 MiB') })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('checks a large drawing in linear time', () => {
    const shape = '<rect x="1" y="1" width="2" height="2" style="fill:url(#g)"/>\n'
    // Time grows with the drawing, not with its square: four times the shapes may take
    // about four times as long, far less than the sixteen a quadratic check would. The
    // fastest of three runs of each size keeps a busy machine from deciding the ratio.
    const fastest = (count: number): number => {
      const bytes = new TextEncoder().encode(svg(shape.repeat(count)))
      let best = Infinity
      for (let run = 0; run < 3; run++) {
        const started = performance.now()
        expect(svgSafety(bytes)).toEqual({ safe: true })
        best = Math.min(best, performance.now() - started)
      }
      return best
    }
    expect(fastest(40_000) / fastest(10_000)).toBeLessThan(10)
    const late = svg(shape.repeat(40_000) + '<rect onclick="x"/>')
    expect(svgSafety(new TextEncoder().encode(late))).toMatchObject({ safe: false, at: { line: 40_001 } })
  })

  it('reads CSS as a browser would: comments and escapes do not hide a url(…)', () => {
    expect(unsafeCss('fill: url(#a); stroke: url( "#b" )')).toBeUndefined()
    expect(unsafeCss('font-family: "\\5FAE\\8F6F"')).toBeUndefined()
    expect(unsafeCss('fill: url(/*x*/https://e.com)')).toMatch(/url/)
    expect(unsafeCss('fill: \\75 rl(https://e.com)')).toMatch(/url/)
    expect(unsafeCss('fill: URL(https://e.com)')).toMatch(/url/)
    expect(unsafeCss('background-image: image-set("https://e.com/x.png" 1x)')).toMatch(/image/)
    expect(unsafeCss('@IMPORT url(#a)')).toBe('@import')
    expect(unsafeCss('x: java\nscript:alert(1)')).toMatch(/javascript/)
  })
})

describe('SVG attachments in a build', () => {
  it('refuses a hostile SVG a note embeds, publishes a safe one, and says what to do', async () => {
    const hostileFiles = Object.fromEntries(hostile.slice(0, 13).map(([, text], i) => [`img/bad-${i}.svg`, text]))
    const embeds = Object.keys(hostileFiles).map((file) => `![[${file}]]`)
    const root = await notesFolder({
      'a.md': note('A', 'A.', `${embeds.join('\n\n')}\n\n![[img/huge.svg]] ![[img/chart.svg]] ![[img/inkscape.svg]]\n`),
      ...hostileFiles,
      'img/huge.svg': `<svg ${svgNs}>${' '.repeat(largestSvg)}</svg>`,
      'img/chart.svg': chart,
      'img/inkscape.svg': inkscape,
    })
    const io = recordingIO(root)
    // The build goes on without them: a refused file is left out and its embed shows as missing.
    expect(await run(['check'], io)).toBe(0)
    const refused = io
      .err()
      .split('\n')
      .filter((line) => line.includes('[unsafe-attachment]'))
    expect(refused).toHaveLength(embeds.length + 1)
    expect(refused.at(-1)).toContain(
      'names img/huge.svg, which quire does not publish (the page shows it as missing): this SVG has more than 16 MiB, more than quire reads to check it.',
    )
    expect(refused[0]).toMatch(
      /^notes\/a\.md:5:1: warning: Embed !\[\[img\/bad-0\.svg\]\] names img\/bad-0\.svg, which quire does not publish \(the page shows it as missing\): this SVG has a <s:script> element \(line 1, column 41 of the SVG\)\. .*Export it again without script.*or as PNG\)\. \[unsafe-attachment\]$/,
    )
    expect(io.err()).not.toMatch(/chart\.svg|inkscape\.svg/)
    expect(await run(['build', '--strict'], recordingIO(root))).toBe(1)
    expect(await run(['build'], recordingIO(root))).toBe(0)
    expect((await readdir(path.join(root, 'site', 'img'))).sort()).toEqual(['chart.svg', 'inkscape.svg'])
    const page = await readFile(path.join(root, 'site', 'a', 'index.html'), 'utf8')
    expect(page).toContain('<span class="missing-file">Missing image: img/bad-0.svg</span>')
    expect(page).not.toMatch(/<img[^>]*bad-0/)

    // Without the hostile embeds the build succeeds: the safe drawings are published byte for byte, the hostile files are not.
    const safe = await notesFolder({
      'a.md': note('A', 'A.', '![[img/chart.svg]] ![[img/inkscape.svg]]\n'),
      ...hostileFiles,
      'img/chart.svg': chart,
      'img/inkscape.svg': inkscape,
    })
    expect(await run(['build'], recordingIO(safe))).toBe(0)
    expect(await readFile(path.join(safe, 'site', 'img', 'chart.svg'), 'utf8')).toBe(chart)
    expect(await readFile(path.join(safe, 'site', 'img', 'inkscape.svg'), 'utf8')).toBe(inkscape)
    expect((await readdir(path.join(safe, 'site', 'img'))).sort()).toEqual(['chart.svg', 'inkscape.svg'])
  })
})

describe('the _headers file', () => {
  it("gives every file of the site the pages' Content-Security-Policy as a header, and nosniff", async () => {
    const root = await notesFolder({ 'a.md': note('A', 'A.') })
    expect(await run(['build'], recordingIO(root))).toBe(0)
    const headers = await readFile(path.join(root, 'site', '_headers'), 'utf8')
    expect(headers).toBe(
      `# HTTP headers for every file of this site (Netlify and Cloudflare Pages read this file). Written by quire build.\n/*\n  Content-Security-Policy: ${contentSecurityPolicy}\n  X-Content-Type-Options: nosniff\n`,
    )
    // The same policy as the pages' meta tag, which the header repeats.
    const page = await readFile(path.join(root, 'site', 'a', 'index.html'), 'utf8')
    expect(page).toContain(`http-equiv="Content-Security-Policy" content="${contentSecurityPolicy.replaceAll("'", '&#x27;')}"`)
    expect(await run(['build', '--base', '/my notes/'], recordingIO(root))).toBe(0)
    expect((await readFile(path.join(root, 'site', '_headers'), 'utf8')).split('\n')[1]).toBe('/my%20notes/*')
    // docs/deploy.md gives hosts the exact value.
    expect(await readFile(path.join(import.meta.dirname, '..', 'docs', 'deploy.md'), 'utf8')).toContain(
      `\nContent-Security-Policy: ${contentSecurityPolicy}\nX-Content-Type-Options: nosniff\n`,
    )
  })

  it('is the same for the same settings, and a file of the notes folder cannot take its place', async () => {
    expect(headersText({ base: '/' })).toBe(headersText({ base: '/' }))
    // A name without an extension is never an attachment, so a note cannot publish its own `_headers`.
    const root = await notesFolder({ 'a.md': note('A', 'A.', '[settings](_headers)\n'), _headers: '/*\n  Content-Security-Policy: script-src *\n' })
    expect(await run(['build'], recordingIO(root))).toBe(0)
    expect(await readFile(path.join(root, 'site', '_headers'), 'utf8')).toBe(headersText({ base: '/' }))
  })
})
