/** Default-off research features on the decoder's hooks (`../shared/docs/research-features.md`). */
export * from './beamnet/index.js';
