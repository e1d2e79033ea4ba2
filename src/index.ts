/**
 * handoff-sim's public API. The CLI (src/cli) is a thin shell over these; everything else is internal.
 */

// Scenario files: schema, loading with field-level errors, JSON Schema.
export { Scenario, type ScenarioInput } from './scenario/schema/scenario.js';
export { Cadence, Policy, Recycle, Routing, Scoring, Sla, Tier, Tiers } from './scenario/schema/policy.js';
export { Source } from './scenario/schema/source.js';
export { Distribution } from './scenario/schema/distribution.js';
export { loadScenarioFile, parseScenarioText, scenarioHash, type LoadedScenario } from './scenario/load.js';
export { withSeed } from './scenario/withSeed.js';
export { scenarioJsonSchema, mappingJsonSchema } from './scenario/jsonSchema.js';
export { InputError, UsageError, type Problem } from './errors.js';

// Policies: the plugin interface, the built-ins, and batch scoring over columns.
export type { CadencePolicy, LeadView, PolicySet, RoutingPolicy, ScoreResult, ScoringPolicy, SlaClock, SlaPolicy } from './policies/types.js';
export { buildPolicySet } from './policies/registry.js';
export { Rubric } from './policies/rubric.js';
export { rubricScoring } from './policies/scoring.js';
export { tierRouting } from './policies/routing.js';
export { targetSla } from './policies/sla.js';
export { spacedCadence } from './policies/cadence.js';
export { scoreBatch, type BatchScores, type SignalColumns } from './policies/batchScoring.js';
// Column and bit order of lead signals and forms (a LeadView's formIndex and signal bits, scoreBatch's columns).
export { FIT_SIGNALS, FORM_TYPES, INTENT_SIGNALS, SIGNALS, signalBit } from './leads/fields.js';

// One replication, and studies of many on worker threads.
export { HandoffSimulation, type SimulationInput, type TraceEvent } from './engine/simulation.js';
export { World } from './engine/world.js';
export { INLINING_BUDGET, raiseInliningBudget } from './engine/inliningBudget.js';
export type { FeedRecord, LeadFeed } from './leads/feed.js';
export { runReplication, type ReplicationOptions } from './experiment/runReplication.js';
export { runStudy, PRECISION_METRICS, type StudyRun, type StudyRunOptions } from './experiment/study.js';
export { runStudyInProcess, summarize, StudySummary, type Study } from './experiment/simulate.js';
export { SimulateJson, simulateJson } from './report/json.js';
export { summarizePolicy, policyDeltas, PolicySummary, PolicyDeltas, HEADLINE_METRICS } from './experiment/aggregate.js';
export { meanInterval, pairedDifference, verdictOf } from './experiment/statistics.js';
export { firstTouchLoad, loadWarnings } from './experiment/loadCheck.js';

// Metrics: per-replication results, the methodology's formulas and bands.
export { ReplicationResult } from './metrics/result.js';
export { deriveMetrics, flattenMetrics, Metrics } from './metrics/derive.js';
export { BAND_RULES, bandOf, type Band } from './metrics/bands.js';
export { fractionWithin } from './metrics/within.js';

// Textbook queueing: Erlang C / A and staffing formulas.
export { erlangA, erlangB, erlangC } from './experiment/erlang.js';
export { erlangCurve, halfinWhittBeta, squareRootStaffing, staffErlangA, staffErlangC } from './experiment/staffingFormulas.js';

// Planning tools: staffing search, parameter sweeps, CRM exports.
export { runStaffing } from './experiment/staffing.js';
export { planSweep, runSweep, SweepJson, type SweepPlan, type SweepRequest } from './experiment/sweep.js';
export { Mapping } from './leads/replay/mapping.js';
export { readExport } from './leads/replay/readExport.js';
export { runReplay } from './leads/replay/replayStudy.js';
export { calibrate } from './experiment/calibrate.js';
export { backtest } from './experiment/backtest.js';
export { generateLeads, generatedCsv, generatedJsonl } from './leads/generate.js';

// Reports: tables, charts, the results folder.
export { summaryTable } from './report/summaryTable.js';
export { deltaTable } from './report/deltaTable.js';
export { reportFiles } from './report/reportFiles.js';
export { renderSvg } from './report/renderSvg.js';
export { writeStudyResults } from './report/writeResults.js';
