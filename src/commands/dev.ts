/**
 * `quire dev`: build, serve on 127.0.0.1, rebuild on every change, reload
 * the browser. Runs until interrupted (Ctrl-C), then frees its port.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { startDevSession } from '../dev/dev-session.js'
import { oneLine } from '../diagnostics.js'
import { cacheFolderName } from '../build/cache-folder.js'
import { exitCode, type CommandIO, type ExitCode } from './io.js'

/** Options of `quire dev`. */
export interface DevCommandOptions {
  readonly notesDir: string
  readonly port: number
  readonly host: string
  readonly open: boolean
  readonly base: string | undefined
  readonly title: string | undefined
  readonly strict: boolean
}

/** Run the dev server until `stop` resolves (by default: SIGINT or SIGTERM). */
export async function devCommand(options: DevCommandOptions, io: CommandIO, stop: Promise<unknown> = interrupted()): Promise<ExitCode> {
  const session = await startDevSession({
    notesDir: path.resolve(io.cwd, options.notesDir),
    host: options.host,
    port: options.port,
    base: options.base,
    title: options.title,
    strict: options.strict,
    cwd: io.cwd,
    // The cache `quire build` keeps in the same working folder.
    cacheDir: path.join(io.cwd, cacheFolderName),
    // A log line may name files and quote notes: each stays one line.
    log: (line) => io.stderr(oneLine(line) + '\n'),
  })
  io.stderr(`quire dev: serving ${session.url} (watching ${oneLine(options.notesDir)}; Ctrl-C to stop)\n`)
  if (options.port !== 0 && session.port !== options.port) io.stderr(`quire dev: port ${options.port} was taken, so ${session.port} is used\n`)
  if (options.open) openBrowser(session.url)
  await stop
  await session.close()
  io.stderr('quire dev: stopped\n')
  return exitCode.ok
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done)
      process.off('SIGTERM', done)
      resolve()
    }
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  const child = spawn(command, [url], { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}
