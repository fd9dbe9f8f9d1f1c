/**
 * The dependency rules of ARCHITECTURE.md, checked by `npm run lint` (depcruise). No exceptions per
 * folder: a rule that needs one is a design problem to solve, not to waive.
 */
const FEATURES = 'submissions|reminders|meetings|products|reports|roster|housekeeping|spreadsheets';
const SHARED = 'conversation|forms|db|domain|notify|messages|config|calendar|files|render|support';

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'No import loops anywhere.', from: {}, to: { circular: true } },
    {
      name: 'composition-root-on-top',
      severity: 'error',
      comment: 'app/ assembles everything; nothing imports it.',
      from: { pathNot: '^app/' },
      to: { path: '^app/' },
    },
    {
      name: 'core-is-platform-neutral',
      severity: 'error',
      comment: 'src/ never imports an adapter, a job, the composition root or a platform SDK.',
      from: { path: '^src/' },
      to: { path: ['^adapters/', '^jobs/', '^app/', 'node_modules/(@slack|botbuilder[^/]*|@microsoft|express|node-cron)/'] },
    },
    {
      name: 'adapters-only-use-the-core',
      severity: 'error',
      comment: 'An adapter uses src/ and its own folder (and the shared adapters/component.ts), never another adapter, a job or app/.',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: ['^adapters/$1/', '^adapters/component\\.ts$'] },
    },
    {
      name: 'jobs-only-use-the-core',
      severity: 'error',
      from: { path: '^jobs/' },
      to: { path: ['^adapters/', '^app/'] },
    },
    {
      name: 'node-cron-in-the-scheduler-only',
      severity: 'error',
      from: { pathNot: '^jobs/scheduler\\.ts$' },
      to: { path: 'node_modules/node-cron/' },
    },
    {
      name: 'slack-sdk-in-the-slack-adapter-only',
      severity: 'error',
      from: { pathNot: '^adapters/slack/' },
      to: { path: 'node_modules/@slack/' },
    },
    {
      name: 'teams-sdk-in-the-teams-adapter-only',
      severity: 'error',
      from: { pathNot: '^adapters/teams/' },
      to: { path: 'node_modules/(botbuilder[^/]*|@microsoft)/' },
    },
    {
      name: 'mongoose-models-in-db-only',
      severity: 'error',
      comment: 'Only repositories use mongoose and the models; the rest of the code gets plain objects from them (types may be imported).',
      from: { pathNot: '^src/db/' },
      to: { path: ['^src/db/models/', 'node_modules/mongoose/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'features-keep-to-themselves',
      severity: 'error',
      comment: "A feature uses the shared layers, never another feature's internals (its module API comes through the core).",
      from: { path: `^src/(${FEATURES})/` },
      to: { path: `^src/(${FEATURES})/`, pathNot: '^src/$1/' },
    },
    {
      name: 'shared-layers-below-features',
      severity: 'error',
      comment: 'The shared layers never import a feature or the core that assembles them.',
      from: { path: `^src/(${SHARED})/` },
      to: { path: [`^src/(${FEATURES})/`, '^src/core\\.ts$', '^src/modules\\.ts$'] },
    },
    {
      name: 'db-below-the-conversation',
      severity: 'error',
      comment: 'The database layer knows the domain, the configuration and support code only.',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: ['^src/db/', '^src/domain/', '^src/config', '^src/support/', '^src/errors\\.ts$'] },
    },
    {
      name: 'domain-at-the-bottom',
      severity: 'error',
      comment: 'The domain uses the vocabulary and nothing else of ours.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/config/vocabulary\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/', '^\\.cache/', '^tools/', '^adapters/console/public/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
