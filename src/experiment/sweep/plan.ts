import { UsageError, type Problem } from '../../errors.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { withSeed } from '../simulate.js';
import { describeValues } from './best.js';
import { gridPoints, parseParam } from './grid.js';
import { materializePoint } from './materialize.js';
import { SWEEP_METRICS } from './metrics.js';
import { parseConstraint, parseObjective, type Constraint, type Objective } from './objective.js';
import { measuredPolicy, resolveParameters, type SweepParameter } from './params.js';

/** What the user asked for, as strings from the command line (or a caller of the library). */
export interface SweepRequest {
  /** `path=from..to:step` or `path=v1,v2,...`, one or two. */
  params: string[];
  policy?: string;
  maximize?: string;
  minimize?: string;
  /** `metric>=value` constraints on the means. */
  require?: string[];
  replications?: number;
  seed?: number;
}

export interface PlannedPoint {
  index: number;
  values: Record<string, number>;
  /** The point's full scenario as JSON text, validated. */
  text: string;
}

/** A checked sweep, ready to run: every point's scenario is already validated. */
export interface SweepPlan {
  loaded: LoadedScenario;
  policy: string;
  replications: number;
  parameters: SweepParameter[];
  objective: Objective | null;
  constraints: Constraint[];
  metrics: string[];
  points: PlannedPoint[];
  /** Warnings some points have and the original scenario does not, with the point they come from. */
  warnings: { values: string; warning: Problem }[];
}

/** Parses and checks every flag and every grid point before anything runs, so mistakes cost no simulation time. */
export function planSweep(source: LoadedScenario, request: SweepRequest): SweepPlan {
  const loaded = withSeed(source, request.seed);
  const { scenario } = loaded;
  const parameters = resolveParameters(scenario, request.params.map(parseParam));
  const policy = measuredPolicy(scenario, parameters, request.policy);
  const objective = parseObjective(request.maximize, request.minimize, scenario, policy);
  const constraints = (request.require ?? []).map((text) => parseConstraint(text, scenario, policy));
  const replications = request.replications ?? scenario.replications;
  if (!Number.isInteger(replications) || replications < 1) throw new UsageError(`--replications must be a whole number >= 1 (got ${replications})`);
  const metrics = [...new Set<string>([...SWEEP_METRICS, ...(objective === null ? [] : [objective.metric]), ...constraints.map((constraint) => constraint.metric)])];
  const warnings: SweepPlan['warnings'] = [];
  const points = gridPoints(parameters.map((parameter) => parameter.values)).map((combination, index) => {
    const values = Object.fromEntries(parameters.map((parameter, i) => [parameter.path, combination[i]!]));
    const { text, newWarnings } = materializePoint(loaded, values);
    for (const warning of newWarnings) warnings.push({ values: describeValues(values), warning });
    return { index, values, text };
  });
  return { loaded, policy, replications, parameters, objective, constraints, metrics, points, warnings };
}
