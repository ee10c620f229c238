/** Report key layout: data shared with the store, so it lives in src/model/containment/. */
export * from '../../model/containment/key.js';
