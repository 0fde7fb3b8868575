// The copy buttons of the research prompt and of the page's Markdown (search,
// previews and the colour theme have files of their own).
// Without JavaScript the button stays hidden and the prompt is still a
// <pre> a reader can select. Clicks are handled on the document, so the
// button keeps working when `quire dev` swaps the page in place.
function revealCopyButtons() {
  for (const button of document.querySelectorAll('button[data-copy-target][hidden], button[data-copy-markdown][hidden]')) button.hidden = false
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
