/** One replayed lead: arrival time and attributes taken from a real export instead of the generators. */
export interface FeedRecord {
  /** Minutes since the simulation start. */
  minutes: number;
  /** Index of the scenario source (channel) the lead belongs to. */
  source: number;
  /** Index in FORM_TYPES. */
  form: number;
  /** Signal bits in the SIGNALS layout. */
  signals: number;
  acv: number;
  daysInactive: number;
  /** Prospect time zone; must be one of the world's zones (else the scenario zone is used). */
  timeZone: string;
  namedAccount: boolean;
  activeOutbound: boolean;
  /** Hidden lead quality (standard normal scale) for the prospect model. */
  quality: number;
}

/** A time-ordered stream of replayed leads; next() may reuse the object it returns. */
export interface LeadFeed {
  next(): FeedRecord | null;
}
