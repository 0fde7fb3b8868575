/**
 * Whether a site was restyled since its last build: another config, base
 * or title makes every page change, so the build parses every note again
 * in the worker threads (which draft the bodies as they go) instead of
 * leaving every body to the main thread.
 */
import { describe, expect, it } from 'vitest'
import { restyled, settingsKey, type SiteRecord, type SiteSettings } from '../src/build/site-record.js'

const day = { year: 2026, month: 12, day: 7 }
const settings = (over: Partial<SiteSettings> = {}): string =>
  settingsKey({ cwd: '/x', base: undefined, title: undefined, strict: false, buildDate: day, gitDates: true, ...over })

const record = (config: string, settingsText: string): SiteRecord => ({
  key: 'k',
  inputs: { settings: settingsText, config, history: null, folders: [], files: [] },
  library: '',
  diagnostics: [],
  fileCount: 0,
  pageCount: 0,
  base: '/',
  output: { dir: '/out', files: [], folders: [], marker: '' },
})

describe('a restyled site', () => {
  it('is one whose config file, or base or title on the command line, changed', () => {
    const before = record('config-1', settings())
    expect(restyled(before, 'config-1', settings())).toBe(false)
    expect(restyled(before, 'config-2', settings())).toBe(true)
    expect(restyled(before, 'config-1', settings({ title: 'Another' }))).toBe(true)
    expect(restyled(before, 'config-1', settings({ base: '/sub/' }))).toBe(true)
  })

  it('is not one built on another day or with --strict: most pages stay as they were', () => {
    const before = record('config-1', settings())
    expect(restyled(before, 'config-1', settings({ buildDate: { ...day, day: 8 } }))).toBe(false)
    expect(restyled(before, 'config-1', settings({ strict: true }))).toBe(false)
  })
})
