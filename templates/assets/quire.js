// The copy button of the research prompt (search and previews have files of their own).
// Without JavaScript the button stays hidden and the prompt is still a
// <pre> a reader can select. Clicks are handled on the document, so the
// button keeps working when `quire dev` swaps the page in place.
function revealCopyButtons() {
  for (const button of document.querySelectorAll('button[data-copy-target][hidden]')) button.hidden = false
}

async function copyPrompt(button) {
  const source = document.getElementById(button.dataset.copyTarget)
  const status = document.getElementById(button.dataset.copyStatus)
  if (!source) return
  try {
    await navigator.clipboard.writeText(source.textContent)
    announce(status, 'Prompt copied to the clipboard.')
  } catch {
    const details = source.closest('details')
    if (details) details.open = true
    const range = document.createRange()
    range.selectNodeContents(source)
    const selection = window.getSelection()
    selection.removeAllRanges()
    selection.addRange(range)
    announce(status, 'Copying is blocked here: the prompt is selected, press Ctrl+C (⌘C) to copy it.')
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
