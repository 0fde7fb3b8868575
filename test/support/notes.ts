/**
 * Helpers for tests that need a notes folder on disk.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { CommandIO } from '../../src/commands/io.js'

/** Write `files` (relative path → text) into a fresh temporary folder; returns its path. */
export async function notesFolder(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'quire-test-'))
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, 'notes', name)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, text)
  }
  return root
}

/** A command IO that records what was printed. */
export function recordingIO(cwd: string): CommandIO & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    cwd,
    stdout: (text) => {
      out += text
    },
    stderr: (text) => {
      err += text
    },
    out: () => out,
    err: () => err,
  }
}

/** A note's Markdown with front matter. */
export function note(title: string, summary: string, body = '', extra = ''): string {
  return `---\ntitle: ${JSON.stringify(title)}\nsummary: ${JSON.stringify(summary)}\n${extra}---\n${body}`
}
