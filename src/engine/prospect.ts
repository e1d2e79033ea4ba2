import { RejectionReason } from '../leads/fields.js';
import { Categorical, compileDistribution, type Sampler } from '../random/distributions.js';
import type { Prospect } from '../scenario/schema/prospect.js';
import { KnotCurve } from './curve.js';

const logit = (p: number): number => Math.log(p / (1 - p));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * The buyer's side: whether an attempt reaches the lead, and how a contacted lead moves down the funnel.
 * Speed enters twice, as the seeds describe: contact odds fall with the delay since the hand-raise, and
 * qualification odds fall with the delay of the first touch. Lead quality is hidden from the policies.
 */
export class ProspectModel {
  readonly reachDelay: KnotCurve;
  readonly sqlDelay: KnotCurve;
  private readonly logBaseReach: number;
  private readonly logAttempt: Float64Array;
  private readonly acceptLogit: number;
  private readonly sqlLogit: number;
  private readonly opportunityLogit: number;
  private readonly wonLogit: number;
  readonly reasons: Categorical<string>;
  readonly patience: Sampler | null;
  readonly sqlDays: Sampler;
  readonly opportunityDays: Sampler;
  readonly salesCycleDays: Sampler;

  constructor(readonly config: Prospect) {
    this.reachDelay = new KnotCurve(config.reach.delayOdds);
    this.sqlDelay = new KnotCurve(config.funnel.sqlDelayOdds);
    this.logBaseReach = Math.log(config.reach.baseOdds);
    this.logAttempt = Float64Array.from(config.reach.attemptOdds, Math.log);
    this.acceptLogit = logit(config.funnel.accept.base);
    this.sqlLogit = logit(config.funnel.sql.base);
    this.opportunityLogit = logit(config.funnel.opportunity.base);
    this.wonLogit = logit(config.funnel.won.base);
    const reasonNames = RejectionReason.options.filter((reason) => (config.rejectionReasons[reason] ?? 0) > 0);
    this.reasons = new Categorical(reasonNames, reasonNames.map((reason) => config.rejectionReasons[reason]!));
    this.patience = config.patience === null ? null : compileDistribution(config.patience);
    this.sqlDays = compileDistribution(config.sqlDays);
    this.opportunityDays = compileDistribution(config.opportunityDays);
    this.salesCycleDays = compileDistribution(config.salesCycleDays);
  }

  /** P(attempt reaches the lead) given minutes since the hand-raise, attempt number (1-based) and quality. */
  reachProbability(delayMinutes: number, attempt: number, quality: number): number {
    const attempts = this.logAttempt;
    const logAttempt = attempts[Math.min(attempt, attempts.length) - 1]!;
    return logistic(this.logBaseReach + this.reachDelay.logAt(delayMinutes) + logAttempt + this.config.reach.qualitySlope * quality);
  }

  // Single-entry memos of the quality-only stages: consecutive leads often share a quality (e.g. bare arrivals).
  private readonly acceptMemo = new QualityMemo();
  private readonly opportunityMemo = new QualityMemo();
  private readonly wonMemo = new QualityMemo();

  acceptProbability(quality: number): number {
    return this.acceptMemo.get(quality, this.acceptLogit, this.config.funnel.accept.slope);
  }

  /** SAL -> SQL, with the speed penalty of the first touch and the recycle penalty. */
  sqlProbability(quality: number, firstTouchDelayMinutes: number, recycled: boolean): number {
    const p = logistic(this.sqlLogit + this.config.funnel.sql.slope * quality + this.sqlDelay.logAt(firstTouchDelayMinutes));
    return recycled ? p * this.config.recycledConversion : p;
  }

  opportunityProbability(quality: number): number {
    return this.opportunityMemo.get(quality, this.opportunityLogit, this.config.funnel.opportunity.slope);
  }

  wonProbability(quality: number): number {
    return this.wonMemo.get(quality, this.wonLogit, this.config.funnel.won.slope);
  }

  /** Index (in reasons.items) of the picklist reason for a contacted lead that Sales rejects. */
  rejectionReason(u: number): number {
    return this.reasons.pick(u);
  }
}

/** logistic(intercept + slope x quality), remembering the last quality asked for. */
class QualityMemo {
  private quality = NaN;
  private value = 0;

  get(quality: number, intercept: number, slope: number): number {
    if (quality !== this.quality) {
      this.quality = quality;
      this.value = logistic(intercept + slope * quality);
    }
    return this.value;
  }
}
