// quire's only script: the copy button of the research prompt.
// Without JavaScript the prompt is still a <pre> a reader can select.
for (const button of document.querySelectorAll('button[data-copy-target]')) {
  const source = document.getElementById(button.dataset.copyTarget)
  const status = document.getElementById(button.dataset.copyStatus)
  if (!source) continue
  button.hidden = false
  button.addEventListener('click', async () => {
    const text = source.textContent
    try {
      await navigator.clipboard.writeText(text)
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
  })
}

function announce(status, message) {
  if (!status) return
  // Clear first so the same message is announced again on a second click.
  status.textContent = ''
  setTimeout(() => {
    status.textContent = message
  }, 50)
}
