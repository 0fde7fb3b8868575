// The copy buttons of the research prompt and of the page's Markdown (search,
// previews and the colour theme have files of their own). The page shows
// the prompt formatted; its button copies the Markdown, kept in the
// prompt's `data-markdown` (the bytes of prompt.md). Without JavaScript the
// buttons stay hidden, the formatted prompt can be selected and prompt.md
// downloaded. Clicks are handled on the document, so the
// button keeps working when `quire dev` swaps the page in place.
function revealCopyButtons() {
  for (const button of document.querySelectorAll('button[data-copy-target][hidden], button[data-copy-markdown][hidden]')) button.hidden = false
}

async function copyPrompt(button) {
  const source = document.getElementById(button.dataset.copyTarget)
  const status = document.getElementById(button.dataset.copyStatus)
  if (!source) return
  try {
    await navigator.clipboard.writeText(source.dataset.markdown ?? source.textContent)
    announce(status, 'Prompt copied to the clipboard.')
  } catch {
    const range = document.createRange()
    range.selectNodeContents(source)
    const selection = window.getSelection()
    selection.removeAllRanges()
    selection.addRange(range)
    announce(status, 'Copying is blocked here: the prompt is selected, press Ctrl+C (⌘C) to copy it, or download prompt.md.')
  }
}

function announce(status, message) {
  if (!status) return
  // Clear first so the same message is announced again on a second click.
  status.textContent = ''
  setTimeout(() => {
    status.textContent = message
  }, 50)
}

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-copy-target]') : null
  if (button) copyPrompt(button)
  const markdown = event.target instanceof Element ? event.target.closest('button[data-copy-markdown]') : null
  if (markdown) copyMarkdown(markdown)
})

// "Copy page as Markdown": copies the page's published Markdown (the file the
// link beside the button opens). The text is fetched inside the click, and
// handed to the clipboard as a promise where the browser allows it, so the
// copy keeps the click's permission however long the fetch takes.
async function copyMarkdown(button) {
  const status = button.parentElement.querySelector('.copy-status')
  const text = fetch(new URL(button.dataset.copyMarkdown, location.href)).then((response) => {
    if (!response.ok) throw new Error(`status ${response.status}`)
    return response.text()
  })
  try {
    try {
      await navigator.clipboard.write([new ClipboardItem({ 'text/plain': text.then((value) => new Blob([value], { type: 'text/plain' })) })])
    } catch {
      await navigator.clipboard.writeText(await text)
    }
    announce(status, 'Page copied as Markdown.')
  } catch {
    announce(status, 'Copying is blocked here: open “View as Markdown” and copy the text.')
  }
}
document.addEventListener('quire:page-swapped', revealCopyButtons)
revealCopyButtons()

// A link to a part of the prompt (the jump bar's Prompt and Claims, a
// source's claim numbers) opens the collapsed prompt first, so the jump
// lands on what it names. Chromium opens it on its own; this covers the rest.
function openTarget(hash) {
  if (!hash || hash.length < 2) return
  const target = document.getElementById(decodeURIComponent(hash.slice(1)))
  const details = target?.closest('details')
  if (!details || details.open) return
  details.open = true
  target.scrollIntoView()
}

window.addEventListener('hashchange', () => openTarget(location.hash))
openTarget(location.hash)

// Printing: the stylesheet shows a closed prompt where the browser supports
// ::details-content; elsewhere, open it for the print and close it again.
let openedForPrint = []
window.addEventListener('beforeprint', () => {
  openedForPrint = [...document.querySelectorAll('details.prompt:not([open])')]
  for (const details of openedForPrint) details.open = true
})
window.addEventListener('afterprint', () => {
  for (const details of openedForPrint) details.open = false
  openedForPrint = []
})
