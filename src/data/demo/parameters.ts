// Parameters of the demo simulator's ground truth, in one place. They are stored with the demo store, so a store
// built today keeps its truth when the defaults change.

export interface DemoParameters {
  /** Length of the simulated window in days. */
  days: number;
  /**
   * Examination probability at 1-based position p is p^−η, steeper on phones: the power-law position bias measured
   * in search and recommendation logs (Joachims et al. 2017; Wang et al. 2018).
   */
  examinationExponent: { mobile: number; desktop: number };
  /** Logit weights of P(click | examined). */
  click: {
    intercept: number;
    affinity: number;
    price: number;
    quality: number;
    brand: number;
    latent: number;
    seasonIn: number;
    seasonOut: number;
    novelty: number;
    socialProof: number;
    friendPurchase: number;
    ownedItem: number;
    ownedCategory: number;
    complement: number;
    trip: number;
    search: number;
    evening: number;
    partySizeMismatch: number;
    lightness: number;
    unavailable: number;
  };
  /** Logit weights of P(cart | click). Out-of-stock items cannot be carted. */
  cart: {
    intercept: number;
    affinity: number;
    price: number;
    quality: number;
    brand: number;
    trip: number;
    search: number;
  };
  /** Logit weights of P(purchase | cart). */
  purchase: { intercept: number; price: number; quality: number; trip: number };
  /** Half-life of the click counts behind popularity (social proof and the logging policy). */
  popularityHalfLifeDays: number;
  /** The production recommender whose slates are logged, with known propensities. */
  logging: {
    /** Candidates per request: the best-scored available items, then `exploreCandidates` drawn at random. */
    poolSize: number;
    /** Pool places given to uniformly drawn catalog items, so that the long tail gets exposure and support. */
    exploreCandidates: number;
    slateSize: number;
    /** Share of requests whose strata are shown in a uniformly random order. */
    explorationRate: number;
    /** Softmax temperature within a stratum. */
    temperature: number;
    /** Share of uniform choice mixed into each stratum's softmax, so that every candidate has support. */
    uniformMix: number;
    /** Score weights. */
    popularity: number;
    interest: number;
    freshness: number;
    season: number;
    rating: number;
    complement: number;
    noise: number;
  };
  sessions: {
    /** Probability that a session searches a category the user still needs for a planned trip. */
    neededSearch: number;
    /** Probability of one browsing search, its category drawn by affinity. */
    browseSearch: number;
    /** Probability that a search is sorted by price (times price sensitivity / 2, at most 1) or by newest. */
    sortByPrice: number;
    sortByNewest: number;
    maxPerDay: number;
    /** Sessions are this many times more frequent while planning a trip. */
    planningBoost: number;
    weekendBoost: number;
    /** China's National Day holiday (1–7 October). */
    holidayBoost: number;
  };
}

export const defaultDemoParameters: DemoParameters = {
  days: 90,
  examinationExponent: { mobile: 1.0, desktop: 0.7 },
  click: {
    intercept: -3.5,
    affinity: 0.9,
    price: 0.8,
    quality: 0.7,
    brand: 0.8,
    latent: 1.0,
    seasonIn: 0.25,
    seasonOut: 1.2,
    novelty: 0.6,
    socialProof: 0.2,
    friendPurchase: 0.8,
    ownedItem: 3,
    ownedCategory: 1.2,
    complement: 0.9,
    trip: 1.3,
    search: 1.6,
    evening: 0.15,
    partySizeMismatch: 0.35,
    lightness: 0.4,
    unavailable: 0.6,
  },
  cart: { intercept: -2.4, affinity: 0.4, price: 0.7, quality: 0.4, brand: 0.4, trip: 1.0, search: 0.4 },
  purchase: { intercept: -0.6, price: 0.5, quality: 0.3, trip: 0.8 },
  popularityHalfLifeDays: 14,
  logging: {
    poolSize: 40,
    exploreCandidates: 10,
    slateSize: 10,
    explorationRate: 0.25,
    temperature: 0.7,
    uniformMix: 0.3,
    popularity: 0.35,
    interest: 1.2,
    freshness: 0.8,
    season: 0.6,
    rating: 0.3,
    complement: 1.0,
    noise: 1.2,
  },
  sessions: {
    neededSearch: 0.15,
    browseSearch: 0.12,
    sortByPrice: 0.35,
    sortByNewest: 0.1,
    maxPerDay: 3,
    planningBoost: 2,
    weekendBoost: 1.25,
    holidayBoost: 1.5,
  },
};
