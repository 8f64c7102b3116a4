export { RandomStream, deriveStream, normaliseSeed, hashString32, splitmix32 } from './xoshiro.js';
