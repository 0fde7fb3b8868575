// The copy button of the research prompt (search and previews have files of their own).
// The page shows the prompt formatted; the button copies its Markdown, kept
// in the prompt's `data-markdown` (the bytes of prompt.md). Without
// JavaScript the button stays hidden, the formatted prompt can be selected
// and prompt.md downloaded. Clicks are handled on the document, so the
// button keeps working when `quire dev` swaps the page in place.
function revealCopyButtons() {
  for (const button of document.querySelectorAll('button[data-copy-target][hidden]')) button.hidden = false
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
})
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
