/**
 * The shape of quire's source, checked in CI (`npm run depcheck`).
 *
 * The pipeline runs load → parse → graph → check → render → emit. A stage
 * may use the stages before it, never one after it; the content model
 * (src/model.ts) and the small shared helpers depend on no stage; only the
 * executor (src/build/) knows worker threads; the stages neither read nor
 * write files (load reads, emit writes). Known breaches still being worked
 * off are listed in .dependency-cruiser-known-violations.json, so that a new
 * breach fails CI while the old ones are visible until they are gone.
 */
const stages = ['load', 'parse', 'graph', 'check', 'render', 'emit']
const later = (stage) => stages.slice(stages.indexOf(stage) + 1)
const outer = ['build', 'cache', 'dev', 'commands', 'import']

/** `src/<stage>/` may not import a later stage or the outer layers. */
const forward = stages.map((stage) => ({
  name: `${stage}-not-forward`,
  comment: `${stage} runs before ${later(stage).join(', ') || 'nothing'}: it may not import them, nor the executor, the cache, the dev server or the commands`,
  severity: 'error',
  from: { path: `^src/${stage}/` },
  to: { path: `^src/(${[...later(stage), ...outer].join('|')})/` },
}))

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules import each other in a circle: split out what both need',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...forward,
    {
      name: 'model-depends-on-no-stage',
      comment: 'The content model is the vocabulary every stage shares: it may not depend on one',
      severity: 'error',
      from: { path: '^src/model\\.ts$' },
      to: { path: `^src/(${[...stages, ...outer].join('|')})/` },
    },
    {
      name: 'threads-only-in-build',
      comment: 'Only the executor (src/build/) decides what runs on which thread',
      severity: 'error',
      from: { pathNot: '^src/build/' },
      to: { path: '^(node:)?worker_threads$', dependencyTypes: ['core'] },
    },
    {
      name: 'pure-stages-do-not-touch-files',
      comment: 'parse, graph, check and render are pure: files are read by load and written by emit',
      severity: 'error',
      from: { path: '^src/(parse|graph|check|render)/' },
      to: { path: '^(node:)?fs(/promises)?$', dependencyTypes: ['core'] },
    },
    {
      name: 'render-reads-no-files',
      comment:
        "render gets quire's shipped files (assets, drawing libraries, the search tokenizer) as a value the executor hands it; it may name load's types, never call it",
      severity: 'error',
      from: { path: '^src/render/' },
      to: { path: '^src/load/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'one-pipeline',
      comment:
        'Every build runs the one pipeline (src/build/pipeline.ts): outside the executor, the analysis of a site is reached through it, never called on its own',
      severity: 'error',
      from: { pathNot: '^src/build/' },
      to: { path: '^src/build/site-build\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'templates-are-leaves',
      comment: 'Templates turn props into markup; they import only other templates and libraries',
      severity: 'error',
      from: { path: '^templates/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|test)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
    moduleSystems: ['es6', 'cjs'],
  },
}
